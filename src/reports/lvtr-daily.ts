import { platformDutyAlert, type AlertInput } from '../cases/alert-input.js';
import { raiseAlerts } from '../cases/raise-alerts.js';
import type { Principal } from '../security/index.js';
import type { Database } from '../store/index.js';
import { cstDayOfMs, isoOfEpochDay } from './cst-day.js';
import { runLvtrBatch } from './lvtr-batch.js';
import { REPORT_LIMITS } from './report-limits.js';

/** Who runs the nightly batch, as its reports' versions and audit records name it. */
export const LVTR_DAILY_ACTOR: Principal = {
  id: 'system:reports',
  kind: 'staff',
  platformId: null,
  role: 'system',
  name: 'Nightly large-value batch',
};

/** 00:30 China Standard Time: half an hour after the day to report has ended. */
export const LVTR_DAILY_AT_UTC = { hour: 16, minute: 30 } as const;

export const LVTR_DAILY_RULE_ID = 'compliance.lvtr_batch_failed';

export interface DailyLvtrOutcome {
  platformId: string;
  businessDate: string;
  outcome: 'reported' | 'unchanged' | 'nothing_to_report' | 'failed';
  /** Reports (parts) the day has after the run. */
  reports: number;
  error?: string;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The alert of a day whose batch could not run: once per platform and day, high severity. */
export function lvtrBatchFailureAlert(
  platformId: string,
  businessDate: string,
  message: string,
  nowMs: number,
): AlertInput {
  return platformDutyAlert({
    alertKey: `report_lvtr_batch:${businessDate}`,
    platformId,
    source: 'compliance',
    ruleId: LVTR_DAILY_RULE_ID,
    severity: 'high',
    atMs: nowMs,
    summary:
      `The large-value batch of ${businessDate} could not run: ${message}. ` +
      'The day has no report until it is run (POST /v1/platforms/:id/reports/lvtr-runs).',
    values: { businessDate, error: message.slice(0, 500) },
  });
}

/**
 * The nightly large-value run, per platform: every ended day of the last
 * `lvtrCatchUpDays` that has no large-value report yet is run, oldest first, so a night the
 * server was down is made up the next. A day with nothing to report leaves no report and is
 * looked at again on the following nights (cheaply: nothing is written). A day that fails
 * raises a `compliance` alert naming the day, and the next day and platform still run.
 */
export async function runDailyLvtr(db: Database, nowMs: number): Promise<DailyLvtrOutcome[]> {
  const yesterday = cstDayOfMs(nowMs) - 1;
  const firstDay = yesterday - REPORT_LIMITS.lvtrCatchUpDays + 1;
  const platforms = await db.query<{ id: string }>(
    'SELECT id FROM platforms ORDER BY id LIMIT $1',
    [REPORT_LIMITS.lvtrDailyPlatformsMax],
  );
  const outcomes: DailyLvtrOutcome[] = [];
  for (const { id: platformId } of platforms) {
    const covered = await db.query<{ day: string }>(
      `SELECT DISTINCT to_char(business_date, 'YYYY-MM-DD') AS day FROM reports
       WHERE platform_id = $1 AND kind = 'lvtr' AND purpose = 'new'
         AND business_date BETWEEN $2::date AND $3::date`,
      [platformId, isoOfEpochDay(firstDay), isoOfEpochDay(yesterday)],
    );
    const done = new Set(covered.map((row) => row.day));
    for (let day = firstDay; day <= yesterday; day += 1) {
      const businessDate = isoOfEpochDay(day);
      if (done.has(businessDate)) continue;
      outcomes.push(await runDay(db, platformId, businessDate, nowMs));
    }
  }
  return outcomes;
}

async function runDay(
  db: Database,
  platformId: string,
  businessDate: string,
  nowMs: number,
): Promise<DailyLvtrOutcome> {
  let message: string;
  try {
    const run = await runLvtrBatch(db, LVTR_DAILY_ACTOR, platformId, businessDate, { nowMs });
    if (run.ok) {
      const { reportId, unchanged, parts } = run.value;
      const outcome =
        reportId === null ? 'nothing_to_report' : unchanged ? 'unchanged' : 'reported';
      return { platformId, businessDate, outcome, reports: parts.length };
    }
    message = run.error.message;
  } catch (error) {
    message = messageOf(error);
  }
  const failed: DailyLvtrOutcome = {
    platformId,
    businessDate,
    outcome: 'failed',
    reports: 0,
    error: message,
  };
  try {
    await db.transaction((tx) =>
      raiseAlerts(tx, [lvtrBatchFailureAlert(platformId, businessDate, message, nowMs)], {
        nowMs,
      }),
    );
  } catch (alertError) {
    failed.error += `; its alert could not be raised: ${messageOf(alertError)}`;
  }
  return failed;
}
