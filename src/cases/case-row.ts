import type { Queryable } from '../store/index.js';
import type { CaseQueue } from './alert-input.js';
import type { CaseState, Disposition } from './case-state.js';
import { slaStatus, type SlaStatus, type SlaWindow } from './sla.js';
import type { Severity } from './severity.js';

export interface CaseView {
  id: string;
  platformId: string;
  customerId: string | null;
  queue: CaseQueue;
  state: CaseState;
  severity: Severity;
  priority: number;
  assigneeId: string | null;
  alertCount: number;
  openedAt: string;
  triagedAt: string | null;
  slaWarnAt: string;
  slaDueAt: string;
  slaStatus: SlaStatus | 'met';
  slaWarnedAt: string | null;
  slaBreachedAt: string | null;
  /** The open four-eyes request to close it, if one is waiting. */
  closeApprovalId: string | null;
  disposition: Disposition | null;
  closeReason: string | null;
  closedBy: string | null;
  closeApprovedBy: string | null;
  closedAt: string | null;
  updatedAt: string;
}

/** A locked case as the services decide on it. */
export interface LockedCase {
  view: CaseView;
  sla: SlaWindow;
  closePending: boolean;
}

export const CASE_COLUMNS = `c.id, c.platform_id, c.customer_id, c.queue, c.state, c.severity,
  c.priority, c.assignee_id, c.alert_count, c.opened_at, c.triaged_at, c.sla_started_at,
  c.sla_warn_at, c.sla_due_at, c.sla_warned_at, c.sla_breached_at, c.disposition,
  c.close_reason, c.closed_by, c.close_approved_by, c.closed_at, c.updated_at,
  CASE WHEN a.status = 'open' AND a.expires_at > now() THEN a.id END AS pending_approval_id`;
export const CASE_FROM = `cases c LEFT JOIN approvals a ON a.id = c.close_approval_id`;

const isoOrNull = (value: unknown) =>
  value === null ? null : new Date(value as Date).toISOString();
const ms = (value: unknown) => new Date(value as Date).getTime();

export function caseFromRow(row: Record<string, unknown>, nowMs = Date.now()): LockedCase {
  const sla = {
    startedAtMs: ms(row.sla_started_at),
    warnAtMs: ms(row.sla_warn_at),
    dueAtMs: ms(row.sla_due_at),
  };
  const closedAt = isoOrNull(row.closed_at);
  const pending = (row.pending_approval_id as string | null) ?? null;
  const view: CaseView = {
    id: String(row.id),
    platformId: String(row.platform_id),
    customerId: (row.customer_id as string | null) ?? null,
    queue: row.queue as CaseQueue,
    state: row.state as CaseState,
    severity: row.severity as Severity,
    priority: Number(row.priority),
    assigneeId: (row.assignee_id as string | null) ?? null,
    alertCount: Number(row.alert_count),
    openedAt: new Date(row.opened_at as Date).toISOString(),
    triagedAt: isoOrNull(row.triaged_at),
    slaWarnAt: new Date(sla.warnAtMs).toISOString(),
    slaDueAt: new Date(sla.dueAtMs).toISOString(),
    slaStatus:
      closedAt === null
        ? slaStatus(sla, nowMs)
        : ms(row.closed_at) <= sla.dueAtMs
          ? 'met'
          : 'breached',
    slaWarnedAt: isoOrNull(row.sla_warned_at),
    slaBreachedAt: isoOrNull(row.sla_breached_at),
    closeApprovalId: pending,
    disposition: (row.disposition as Disposition | null) ?? null,
    closeReason: (row.close_reason as string | null) ?? null,
    closedBy: (row.closed_by as string | null) ?? null,
    closeApprovedBy: (row.close_approved_by as string | null) ?? null,
    closedAt,
    updatedAt: new Date(row.updated_at as Date).toISOString(),
  };
  return { view, sla, closePending: pending !== null };
}

/** Locks a case of a platform for the rest of the transaction; null when it does not exist. */
export async function lockCase(
  tx: Queryable,
  platformId: string,
  caseId: string,
): Promise<LockedCase | null> {
  const rows = await tx.query(
    `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM}
     WHERE c.id = $1 AND c.platform_id = $2 FOR UPDATE OF c`,
    [caseId, platformId],
  );
  const row = rows[0];
  return row === undefined ? null : caseFromRow(row);
}
