import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  reviewState,
  todayCst,
} from '../../src/risk-register/review-schedule.js';

describe('review schedule', () => {
  it('adds and counts calendar days consistently', () => {
    const date = fc
      .integer({ min: 0, max: 40_000 })
      .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -800, max: 800 }), (from, days) => {
        expect(daysBetween(from, addDays(from, days))).toBe(days);
      }),
    );
  });

  it('is overdue the day after the due date, due soon inside the reminder window', () => {
    expect(reviewState('2026-11-26', '2026-11-27', 14)).toBe('overdue');
    expect(reviewState('2026-11-27', '2026-11-27', 14)).toBe('due_soon');
    expect(reviewState('2026-12-11', '2026-11-27', 14)).toBe('due_soon');
    expect(reviewState('2026-12-12', '2026-11-27', 14)).toBe('scheduled');
  });

  it('counts days in China Standard Time', () => {
    expect(todayCst(Date.parse('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(todayCst(Date.parse('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
  });
});
