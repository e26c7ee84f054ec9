import type { EpochDay } from '../../reports/cst-day.js';
import { reportDeadline, type WorkingCalendar } from '../../reports/working-days.js';

/**
 * Where a report stands against its deadline (all days CST):
 * `on_time` submitted on or before it, `late` submitted after it, `overdue` not submitted and
 * the deadline has passed, `pending` not submitted and still within it.
 */
export type FilingStatus = 'on_time' | 'late' | 'overdue' | 'pending';

export function filingStatus(
  deadlineDay: EpochDay,
  submittedDay: EpochDay | null,
  todayDay: EpochDay,
): FilingStatus {
  if (submittedDay !== null) return submittedDay <= deadlineDay ? 'on_time' : 'late';
  return todayDay > deadlineDay ? 'overdue' : 'pending';
}

/** A large-value report's status, its deadline recomputed as 5 working days after the day. */
export function lvtrFilingStatus(
  businessDay: EpochDay,
  submittedDay: EpochDay | null,
  todayDay: EpochDay,
  calendar: WorkingCalendar,
): { deadlineDay: EpochDay; status: FilingStatus } {
  const deadlineDay = reportDeadline(businessDay, calendar);
  return { deadlineDay, status: filingStatus(deadlineDay, submittedDay, todayDay) };
}
