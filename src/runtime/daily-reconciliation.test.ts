import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msUntilNextUtc, utcDay } from './daily-reconciliation.js';

describe('daily schedule', () => {
  it('waits until the next occurrence of the time, within a day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (nowMs, hour, minute) => {
          const waitMs = msUntilNextUtc(nowMs, hour, minute);
          const at = new Date(nowMs + waitMs);
          return (
            waitMs > 0 &&
            waitMs <= 24 * 60 * 60 * 1000 &&
            at.getUTCHours() === hour &&
            at.getUTCMinutes() === minute
          );
        },
      ),
    );
  });

  it('names UTC days', () => {
    expect(utcDay(Date.UTC(2026, 10, 27, 23, 59))).toBe('2026-11-27');
  });
});
