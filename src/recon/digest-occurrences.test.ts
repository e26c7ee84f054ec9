import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigestOccurrences } from './digest-occurrences.js';

const hexChar = fc.constantFrom(...'0123456789abcdef'.split(''));
/** Digests that often share their first 32 bits, so slots collide and probing is exercised. */
const digestArbitrary = fc
  .tuple(
    fc.constantFrom('00000000', 'ffffffff', '80000000', '0000000f'),
    fc.string({ unit: hexChar, minLength: 56, maxLength: 56 }),
  )
  .map(([prefix, rest]) => prefix + rest);

describe('digest occurrence counting', () => {
  it('counts like a map from digest to count, through growth and colliding prefixes', () => {
    fc.assert(
      fc.property(
        fc.array(digestArbitrary, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 200 }),
        fc.nat(64),
        (pool, picks, expected) => {
          const occurrences = new DigestOccurrences(expected);
          const reference = new Map<string, number>();
          for (const pick of picks) {
            const digest = pool[pick % pool.length] as string;
            const seen = reference.get(digest) ?? 0;
            reference.set(digest, seen + 1);
            expect(occurrences.next(digest)).toBe(seen);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps many distinct digests apart', () => {
    const occurrences = new DigestOccurrences(0);
    const digests = Array.from({ length: 5000 }, (_, index) =>
      index.toString(16).padStart(8, '0').repeat(8),
    );
    for (const digest of digests) expect(occurrences.next(digest)).toBe(0);
    for (const digest of digests) expect(occurrences.next(digest)).toBe(1);
  });
});
