import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BankItem, BookItem } from './match-item.js';
import { matchItems, type MatchOutcome } from './match-items.js';
import { DEFAULT_MATCH_RULES, type MatchRule } from './match-rule.js';
import { counterpartyAgrees, MatchLedger, withinTolerance } from './match-state.js';

// Goal: the indexed matcher (hash tables, buckets, day groups) picks exactly the matches, in
// exactly the order, that the rules describe. Method: a naive matcher that scans every item for
// every candidate, written straight from the rule descriptions, and fast-check over small
// random item sets and rule sets comparing whole outcomes.

function naiveMatchItems(
  bank: readonly BankItem[],
  book: readonly BookItem[],
  rules: readonly MatchRule[],
): MatchOutcome {
  const ledger = new MatchLedger(bank, book);
  for (const rule of rules) {
    if (rule.kind === 'reference' && rule.strategy === 'one_to_one') referenceOne(ledger, rule);
    else if (rule.kind === 'reference' && rule.strategy === 'one_to_many') {
      referenceBatch(ledger, rule);
    } else if (rule.kind === 'reference') referenceSplit(ledger, rule);
    else if (rule.strategy === 'one_to_one') amountOne(ledger, rule);
    else totals(ledger, rule);
  }
  const unused = (used: Uint8Array): number[] =>
    [...used.keys()].filter((index) => used[index] === 0);
  return {
    matches: ledger.matches,
    unmatchedBank: unused(ledger.bankUsed),
    unmatchedBook: unused(ledger.bookUsed),
  };
}

type Item = BankItem | BookItem;

/** Same currency, within the window, counterparties agree (bank first). */
function fits(rule: MatchRule, bank: BankItem, other: Item): boolean {
  return (
    bank.currency === other.currency &&
    Math.abs(bank.day - other.day) <= rule.dateWindowDays &&
    counterpartyAgrees(rule, bank.counterparty, other.counterparty)
  );
}

const sum = (items: readonly Item[]): bigint =>
  items.reduce((total, item) => total + item.amountMinor, 0n);

/** Unused book indexes, ascending, whose reference is `reference`. */
function booksNamed(ledger: MatchLedger, reference: string): number[] {
  return [...ledger.book.keys()].filter(
    (index) => ledger.bookUsed[index] === 0 && ledger.book[index]?.reference === reference,
  );
}

function referenceOne(ledger: MatchLedger, rule: MatchRule): void {
  ledger.bank.forEach((bank, bankIndex) => {
    if (ledger.bankUsed[bankIndex] === 1) return;
    const taken = bank.references
      .flatMap((reference) => booksNamed(ledger, reference))
      .find((bookIndex) => {
        const book = ledger.book[bookIndex] as BookItem;
        const differenceMinor = bank.amountMinor - book.amountMinor;
        return (
          fits(rule, bank, book) && withinTolerance(differenceMinor, rule.amountToleranceMinor)
        );
      });
    if (taken !== undefined) ledger.take(rule, [bankIndex], [taken]);
  });
}

function referenceBatch(ledger: MatchLedger, rule: MatchRule): void {
  ledger.bank.forEach((bank, bankIndex) => {
    if (ledger.bankUsed[bankIndex] === 1 || bank.references.length < 2) return;
    const named = [
      ...new Set(
        bank.references
          .flatMap((reference) => booksNamed(ledger, reference))
          .filter((bookIndex) => fits(rule, bank, ledger.book[bookIndex] as BookItem)),
      ),
    ];
    const books = named.map((bookIndex) => ledger.book[bookIndex] as BookItem);
    if (named.length < 2) return;
    if (withinTolerance(bank.amountMinor - sum(books), rule.amountToleranceMinor)) {
      ledger.take(rule, [bankIndex], named);
    }
  });
}

function referenceSplit(ledger: MatchLedger, rule: MatchRule): void {
  ledger.book.forEach((book, bookIndex) => {
    if (ledger.bookUsed[bookIndex] === 1) return;
    const lines = [...ledger.bank.keys()].filter((bankIndex) => {
      const bank = ledger.bank[bankIndex] as BankItem;
      return (
        ledger.bankUsed[bankIndex] === 0 &&
        bank.references.includes(book.reference) &&
        fits(rule, bank, book)
      );
    });
    const banks = lines.map((bankIndex) => ledger.bank[bankIndex] as BankItem);
    if (lines.length < 2) return;
    if (withinTolerance(sum(banks) - book.amountMinor, rule.amountToleranceMinor)) {
      ledger.take(rule, lines, [bookIndex]);
    }
  });
}

const floorDiv = (value: bigint, divisor: bigint): bigint =>
  value >= 0n ? value / divisor : -((-value + divisor - 1n) / divisor);

/**
 * Nearest date wins; among equally near entries the lower amount band of width tolerance + 1
 * first, then the earlier date, then book order.
 */
function amountOne(ledger: MatchLedger, rule: MatchRule): void {
  const width = rule.amountToleranceMinor + 1n;
  ledger.bank.forEach((bank, bankIndex) => {
    if (ledger.bankUsed[bankIndex] === 1) return;
    const candidates = [...ledger.book.keys()].filter((bookIndex) => {
      const book = ledger.book[bookIndex] as BookItem;
      return (
        ledger.bookUsed[bookIndex] === 0 &&
        fits(rule, bank, book) &&
        withinTolerance(bank.amountMinor - book.amountMinor, rule.amountToleranceMinor)
      );
    });
    const rank = (bookIndex: number): [number, bigint, number, number] => {
      const book = ledger.book[bookIndex] as BookItem;
      return [
        Math.abs(book.day - bank.day),
        floorDiv(book.amountMinor, width),
        book.day,
        bookIndex,
      ];
    };
    candidates.sort((left, right) => {
      const [a, b] = [rank(left), rank(right)];
      for (let field = 0; field < a.length; field++) {
        if (a[field] !== b[field]) return (a[field] as number) < (b[field] as number) ? -1 : 1;
      }
      return 0;
    });
    const best = candidates[0];
    if (best !== undefined) ledger.take(rule, [bankIndex], [best]);
  });
}

