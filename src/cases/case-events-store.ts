import { assert } from '../assert.js';
import type { AuditRecordInput } from '../audit/audit-record-store.js';
import type { Queryable } from '../store/index.js';
import { CASE_EVENTS_PER_READ_MAX } from './case-limits.js';

/** The actor of changes Custos makes by itself (alerts raised, SLA sweeps). */
export const CASES_SYSTEM_ACTOR = 'system:cases';
export const CASE_EVENTS_PER_APPEND_MAX = 10_000;

export interface CaseEventInput {
  caseId: string;
  platformId: string;
  kind: string;
  actor: string;
  detail: Record<string, unknown>;
  atMs: number;
}

export interface CaseEventView {
  id: string;
  kind: string;
  actor: string;
  detail: Record<string, unknown>;
  at: string;
}

/** Appends timeline entries in one statement; the table refuses updates and deletes. */
export async function appendCaseEvents(
  tx: Queryable,
  events: readonly CaseEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  assert(events.length <= CASE_EVENTS_PER_APPEND_MAX, 'too many case events in one append');
  const rows = events.map((event) => ({
    c: event.caseId,
    p: event.platformId,
    k: event.kind,
    a: event.actor,
    d: event.detail,
    t: new Date(event.atMs).toISOString(),
  }));
  const inserted = await tx.query(
    `INSERT INTO case_events (case_id, platform_id, kind, actor, detail, at)
     SELECT r.c, r.p, r.k, r.a, r.d, r.t
     FROM json_to_recordset($1::json) AS r(c text, p text, k text, a text, d jsonb, t timestamptz)
     RETURNING id`,
    [JSON.stringify(rows)],
  );
  assert(inserted.length === events.length, 'every case event is written');
}

export async function listCaseEvents(tx: Queryable, caseId: string): Promise<CaseEventView[]> {
  const rows = await tx.query<{
    id: string;
    kind: string;
    actor: string;
    detail: Record<string, unknown>;
    at: Date;
  }>(
    `SELECT id, kind, actor, detail, at FROM case_events WHERE case_id = $1 ORDER BY id LIMIT $2`,
    [caseId, CASE_EVENTS_PER_READ_MAX],
  );
  return rows.map((row) => ({
    id: String(row.id),
    kind: row.kind,
    actor: row.actor,
    detail: row.detail,
    at: new Date(row.at).toISOString(),
  }));
}

/** One audit record for a case-module change. Payload values must be JSON (no bigint). */
export function caseAudit(
  actor: string,
  platformId: string | null,
  action: string,
  subjectType: string,
  subjectId: string,
  payload: Record<string, unknown>,
  atMs = Date.now(),
): AuditRecordInput {
  return { platformId, actor, action, subjectType, subjectId, payload, atMs };
}
