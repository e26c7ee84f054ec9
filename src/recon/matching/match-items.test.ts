import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, type BankItem, type BookItem } from './match-item.js';
import { matchItems } from './match-items.js';
import { DEFAULT_MATCH_RULES, type MatchRule } from './match-rule.js';
import { referencesInText } from './reference-convention.js';

// Goal: matching is exclusive, respects tolerances and windows, and accounts for every item.
// Method: small hand-made cases for each strategy, then fast-check over random item sets and
// random rule sets, checking the partition and tolerance invariants on every outcome.

const day = dayNumber('2024-03-01');
const bankItem = (id: string, amountMinor: bigint, extra: Partial<BankItem> = {}): BankItem => ({
  id,
  currency: 'EUR',
  amountMinor,
  day,
  references: [],
  ...extra,
});
const bookItem = (id: string, amountMinor: bigint, extra: Partial<BookItem> = {}): BookItem => ({
  id,
  currency: 'EUR',
  amountMinor,
  day,
  reference: `ref-${id}`,
  ...extra,
});

describe('matchItems', () => {
  it('matches by reference and confirms an exact match', () => {
    const outcome = matchItems(
      [bankItem('b1', 500n, { references: ['ref-k1'] })],
      [bookItem('k0', 500n), bookItem('k1', 500n)],
      DEFAULT_MATCH_RULES,
    );
    expect(outcome.matches).toHaveLength(1);
    expect(outcome.matches[0]).toMatchObject({ ruleName: 'reference', state: 'confirmed' });
    expect(outcome.matches[0]?.bookIndexes).toEqual([1]);
    expect(outcome.unmatchedBook).toEqual([0]);
  });

  it('matches a batch line to the entries it names, and a split payment to its entry', () => {
    const outcome = matchItems(
      [
        bankItem('batch', 300n, { references: ['ref-a', 'ref-b'] }),
        bankItem('part1', -100n, { references: ['ref-c'] }),
        bankItem('part2', -150n, { references: ['ref-c'] }),
      ],
      [bookItem('a', 100n), bookItem('b', 200n), bookItem('c', -250n)],
      DEFAULT_MATCH_RULES,
    );
    expect(outcome.matches.map((match) => match.strategy)).toEqual(['one_to_many', 'many_to_one']);
    expect(outcome.unmatchedBank).toEqual([]);
    expect(outcome.unmatchedBook).toEqual([]);
  });

  it('suggests an amount-and-date match, nearest date first, never across currencies', () => {
    const outcome = matchItems(
      [bankItem('b', 700n, { day: day + 1 }), bankItem('usd', 700n, { currency: 'USD' })],
      [bookItem('far', 700n, { day: day - 1 }), bookItem('near', 700n, { day: day + 1 })],
      DEFAULT_MATCH_RULES,
    );
    expect(outcome.matches).toHaveLength(1);
    expect(outcome.matches[0]).toMatchObject({ state: 'suggested', bookIndexes: [1] });
    expect(outcome.unmatchedBank).toEqual([1]);
  });

  it('keeps a reference match outside the window or the amount unmatched', () => {
    const outcome = matchItems(
      [bankItem('late', 500n, { references: ['ref-x'], day: day + 30 })],
      [bookItem('x', 500n)],
      [DEFAULT_MATCH_RULES[0] as MatchRule],
    );
    expect(outcome.matches).toEqual([]);
    expect(outcome.unmatchedBank).toEqual([0]);
    expect(outcome.unmatchedBook).toEqual([0]);
  });

  it('matches a daily total and honours a tolerance in minor units', () => {
    const rule: MatchRule = {
      ...(DEFAULT_MATCH_RULES[4] as MatchRule),
      amountToleranceMinor: 2n,
    };
    const outcome = matchItems(
      [bankItem('net', 1001n)],
      [bookItem('a', 400n), bookItem('b', 600n)],
      [rule],
    );
    expect(outcome.matches[0]).toMatchObject({ differenceMinor: 1n, state: 'suggested' });
  });

  it('finds instruction ids in remittance text', () => {
    const id = 'ins_0123456789abcdefghjkmnpqrs';
    expect(referencesInText(`Payout ${id} thanks`)).toEqual([id]);
    expect(referencesInText('ins_short')).toEqual([]);
  });
});

