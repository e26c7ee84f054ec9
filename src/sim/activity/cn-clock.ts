import { assert } from '../../assert.js';
import type { Prng } from './prng.js';

/**
 * Time on a CNY platform runs on China Standard Time (UTC+8, no daylight saving). A simulated
 * day starts at local midnight; `dayStartMs` values are epoch milliseconds.
 */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
export const CN_UTC_OFFSET_MS = 8 * HOUR_MS;

/** Relative weight of each local hour for a customer who keeps office hours. */
const DAY_HOUR_WEIGHTS = [
  0.4, 0.25, 0.15, 0.1, 0.1, 0.2, 0.6, 1.5, 3, 6, 7, 7, 5, 5, 6.5, 7, 6.5, 5, 4, 4.5, 5, 4.5, 3,
  1.5,
] as const;
/** A minority keeps late hours as a habit (their history shows it). */
const LATE_HOUR_WEIGHTS = DAY_HOUR_WEIGHTS.map((weight, hour) =>
  hour >= 22 || hour < 5 ? weight * 8 : weight,
);
assert(DAY_HOUR_WEIGHTS.length === 24, 'one weight per hour');

const cumulative = (weights: readonly number[]): number[] => {
  let sum = 0;
  return weights.map((weight) => (sum += weight));
};
const DAY_CUMULATIVE = cumulative(DAY_HOUR_WEIGHTS);
const LATE_CUMULATIVE = cumulative(LATE_HOUR_WEIGHTS);

/** Epoch ms of local midnight of the calendar day holding `atMs`. */
export function localMidnightMs(atMs: number): number {
  return Math.floor((atMs + CN_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - CN_UTC_OFFSET_MS;
}

export function isWeekend(dayStartMs: number): boolean {
  const weekday = new Date(dayStartMs + CN_UTC_OFFSET_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function localHour(atMs: number): number {
  return Math.floor(((atMs - localMidnightMs(atMs)) % DAY_MS) / HOUR_MS);
}

/** A moment of the day drawn from the daily rhythm (fewer at night). */
export function sampleTimeMs(prng: Prng, dayStartMs: number, lateHours: boolean): number {
  const table = lateHours ? LATE_CUMULATIVE : DAY_CUMULATIVE;
  const target = prng.float() * (table[23] as number);
  let hour = 0;
  while (hour < 23 && (table[hour] as number) <= target) hour += 1;
  return dayStartMs + hour * HOUR_MS + prng.int(0, HOUR_MS - 1);
}

/** A moment inside [fromMs, toMs), uniformly. */
export function sampleBetweenMs(prng: Prng, fromMs: number, toMs: number): number {
  assert(toMs > fromMs, 'empty time range');
  return fromMs + Math.floor(prng.float() * (toMs - fromMs));
}
