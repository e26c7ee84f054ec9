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

/**
 * Records a security event and its audit record in the caller's transaction. Monitoring reads
 * `security_events` in id order; the audit log makes them tamper-evident.
 */
export async function recordSecurityEvent(
  tx: Queryable,
  platformId: string | null,
  kind: SecurityEventKind,
  actor: string,
  detail: Record<string, unknown>,
  atMs: number,
): Promise<void> {
  await tx.query(
    'INSERT INTO security_events (platform_id, kind, actor, detail, at) VALUES ($1, $2, $3, $4, $5)',
    [platformId, kind, actor, JSON.stringify(detail), new Date(atMs)],
  );
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: `security.${kind}`,
      subjectType: 'security_event',
      subjectId: kind,
      payload: detail,
      atMs,
    },
  ]);
}
