import type { ComplaintCategory, ComplaintChannel, ComplaintState } from './complaint-types.js';

export type ComplaintRow = {
  id: string;
  platform_id: string;
  customer_id: string;
  category: ComplaintCategory;
  channel: ComplaintChannel;
  state: ComplaintState;
  freeze_id: string | null;
  instruction_ids: string[];
  case_id: string | null;
  incident_id: string | null;
  external_ref: string | null;
  acknowledge_due_at: Date;
  resolve_due_at: Date;
  acknowledged_at: Date | null;
  escalated_at: Date | null;
  closed_at: Date | null;
  text_erased_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

export const COMPLAINT_COLUMNS = `id, platform_id, customer_id, category, channel, state, freeze_id,
  instruction_ids, case_id, incident_id, external_ref, acknowledge_due_at, resolve_due_at,
  acknowledged_at, escalated_at, closed_at, text_erased_at, created_at, updated_at`;

export type OverdueKind = 'acknowledge' | 'resolve';

export interface ComplaintView {
  id: string;
  platformId: string;
  customerId: string;
  category: ComplaintCategory;
  channel: ComplaintChannel;
  state: ComplaintState;
  freezeId: string | null;
  instructionIds: string[];
  caseId: string | null;
  incidentId: string | null;
  externalRef: string | null;
  acknowledgeDueAt: string;
  resolveDueAt: string;
  acknowledgedAt: string | null;
  escalatedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Which deadline has passed unmet now, if any (resolve wins over acknowledge). */
  overdue: OverdueKind | null;
  /** Closed after its resolution deadline. */
  answeredLate: boolean;
  textErased: boolean;
}

const iso = (value: Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** Pure: which deadline of a complaint is missed at `nowMs`. */
export function overdueKind(
  times: {
    acknowledgeDueMs: number;
    resolveDueMs: number;
    acknowledgedMs: number | null;
    closedMs: number | null;
  },
  nowMs: number,
): OverdueKind | null {
  if (times.closedMs === null && nowMs > times.resolveDueMs) return 'resolve';
  if (times.acknowledgedMs === null && times.closedMs === null && nowMs > times.acknowledgeDueMs)
    return 'acknowledge';
  return null;
}

export function complaintView(row: ComplaintRow, nowMs: number): ComplaintView {
  const ms = (value: Date | null) => (value === null ? null : new Date(value).getTime());
  const closedMs = ms(row.closed_at);
  const resolveDueMs = new Date(row.resolve_due_at).getTime();
  return {
    id: row.id,
    platformId: row.platform_id,
    customerId: row.customer_id,
    category: row.category,
    channel: row.channel,
    state: row.state,
    freezeId: row.freeze_id,
    instructionIds: row.instruction_ids,
    caseId: row.case_id,
    incidentId: row.incident_id,
    externalRef: row.external_ref,
    acknowledgeDueAt: new Date(row.acknowledge_due_at).toISOString(),
    resolveDueAt: new Date(row.resolve_due_at).toISOString(),
    acknowledgedAt: iso(row.acknowledged_at),
    escalatedAt: iso(row.escalated_at),
    closedAt: iso(row.closed_at),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    overdue: overdueKind(
      {
        acknowledgeDueMs: new Date(row.acknowledge_due_at).getTime(),
        resolveDueMs,
        acknowledgedMs: ms(row.acknowledged_at),
        closedMs,
      },
      nowMs,
    ),
    answeredLate: closedMs !== null && closedMs > resolveDueMs,
    textErased: row.text_erased_at !== null,
  };
}
