import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_POLICY_DEFAULT, backoffDelayMs, nominalBackoffMs } from './backoff.js';

describe('backoff', () => {
  it('doubles from the base up to the cap', () => {
    const policy = { baseMs: 1_000, capMs: 10_000, jitterFraction: 0.5 };
    expect([1, 2, 3, 4, 5, 6].map((a) => nominalBackoffMs(a, policy))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
    expect(backoffDelayMs(3, 0, policy)).toBe(4_000);
    expect(backoffDelayMs(3, 0.75, policy)).toBe(2_500);
    expect(nominalBackoffMs(1_000, policy)).toBe(10_000);
  });

  it('property: with one jitter draw the schedule never shrinks and never passes the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempts, random) => {
          let previous = 0;
          for (let attempt = 1; attempt <= attempts; attempt += 1) {
            const delay = backoffDelayMs(attempt, random);
            expect(delay).toBeGreaterThanOrEqual(previous);
            expect(delay).toBeLessThanOrEqual(BACKOFF_POLICY_DEFAULT.capMs);
            previous = delay;
          }
        },
      ),
    );
  });

  it('property: jitter takes at most its share of the nominal delay', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, random) => {
          const nominal = nominalBackoffMs(attempt, BACKOFF_POLICY_DEFAULT);
          const delay = backoffDelayMs(attempt, random);
          expect(delay).toBeLessThanOrEqual(nominal);
          expect(delay).toBeGreaterThanOrEqual(
            Math.floor(nominal * (1 - BACKOFF_POLICY_DEFAULT.jitterFraction)),
          );
        },
      ),
    );
  });
});
