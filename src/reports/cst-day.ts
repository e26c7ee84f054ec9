import { assert } from '../assert.js';

/**
 * Calendar days in China Standard Time (UTC+8, no daylight saving) as whole days since
 * 1970-01-01. PBOC reporting counts days in CST, so a posting at 23:30 UTC belongs to the
 * next CST day.
 */
export type EpochDay = number;

const DAY_MS = 86_400_000;
export const CST_OFFSET_MS = 8 * 3_600_000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real `YYYY-MM-DD` date (no 2026-02-30). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

export function epochDayOfIso(date: string): EpochDay {
  assert(isIsoDate(date), `not a calendar date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function isoOfEpochDay(day: EpochDay): string {
  assert(Number.isInteger(day), 'epoch day is an integer');
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The CST day an instant falls on. */
export function cstDayOfMs(atMs: number): EpochDay {
  return Math.floor((atMs + CST_OFFSET_MS) / DAY_MS);
}

/** The instants [startMs, endMs) of a CST day. */
export function cstDayBoundsMs(day: EpochDay): { startMs: number; endMs: number } {
  const startMs = day * DAY_MS - CST_OFFSET_MS;
  return { startMs, endMs: startMs + DAY_MS };
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOf(day: EpochDay): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** An instant as goAML wants it: local CST time with its offset, no fractions. */
export function cstDateTime(atMs: number): string {
  return `${new Date(atMs + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
