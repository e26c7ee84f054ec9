import { assert } from '../assert.js';
import { weekdayOf, type EpochDay } from './cst-day.js';
import { REPORT_LIMITS } from './report-limits.js';

/**
 * A working-day calendar: Monday to Friday work unless listed as holidays; Saturday and Sunday
 * do not unless listed as make-up workdays (调休), as the PRC State Council publishes each year.
 */
export interface WorkingCalendar {
  holidays: ReadonlySet<EpochDay>;
  workdays: ReadonlySet<EpochDay>;
}

export const WEEKENDS_ONLY: WorkingCalendar = { holidays: new Set(), workdays: new Set() };

export function isWorkingDay(day: EpochDay, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The `count`-th working day after `day` (the day itself not counted, whatever it is). A
 * calendar with no working day in `workingDayScanDaysMax` days is a configuration error.
 */
export function addWorkingDays(day: EpochDay, count: number, calendar: WorkingCalendar): EpochDay {
  assert(Number.isInteger(day), 'day is an integer');
  assert(Number.isInteger(count) && count >= 1, 'count of working days is at least 1');
  let current = day;
  let found = 0;
  let gap = 0;
  while (found < count) {
    current += 1;
    gap += 1;
    assert(gap <= REPORT_LIMITS.workingDayScanDaysMax, 'no working day in the scan window');
    if (isWorkingDay(current, calendar)) {
      found += 1;
      gap = 0;
    }
  }
  return current;
}

/** The last day a report on `businessDay` is on time: five working days later. */
export function reportDeadline(businessDay: EpochDay, calendar: WorkingCalendar): EpochDay {
  return addWorkingDays(businessDay, REPORT_LIMITS.deadlineWorkingDays, calendar);
}
