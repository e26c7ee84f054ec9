import { assert } from '../assert.js';
import { cstDayOfMs, epochDayOfIso, isIsoDate, isoOfEpochDay } from '../reports/index.js';
import type { PartnerRating, ScoreBand } from './risk-types.js';

/**
 * Review dates (pure). Days are China Standard Time calendar days, as the platforms keep them:
 * a review due on a date is overdue from the next CST day.
 */
export const RISK_REVIEW_CADENCE_DAYS: Record<ScoreBand, number> = {
  critical: 30,
  high: 90,
  medium: 180,
  low: 365,
};

/** Weaker partners are reviewed more often (seed §3.2.2: periodic review). */
export const PARTNER_REVIEW_CADENCE_DAYS: Record<PartnerRating | 'unrated', number> = {
  A: 365,
  B: 365,
  C: 180,
  D: 90,
  E: 30,
  unrated: 90,
};

export const CADENCE_DAYS_MIN = 7;
export const CADENCE_DAYS_MAX = 730;

export function todayCst(nowMs: number): string {
  return isoOfEpochDay(cstDayOfMs(nowMs));
}

export function addDays(date: string, days: number): string {
  assert(Number.isInteger(days), 'whole days');
  return isoOfEpochDay(epochDayOfIso(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return epochDayOfIso(to) - epochDayOfIso(from);
}

export { isIsoDate };

/** Due state of a review date on a day: overdue after it, due soon within the reminder window. */
export function reviewState(
  dueOn: string,
  today: string,
  reminderDays: number,
): 'overdue' | 'due_soon' | 'scheduled' {
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'overdue';
  if (left <= reminderDays) return 'due_soon';
  return 'scheduled';
}
