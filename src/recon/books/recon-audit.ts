import type { AuditRecordInput } from '../../audit/audit-record-store.js';
import type { Principal } from '../../security/index.js';

/** One audit record for a reconciliation change; payload values must be JSON (no bigint). */
export function reconAudit(
  actor: Principal | string,
  platformId: string,
  action: string,
  subjectType: string,
  subjectId: string,
  payload: Record<string, unknown>,
): AuditRecordInput {
  return {
    platformId,
    actor: typeof actor === 'string' ? actor : actor.id,
    action,
    subjectType,
    subjectId,
    payload,
    atMs: Date.now(),
  };
}
