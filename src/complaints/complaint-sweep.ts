import { appendAuditRecords } from '../audit/audit-record-store.js';
import { raiseAlerts, type AlertInput } from '../cases/index.js';
import type { Database } from '../store/index.js';
import { appendComplaintEvent } from './complaint-events.js';
import { COMPLAINT_LIMITS } from './complaint-limits.js';
import type { ComplaintCategory } from './complaint-types.js';

export const COMPLAINTS_SYSTEM_ACTOR = 'system:complaints';

export const COMPLAINT_OVERDUE_RULES = {
  acknowledge: 'complaint.acknowledge_overdue',
  resolve: 'complaint.resolve_overdue',
} as const;

type DueRow = {
  id: string;
  platform_id: string;
  category: ComplaintCategory;
  kind: 'acknowledge' | 'resolve';
  due_at: Date;
};

/**
 * Raises one alert per missed deadline of an open complaint: not acknowledged in time, not
 * answered in time. A missed answer to a restriction objection (AML Law Art. 39) or to an
 * alleged unauthorized transaction is critical. Each deadline is alerted once, recorded on
 * the complaint's timeline in the same transaction.
 */
export async function sweepOverdueComplaints(
  db: Database,
  nowMs = Date.now(),
): Promise<{ alerted: { complaintId: string; kind: 'acknowledge' | 'resolve' }[] }> {
  return db.transaction(async (tx) => {
    const now = new Date(nowMs);
    const rows = await tx.query<DueRow>(
      `SELECT id, platform_id, category, 'resolve' AS kind, resolve_due_at AS due_at FROM complaints
       WHERE closed_at IS NULL AND resolve_due_at < $1 AND resolve_alerted_at IS NULL
       UNION ALL
       SELECT id, platform_id, category, 'acknowledge', acknowledge_due_at FROM complaints
       WHERE closed_at IS NULL AND acknowledged_at IS NULL AND acknowledge_due_at < $1
         AND acknowledge_alerted_at IS NULL
       ORDER BY id LIMIT $2`,
      [now, COMPLAINT_LIMITS.sweepBatchMax],
    );
    if (rows.length === 0) return { alerted: [] };
    const alerts: AlertInput[] = rows.map((row) => {
      const serious =
        row.category === 'restriction_objection' || row.category === 'unauthorized_transaction';
      return {
        alertKey: `complaint:${row.id}:${row.kind}_overdue`,
        platformId: row.platform_id,
        source: 'kri',
        ruleId: COMPLAINT_OVERDUE_RULES[row.kind],
        ruleVersion: 1,
        severity: serious && row.kind === 'resolve' ? 'critical' : 'high',
        customerId: null,
        score: serious ? 1 : 0.5,
        atMs: nowMs,
        explanation: {
          summary: `Complaint ${row.id} (${row.category}) not ${row.kind === 'resolve' ? 'answered' : 'acknowledged'} by ${new Date(row.due_at).toISOString()}`,
          values: { complaintId: row.id, category: row.category },
          thresholds: { dueAt: new Date(row.due_at).toISOString() },
          eventIds: [],
        },
      };
    });
    await raiseAlerts(tx, alerts, { nowMs });
    for (const row of rows) {
      await tx.query(
        row.kind === 'resolve'
          ? 'UPDATE complaints SET resolve_alerted_at = $2 WHERE id = $1'
          : 'UPDATE complaints SET acknowledge_alerted_at = $2 WHERE id = $1',
        [row.id, now],
      );
      await appendComplaintEvent(tx, {
        complaintId: row.id,
        platformId: row.platform_id,
        kind: `${row.kind}_overdue`,
        actor: COMPLAINTS_SYSTEM_ACTOR,
        detail: { dueAt: new Date(row.due_at).toISOString() },
        atMs: nowMs,
      });
    }
    await appendAuditRecords(
      tx,
      rows.map((row) => ({
        platformId: row.platform_id,
        actor: COMPLAINTS_SYSTEM_ACTOR,
        action: `complaint.${row.kind}_overdue`,
        subjectType: 'complaint',
        subjectId: row.id,
        payload: { dueAt: new Date(row.due_at).toISOString() },
        atMs: nowMs,
      })),
    );
    return { alerted: rows.map((row) => ({ complaintId: row.id, kind: row.kind })) };
  });
}
