import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookReferenceIndex, referenceHash } from './book-reference-index.js';
import type { BookItem } from './match-item.js';

// Goal: the flat reference index answers exactly like a Map from reference to book indexes.
// Method: fast-check over random reference lists (few distinct values, so chains form; any
// string, so probes collide in the small table), comparing every chain against the Map's list.

const bookOf = (references: readonly string[]): BookItem[] =>
  references.map((reference, index) => ({
    id: `k${index}`,
    currency: 'EUR',
    amountMinor: 1n,
    day: 0,
    reference,
  }));

function chain(index: BookReferenceIndex, reference: string): number[] {
  const found: number[] = [];
  for (
    let bookIndex = index.first(reference);
    bookIndex !== -1;
    bookIndex = index.next(bookIndex)
  ) {
    found.push(bookIndex);
  }
  return found;
}

const referenceArb = fc.oneof(
  fc.constantFrom('', 'r0', 'r1', 'R1', 'r1 ', 'ins_0123456789abcdefghjkmnpqrs'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

describe('BookReferenceIndex', () => {
  it('lists the entries of each reference in book order, like a Map of arrays', () => {
    fc.assert(
      fc.property(
        fc.array(referenceArb, { maxLength: 200 }),
        fc.array(referenceArb, { maxLength: 20 }),
        (references, probes) => {
          const expected = new Map<string, number[]>();
          references.forEach((reference, bookIndex) => {
            expected.set(reference, [...(expected.get(reference) ?? []), bookIndex]);
          });
          const index = new BookReferenceIndex(bookOf(references));
          for (const reference of [...references, ...probes]) {
            expect(chain(index, reference)).toEqual(expected.get(reference) ?? []);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds nothing in an empty book', () => {
    expect(chain(new BookReferenceIndex([]), 'r0')).toEqual([]);
  });

  it('finds every entry of a book large enough to fill long probe runs', () => {
    const references = Array.from({ length: 5_000 }, (_, index) => `ins_${index % 3_000}`);
    const index = new BookReferenceIndex(bookOf(references));
    expect(chain(index, 'ins_7')).toEqual([7, 3_007]);
    expect(chain(index, 'ins_2999')).toEqual([2_999]);
    expect(chain(index, 'ins_3000')).toEqual([]);
  });

  it('hashes to a 32-bit integer that depends on every code unit', () => {
    expect(Number.isInteger(referenceHash(''))).toBe(true);
    expect(referenceHash('ins_a')).not.toBe(referenceHash('ins_b'));
    expect(referenceHash('ab')).not.toBe(referenceHash('ba'));
    expect(Math.abs(referenceHash('x'.repeat(1_000)))).toBeLessThanOrEqual(2 ** 31);
  });
});
