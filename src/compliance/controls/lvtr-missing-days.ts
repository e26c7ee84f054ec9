import { loadCnyRates } from '../../reports/calendar-store.js';
import { isoOfEpochDay, type EpochDay } from '../../reports/cst-day.js';
import { decideLvtr, LVTR_OPTIONS_DEFAULT } from '../../reports/lvtr-aggregate.js';
import { accumulateDay } from '../../reports/lvtr-batch.js';
import { reportDeadline, type WorkingCalendar } from '../../reports/working-days.js';
import { assert } from '../../assert.js';
import type { Queryable } from '../../store/index.js';
import { COMPLIANCE_LIMITS } from '../compliance-limits.js';

export interface MissingLvtrDays {
  /** Business days whose deadline has passed, looked at. */
  daysChecked: number;
  /** Days with qualifying items and no large-value report: `lvtr-missing:<date>`. */
  missing: string[];
  /** Days the aggregation could not decide (too many postings, no rate): `lvtr-undecided:<date>`. */
  undecided: string[];
}

/** The business days in [fromDay, todayDay) whose 5-working-day deadline has passed. */
export function daysPastDeadline(
  fromDay: EpochDay,
  todayDay: EpochDay,
  calendar: WorkingCalendar,
): EpochDay[] {
  assert(todayDay - fromDay <= COMPLIANCE_LIMITS.lvtrDaysReaggregatedMax, 'day range bounded');
  const days: EpochDay[] = [];
  for (let day = fromDay; day < todayDay; day += 1) {
    if (reportDeadline(day, calendar) < todayDay) days.push(day);
  }
  return days;
}

/**
 * A large-value report that was never created leaves no row to judge, so each business day
 * whose deadline has passed and that has no report is aggregated again exactly as the daily
 * batch does (same postings, same thresholds, same rates); a day with qualifying items and no
 * report is a report that was never filed.
 */
export async function findMissingLvtrDays(
  db: Queryable,
  platformId: string,
  days: readonly EpochDay[],
): Promise<MissingLvtrDays> {
  if (days.length === 0) return { daysChecked: 0, missing: [], undecided: [] };
  const covered = await db.query<{ day: string }>(
    `SELECT DISTINCT to_char(business_date, 'YYYY-MM-DD') AS day FROM reports
     WHERE platform_id = $1 AND kind = 'lvtr' AND purpose = 'new'
       AND business_date = ANY($2::date[])`,
    [platformId, days.map(isoOfEpochDay)],
  );
  const coveredDays = new Set(covered.map((row) => row.day));
  const missing: string[] = [];
  const undecided: string[] = [];
  for (const day of days) {
    const date = isoOfEpochDay(day);
    if (coveredDays.has(date)) continue;
    const read = await accumulateDay(db, platformId, day);
    if (read === null) {
      undecided.push(`lvtr-undecided:${date}`);
      continue;
    }
    if (read.postingsRead === 0) continue;
    const rates = await loadCnyRates(db, day);
    try {
      if (decideLvtr(read.accumulator, rates, LVTR_OPTIONS_DEFAULT).length > 0)
        missing.push(`lvtr-missing:${date}`);
    } catch {
      // A foreign-currency amount without a rate to CNY: the batch could not have run either.
      undecided.push(`lvtr-undecided:${date}`);
    }
  }
  return { daysChecked: days.length, missing, undecided };
}
