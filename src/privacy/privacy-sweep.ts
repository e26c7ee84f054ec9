import { appendAuditRecords } from '../audit/audit-record-store.js';
import { raiseAlerts } from '../cases/index.js';
import type { Database } from '../store/index.js';
import { PRIVACY_LIMITS } from './privacy-limits.js';

export const PRIVACY_OVERDUE_RULE = 'privacy.request_overdue';
const PRIVACY_SYSTEM_ACTOR = 'system:privacy';

/** Raises one alert per privacy request past its answer deadline, once, and erases expired exports. */
export async function sweepPrivacyRequests(
  db: Database,
  nowMs = Date.now(),
): Promise<{ alerted: string[]; exportsExpired: number }> {
  return db.transaction(async (tx) => {
    const now = new Date(nowMs);
    const expired = await tx.query<{ id: string; platform_id: string }>(
      `UPDATE privacy_requests SET export_sealed = NULL
       WHERE export_sealed IS NOT NULL AND export_expires_at <= $1 RETURNING id, platform_id`,
      [now],
    );
    const rows = await tx.query<{ id: string; platform_id: string; kind: string; due_at: Date }>(
      `SELECT id, platform_id, kind, due_at FROM privacy_requests
       WHERE closed_at IS NULL AND due_at < $1 AND overdue_alerted_at IS NULL
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, PRIVACY_LIMITS.sweepBatchMax],
    );
    if (rows.length > 0) {
      await raiseAlerts(
        tx,
        rows.map((row) => ({
          alertKey: `privacy:${row.id}:overdue`,
          platformId: row.platform_id,
          source: 'kri' as const,
          ruleId: PRIVACY_OVERDUE_RULE,
          ruleVersion: 1,
          severity: 'high' as const,
          customerId: null,
          score: 0.5,
          atMs: nowMs,
          explanation: {
            summary: `Privacy request ${row.id} (${row.kind}) not answered by ${new Date(row.due_at).toISOString()}`,
            values: { requestId: row.id, kind: row.kind },
            thresholds: { dueAt: new Date(row.due_at).toISOString() },
            eventIds: [],
          },
        })),
        { nowMs },
      );
      await tx.query(
        'UPDATE privacy_requests SET overdue_alerted_at = $2 WHERE id = ANY($1::text[])',
        [rows.map((row) => row.id), now],
      );
    }
    const audit = [
      ...rows.map((row) => ({
        platformId: row.platform_id,
        actor: PRIVACY_SYSTEM_ACTOR,
        action: 'privacy_request.overdue',
        subjectType: 'privacy_request',
        subjectId: row.id,
        payload: { dueAt: new Date(row.due_at).toISOString() },
        atMs: nowMs,
      })),
      ...expired.map((row) => ({
        platformId: row.platform_id,
        actor: PRIVACY_SYSTEM_ACTOR,
        action: 'privacy_request.export_expired',
        subjectType: 'privacy_request',
        subjectId: row.id,
        payload: {},
        atMs: nowMs,
      })),
    ];
    if (audit.length > 0) await appendAuditRecords(tx, audit);
    return { alerted: rows.map((row) => row.id), exportsExpired: expired.length };
  });
}
