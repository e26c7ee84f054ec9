import { assert } from '../../assert.js';
import type { BankItem, BookItem } from './match-item.js';
import type { MatchRule, MatchStrategy } from './match-rule.js';

export type MatchState = 'suggested' | 'confirmed';

/** One match: indexes into the bank and book arrays given to matchItems. */
export interface MatchGroup {
  readonly ruleName: string;
  readonly strategy: MatchStrategy;
  readonly state: MatchState;
  readonly currency: string;
  readonly bankIndexes: readonly number[];
  readonly bookIndexes: readonly number[];
  readonly bankSumMinor: bigint;
  readonly bookSumMinor: bigint;
  /** bank sum − book sum; within the rule's tolerance. */
  readonly differenceMinor: bigint;
}

/**
 * The working state of one matching run: which items are taken, and the matches so far.
 * `take` is the only way to record a match, and it refuses (by assertion) an item taken twice.
 */
export class MatchLedger {
  readonly bank: readonly BankItem[];
  readonly book: readonly BookItem[];
  readonly bankUsed: Uint8Array;
  readonly bookUsed: Uint8Array;
  readonly matches: MatchGroup[] = [];

  constructor(bank: readonly BankItem[], book: readonly BookItem[]) {
    this.bank = bank;
    this.book = book;
    this.bankUsed = new Uint8Array(bank.length);
    this.bookUsed = new Uint8Array(book.length);
  }

  take(rule: MatchRule, bankIndexes: readonly number[], bookIndexes: readonly number[]): void {
    assert(bankIndexes.length > 0, 'a match has a bank side');
    assert(bookIndexes.length > 0, 'a match has a book side');
    let bankSumMinor = 0n;
    let bookSumMinor = 0n;
    for (const index of bankIndexes) {
      assert(this.bankUsed[index] === 0, 'bank line matched twice');
      this.bankUsed[index] = 1;
      const amountMinor = (this.bank[index] as BankItem).amountMinor;
      // A single item's amount is its sum: skipping 0n + x saves a bigint per match.
      bankSumMinor = bankIndexes.length === 1 ? amountMinor : bankSumMinor + amountMinor;
    }
    for (const index of bookIndexes) {
      assert(this.bookUsed[index] === 0, 'book entry matched twice');
      this.bookUsed[index] = 1;
      const amountMinor = (this.book[index] as BookItem).amountMinor;
      bookSumMinor = bookIndexes.length === 1 ? amountMinor : bookSumMinor + amountMinor;
    }
    const differenceMinor = bankSumMinor === bookSumMinor ? 0n : bankSumMinor - bookSumMinor;
    const distance = differenceMinor < 0n ? -differenceMinor : differenceMinor;
    assert(distance <= rule.amountToleranceMinor, 'match outside the rule tolerance');
    const exact = differenceMinor === 0n;
    this.matches.push({
      ruleName: rule.name,
      strategy: rule.strategy,
      state: rule.confirm === 'auto' && exact ? 'confirmed' : 'suggested',
      currency: (this.bank[bankIndexes[0] as number] as BankItem).currency,
      bankIndexes,
      bookIndexes,
      bankSumMinor,
      bookSumMinor,
      differenceMinor,
    });
  }
}

export function withinTolerance(differenceMinor: bigint, toleranceMinor: bigint): boolean {
  return differenceMinor <= toleranceMinor && -differenceMinor <= toleranceMinor;
}

export function withinWindow(dayA: number, dayB: number, windowDays: number): boolean {
  return Math.abs(dayA - dayB) <= windowDays;
}

/** Counterparty names compared case- and space-insensitively, per the rule's setting. */
export function counterpartyAgrees(
  rule: MatchRule,
  bankName: string | undefined,
  bookName: string | undefined,
): boolean {
  if (rule.counterparty === 'ignore') return true;
  if (bankName === undefined || bookName === undefined) return rule.counterparty !== 'required';
  return normalizeName(bankName) === normalizeName(bookName);
}

function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