const currencyArb = fc.constantFrom('EUR', 'USD');
const amountArb = fc.bigInt({ min: -50n, max: 50n }).filter((value) => value !== 0n);
const referenceArb = fc.constantFrom('r0', 'r1', 'r2', 'r3', 'r4', 'r5');
const bankArb = fc.array(
  fc.record({
    currency: currencyArb,
    amountMinor: amountArb,
    day: fc.integer({ min: 0, max: 6 }),
    references: fc.array(referenceArb, { maxLength: 3 }),
  }),
  { maxLength: 30 },
);
const bookArb = fc.array(
  fc.record({
    currency: currencyArb,
    amountMinor: amountArb,
    day: fc.integer({ min: 0, max: 6 }),
    reference: referenceArb,
  }),
  { maxLength: 30 },
);
const ruleArb = fc.record({
  name: fc.string(),
  kind: fc.constantFrom('reference' as const, 'amount_date' as const),
  strategy: fc.constantFrom('one_to_one' as const, 'one_to_many' as const, 'many_to_one' as const),
  amountToleranceMinor: fc.bigInt({ min: 0n, max: 5n }),
  dateWindowDays: fc.integer({ min: 0, max: 3 }),
  counterparty: fc.constantFrom('ignore' as const, 'when_present' as const),
  confirm: fc.constantFrom('auto' as const, 'suggest' as const),
});
const rulesArb = fc
  .array(ruleArb, { minLength: 1, maxLength: 6 })
  .map((rules) => rules.map((rule, index) => ({ ...rule, name: `rule${index}` })));

describe('matchItems properties', () => {
  it('matches each item at most once, within tolerance, and reports the rest', () => {
    fc.assert(
      fc.property(bankArb, bookArb, rulesArb, (bankRaw, bookRaw, rules) => {
        const bank = bankRaw.map((item, index) => ({ ...item, id: `b${index}` }));
        const book = bookRaw.map((item, index) => ({ ...item, id: `k${index}` }));
        const outcome = matchItems(bank, book, rules);
        const bankSeen = new Array<number>(bank.length).fill(0);
        const bookSeen = new Array<number>(book.length).fill(0);
        for (const match of outcome.matches) {
          const rule = rules.find((candidate) => candidate.name === match.ruleName) as MatchRule;
          let bankSum = 0n;
          let bookSum = 0n;
          for (const index of match.bankIndexes) {
            bankSeen[index] = (bankSeen[index] ?? 0) + 1;
            bankSum += (bank[index] as BankItem).amountMinor;
            expect(bank[index]?.currency).toBe(match.currency);
          }
          for (const index of match.bookIndexes) {
            bookSeen[index] = (bookSeen[index] ?? 0) + 1;
            bookSum += (book[index] as BookItem).amountMinor;
            expect(book[index]?.currency).toBe(match.currency);
          }
          const difference = bankSum - bookSum;
          expect(difference).toBe(match.differenceMinor);
          expect(difference <= rule.amountToleranceMinor).toBe(true);
          expect(-difference <= rule.amountToleranceMinor).toBe(true);
          if (match.state === 'confirmed') expect(difference).toBe(0n);
        }
        for (const index of outcome.unmatchedBank) bankSeen[index] = (bankSeen[index] ?? 0) + 1;
        for (const index of outcome.unmatchedBook) bookSeen[index] = (bookSeen[index] ?? 0) + 1;
        expect(bankSeen.every((count) => count === 1)).toBe(true);
        expect(bookSeen.every((count) => count === 1)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('matches every item when the bank mirrors the books with references', () => {
    fc.assert(
      fc.property(bookArb, (bookRaw) => {
        const book = bookRaw.map((item, index) => ({
          ...item,
          id: `k${index}`,
          reference: `i${index}`,
        }));
        const bank = book.map((item) => ({ ...item, references: [item.reference] }));
        const outcome = matchItems([...bank].reverse(), book, DEFAULT_MATCH_RULES);
        expect(outcome.unmatchedBank).toEqual([]);
        expect(outcome.unmatchedBook).toEqual([]);
        expect(outcome.matches.every((match) => match.state === 'confirmed')).toBe(true);
      }),
    );
  });
});
