import type { CaseView, SlaStatus } from './case-types.js';

export interface SlaReading {
  status: SlaStatus;
  /** Until the deadline (negative once past it); for closed cases, the margin at closing. */
  remainingMs: number;
}

/**
 * The SLA of a case at `nowMs`, by the server's rule (src/cases/sla.ts): breached at the
 * deadline, warning from the warning time; a closed case met its SLA if it closed in time.
 * Recomputed in the browser so the countdown moves between reloads.
 */
export function readSla(
  view: Pick<CaseView, 'slaWarnAt' | 'slaDueAt' | 'closedAt'>,
  nowMs: number,
): SlaReading {
  const dueAtMs = Date.parse(view.slaDueAt);
  const warnAtMs = Date.parse(view.slaWarnAt);
  if (view.closedAt !== null) {
    const closedAtMs = Date.parse(view.closedAt);
    return {
      status: closedAtMs <= dueAtMs ? 'met' : 'breached',
      remainingMs: dueAtMs - closedAtMs,
    };
  }
  const remainingMs = dueAtMs - nowMs;
  if (nowMs >= dueAtMs) return { status: 'breached', remainingMs };
  if (nowMs >= warnAtMs) return { status: 'warning', remainingMs };
  return { status: 'on_time', remainingMs };
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

/** A non-negative duration in whole days, hours and minutes (seconds are dropped). */
export function splitDuration(durationMs: number): DurationParts {
  const totalMinutes = Math.floor(Math.max(0, durationMs) / MINUTE_MS);
  return {
    days: Math.floor(totalMinutes / (DAY_MS / MINUTE_MS)),
    hours: Math.floor((totalMinutes % (DAY_MS / MINUTE_MS)) / (HOUR_MS / MINUTE_MS)),
    minutes: totalMinutes % (HOUR_MS / MINUTE_MS),
  };
}

export type DurationKey = 'days' | 'daysHours' | 'hours' | 'hoursMinutes' | 'minutes';

/**
 * The catalogue key that shows a duration at a useful precision: days and hours from a day
 * up, hours and minutes under it, and a zero second part left out (2d 3h, 5d, 3h 12m, 4h, 12m).
 */
export function durationKey(parts: DurationParts): DurationKey {
  if (parts.days > 0) return parts.hours === 0 ? 'days' : 'daysHours';
  if (parts.hours > 0) return parts.minutes === 0 ? 'hours' : 'hoursMinutes';
  return 'minutes';
}
