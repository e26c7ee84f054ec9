import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from './prng.js';

describe('Prng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (seed) => {
        const a = new Prng(seed);
        const b = new Prng(seed);
        const c = new Prng((seed + 1) >>> 0);
        const left = Array.from({ length: 16 }, () => a.uint32());
        expect(Array.from({ length: 16 }, () => b.uint32())).toEqual(left);
        expect(Array.from({ length: 16 }, () => c.uint32())).not.toEqual(left);
      }),
    );
  });

  it('keeps int() inside its bounds and float() in [0, 1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (seed, low, span) => {
          const prng = new Prng(seed);
          for (let index = 0; index < 50; index += 1) {
            const value = prng.int(low, low + span);
            expect(value).toBeGreaterThanOrEqual(low);
            expect(value).toBeLessThanOrEqual(low + span);
            const float = prng.float();
            expect(float >= 0 && float < 1).toBe(true);
          }
        },
      ),
    );
  });

  it('spreads draws roughly evenly', () => {
    const prng = new Prng(42);
    const buckets = [0, 0, 0, 0];
    for (let index = 0; index < 40_000; index += 1) buckets[prng.int(0, 3)]! += 1;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('refuses an empty pick and reversed bounds', () => {
    const prng = new Prng(1);
    expect(() => prng.pick([])).toThrow();
    expect(() => prng.int(3, 2)).toThrow();
  });
});
