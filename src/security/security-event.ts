import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Queryable } from '../store/index.js';

export const SECURITY_EVENT_KINDS = [
  'signin_failed',
  'login_locked',
  'permission_denied',
  'unauthorized_debit_attempt',
  'key_rotation',
  'api_key_revoked',
  'rate_limited',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export interface SecurityEventInput {
  platformId: string | null;
  kind: SecurityEventKind;
  actor: string;
  detail: Record<string, unknown>;
  atMs: number;
}

/**
 * Records security events and their audit records in the caller's transaction, one statement
 * each. Monitoring reads `security_events` in id order; the audit log makes them tamper-evident.
 */
export async function recordSecurityEvents(
  tx: Queryable,
  events: readonly SecurityEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO security_events (platform_id, kind, actor, detail, at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])`,
    [
      events.map((e) => e.platformId),
      events.map((e) => e.kind),
      events.map((e) => e.actor),
      events.map((e) => JSON.stringify(e.detail)),
      events.map((e) => new Date(e.atMs).toISOString()),
    ],
  );
  await appendAuditRecords(
    tx,
    events.map((e) => ({
      platformId: e.platformId,
      actor: e.actor,
      action: `security.${e.kind}`,
      subjectType: 'security_event',
      subjectId: e.kind,
      payload: e.detail,
      atMs: e.atMs,
    })),
  );
}

export async function recordSecurityEvent(
  tx: Queryable,
  platformId: string | null,
  kind: SecurityEventKind,
  actor: string,
  detail: Record<string, unknown>,
  atMs: number,
): Promise<void> {
  await recordSecurityEvents(tx, [{ platformId, kind, actor, detail, atMs }]);
}