/**
 * Daily totals: every item of the other side unused when the rule starts, grouped by currency,
 * day and direction (positive or not); the nearest day first, the earlier of two equally near.
 */
function totals(ledger: MatchLedger, rule: MatchRule): void {
  const oneToMany = rule.strategy === 'one_to_many';
  const single: readonly Item[] = oneToMany ? ledger.bank : ledger.book;
  const grouped: readonly Item[] = oneToMany ? ledger.book : ledger.bank;
  const singleUsed = oneToMany ? ledger.bankUsed : ledger.bookUsed;
  const groupedUsed = oneToMany ? ledger.bookUsed : ledger.bankUsed;
  const open = [...grouped.keys()].filter((index) => groupedUsed[index] === 0);
  const takenGroups = new Set<string>();
  single.forEach((item, itemIndex) => {
    if (singleUsed[itemIndex] === 1) return;
    const days = [item.day];
    for (let offset = 1; offset <= rule.dateWindowDays; offset++) {
      days.push(item.day - offset, item.day + offset);
    }
    for (const day of days) {
      const key = `${item.currency} ${day} ${item.amountMinor > 0n}`;
      const group = open.filter((index) => {
        const other = grouped[index] as Item;
        const sameDirection = other.amountMinor > 0n === item.amountMinor > 0n;
        return other.currency === item.currency && other.day === day && sameDirection;
      });
      if (takenGroups.has(key) || group.length < 2) continue;
      const groupSum = sum(group.map((index) => grouped[index] as Item));
      if (!withinTolerance(item.amountMinor - groupSum, rule.amountToleranceMinor)) continue;
      takenGroups.add(key);
      if (oneToMany) ledger.take(rule, [itemIndex], group);
      else ledger.take(rule, group, [itemIndex]);
      return;
    }
  });
}

const currencyArb = fc.constantFrom('EUR', 'USD');
const amountArb = fc.bigInt({ min: -40n, max: 40n });
const dayArb = fc.integer({ min: 0, max: 6 });
const referenceArb = fc.constantFrom('r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7');
const counterpartyArb = fc.constantFrom(undefined, 'Acme Ltd', ' acme  ltd', 'Other');
const bankArb = fc.array(
  fc.record({
    currency: currencyArb,
    amountMinor: amountArb,
    day: dayArb,
    references: fc.array(referenceArb, { maxLength: 3 }),
    counterparty: counterpartyArb,
  }),
  { maxLength: 30 },
);
const bookArb = fc.array(
  fc.record({
    currency: currencyArb,
    amountMinor: amountArb,
    day: dayArb,
    reference: referenceArb,
    counterparty: counterpartyArb,
  }),
  { maxLength: 30 },
);
const ruleArb = fc.record({
  name: fc.constant(''),
  kind: fc.constantFrom('reference' as const, 'amount_date' as const),
  strategy: fc.constantFrom('one_to_one' as const, 'one_to_many' as const, 'many_to_one' as const),
  amountToleranceMinor: fc.bigInt({ min: 0n, max: 12n }),
  dateWindowDays: fc.integer({ min: 0, max: 3 }),
  counterparty: fc.constantFrom('ignore' as const, 'when_present' as const, 'required' as const),
  confirm: fc.constantFrom('auto' as const, 'suggest' as const),
});
const rulesArb = fc.oneof(
  fc.constant(DEFAULT_MATCH_RULES),
  fc
    .array(ruleArb, { minLength: 1, maxLength: 6 })
    .map((rules) => rules.map((rule, index) => ({ ...rule, name: `rule${index}` }))),
);

/** Drops an undefined counterparty, as loaders do, so both shapes of "none" get exercised. */
function withIds<T extends { counterparty: string | undefined }>(items: T[], prefix: string) {
  return items.map(({ counterparty, ...rest }, index) => ({
    ...rest,
    id: `${prefix}${index}`,
    ...(counterparty === undefined ? {} : { counterparty }),
  }));
}

describe('matchItems against a naive matcher', () => {
  it('chooses the same matches in the same order and leaves the same items unmatched', () => {
    fc.assert(
      fc.property(bankArb, bookArb, rulesArb, (bankRaw, bookRaw, rules) => {
        const bank = withIds(bankRaw, 'b');
        const book = withIds(bookRaw, 'k');
        expect(matchItems(bank, book, rules)).toEqual(naiveMatchItems(bank, book, rules));
      }),
      { numRuns: 1_000 },
    );
  });

  it('agrees when most lines quote a reference and the rest match by amount and date', () => {
    fc.assert(
      fc.property(bookArb, fc.array(fc.nat(), { maxLength: 30 }), (bookRaw, choices) => {
        const book = withIds(bookRaw, 'k');
        const bank = book.map((item, index) => {
          const choice = choices[index] ?? 0;
          return {
            id: `b${index}`,
            currency: item.currency,
            amountMinor: item.amountMinor + BigInt(choice % 3) - 1n,
            day: item.day + (choice % 2),
            references: choice % 4 === 0 ? [] : [item.reference],
          };
        });
        bank.reverse();
        const rules = DEFAULT_MATCH_RULES.map((rule) => ({ ...rule, amountToleranceMinor: 1n }));
        expect(matchItems(bank, book, rules)).toEqual(naiveMatchItems(bank, book, rules));
      }),
      { numRuns: 300 },
    );
  });
});
