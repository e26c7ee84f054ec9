import { assert } from '../assert.js';
import type { RiskLevel, RiskModel } from './risk-model.js';

const DAY_MS = 86_400_000;

/** The ISO date `months` calendar months after `fromMs` (UTC), the day clamped to the month. */
export function addMonthsIso(fromMs: number, months: number): string {
  assert(Number.isInteger(months) && months >= 0, 'months is a non-negative integer');
  const from = new Date(fromMs);
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(from.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

/** When a customer of `level`, last reviewed at `lastReviewedMs`, is due for review. */
export function nextReviewDate(model: RiskModel, level: RiskLevel, lastReviewedMs: number): string {
  return addMonthsIso(lastReviewedMs, model.reviewMonths[level]);
}

/** A review is overdue from the day after its due date (UTC). */
export function isReviewOverdue(nextReviewIso: string, nowMs: number): boolean {
  const dueMs = Date.parse(`${nextReviewIso}T00:00:00Z`);
  assert(Number.isFinite(dueMs), 'a valid review date');
  return nowMs >= dueMs + DAY_MS;
}

export function todayIso(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}
