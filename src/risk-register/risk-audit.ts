import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Queryable } from '../store/index.js';

/** One audit record of a risk-register change, in the caller's transaction. */
export async function riskAudit(
  tx: Queryable,
  entry: {
    actor: string;
    platformId: string;
    action: string;
    subjectType: 'risk' | 'loss_event' | 'partner';
    subjectId: string;
    payload: Record<string, unknown>;
    nowMs: number;
  },
): Promise<void> {
  await appendAuditRecords(tx, [
    {
      platformId: entry.platformId,
      actor: entry.actor,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      payload: entry.payload,
      atMs: entry.nowMs,
    },
  ]);
}
