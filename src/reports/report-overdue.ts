import { platformDutyAlert, raiseAlerts, type AlertInput } from '../cases/index.js';
import type { Database } from '../store/index.js';
import { cstDayOfMs, isoOfEpochDay } from './cst-day.js';
import { REPORT_LIMITS } from './report-limits.js';
import { LVTR_NOTHING_TO_FILE, reportAudit } from './report-store.js';

/** The monitoring rule id under which an overdue report is raised, per kind. */
export const OVERDUE_RULE_IDS = {
  lvtr: 'compliance.lvtr_overdue',
  str: 'compliance.str_overdue',
} as const;

type OverdueRow = {
  id: string;
  platform_id: string;
  kind: 'lvtr' | 'str';
  status: string;
  deadline_date: string;
  business_date: string | null;
  lvtr_part: number | null;
};

/** A large-value day split into several reports names the part. */
const partOf = (row: OverdueRow) =>
  row.lvtr_part === null || row.lvtr_part === 1 ? '' : ` (part ${row.lvtr_part})`;

/**
 * Raises one alert for every report past its deadline and neither submitted nor withdrawn: a
 * missed reporting duty is a compliance violation. Each report is alerted once
 * (overdue_alerted_at), in the transaction that records it.
 */
export async function sweepOverdueReports(
  db: Database,
  nowMs = Date.now(),
): Promise<{ alerted: string[] }> {
  const today = isoOfEpochDay(cstDayOfMs(nowMs));
  return db.transaction(async (tx) => {
    const rows = await tx.query<OverdueRow>(
      `SELECT id, platform_id, kind, status, to_char(deadline_date, 'YYYY-MM-DD') AS deadline_date,
         to_char(business_date, 'YYYY-MM-DD') AS business_date, lvtr_part
       FROM reports
       WHERE status IN ('draft', 'approved') AND deadline_date < $1::date
         AND overdue_alerted_at IS NULL
         AND NOT ${LVTR_NOTHING_TO_FILE}
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [today, REPORT_LIMITS.overduePerSweepMax],
    );
    if (rows.length === 0) return { alerted: [] };
    const alerts: AlertInput[] = rows.map((row) =>
      platformDutyAlert({
        alertKey: `report_overdue:${row.id}`,
        platformId: row.platform_id,
        source: 'rule',
        ruleId: OVERDUE_RULE_IDS[row.kind],
        severity: 'high',
        atMs: nowMs,
        summary:
          `${row.kind === 'lvtr' ? `Large-value report of ${row.business_date ?? ''}${partOf(row)}` : 'Suspicious transaction report'} ` +
          `${row.id} is ${row.status} past its deadline ${row.deadline_date} (5 working days).`,
        values: { reportId: row.id, status: row.status, today },
        thresholds: { deadlineDate: row.deadline_date },
        eventIds: [row.id],
      }),
    );
    await raiseAlerts(tx, alerts, { nowMs });
    await tx.query('UPDATE reports SET overdue_alerted_at = $2 WHERE id = ANY($1::text[])', [
      rows.map((row) => row.id),
      new Date(nowMs),
    ]);
    for (const row of rows)
      await reportAudit(tx, 'system', row.platform_id, 'report.overdue', row.id, {
        deadlineDate: row.deadline_date,
      });
    return { alerted: rows.map((row) => row.id) };
  });
}
