import { assert } from '../../assert.js';
import type { BookReferenceIndex } from './book-reference-index.js';
import { matchAmountOneToOne } from './match-by-amount.js';
import {
  indexBankByReference,
  indexBookByReference,
  matchReferenceManyToOne,
  matchReferenceOneToMany,
  matchReferenceOneToOne,
} from './match-by-reference.js';
import { matchTotalManyToOne, matchTotalOneToMany } from './match-by-total.js';
import { MATCH_ITEMS_MAX, type BankItem, type BookItem } from './match-item.js';
import { checkMatchRules, type MatchRule } from './match-rule.js';
import { MatchLedger, type MatchGroup } from './match-state.js';

export interface MatchOutcome {
  readonly matches: readonly MatchGroup[];
  /** Indexes of bank lines and book entries no rule matched, in input order. */
  readonly unmatchedBank: readonly number[];
  readonly unmatchedBook: readonly number[];
}

/**
 * Matches bank lines against book entries with the rules in order. Pure and exclusive: every
 * item ends up in exactly one match or in the unmatched list of its side. Bank lines are
 * visited in input order, so callers pass them sorted by date for stable results. Linear in the
 * number of items: references and amount buckets are hash maps, scans per bucket are capped.
 */
export function matchItems(
  bank: readonly BankItem[],
  book: readonly BookItem[],
  rules: readonly MatchRule[],
): MatchOutcome {
  assert(bank.length <= MATCH_ITEMS_MAX, 'too many bank lines for one run');
  assert(book.length <= MATCH_ITEMS_MAX, 'too many book entries for one run');
  assert(checkMatchRules(rules) === undefined, 'rules were checked by the caller');
  const ledger = new MatchLedger(bank, book);
  let bookByReference: BookReferenceIndex | undefined;
  let bankByReference: Map<string, number[]> | undefined;
  for (const rule of rules) {
    if (rule.kind === 'reference' && rule.strategy !== 'many_to_one') {
      bookByReference ??= indexBookByReference(ledger);
      if (rule.strategy === 'one_to_one') matchReferenceOneToOne(ledger, rule, bookByReference);
      else matchReferenceOneToMany(ledger, rule, bookByReference);
    } else if (rule.kind === 'reference') {
      bankByReference ??= indexBankByReference(ledger);
      matchReferenceManyToOne(ledger, rule, bankByReference);
    } else if (rule.strategy === 'one_to_one') {
      matchAmountOneToOne(ledger, rule);
    } else if (rule.strategy === 'one_to_many') {
      matchTotalOneToMany(ledger, rule);
    } else {
      matchTotalManyToOne(ledger, rule);
    }
  }
  const unmatchedBank = unusedIndexes(ledger.bankUsed);
  const unmatchedBook = unusedIndexes(ledger.bookUsed);
  assert(unmatchedBank.length <= bank.length, 'unmatched bank lines are a subset');
  assert(unmatchedBook.length <= book.length, 'unmatched book entries are a subset');
  return { matches: ledger.matches, unmatchedBank, unmatchedBook };
}

function unusedIndexes(used: Uint8Array): number[] {
  const indexes: number[] = [];
  for (let index = 0; index < used.length; index++) if (used[index] === 0) indexes.push(index);
  return indexes;
}
