import { BookReferenceIndex } from './book-reference-index.js';
import type { BankItem, BookItem } from './match-item.js';
import type { MatchRule } from './match-rule.js';
import {
  counterpartyAgrees,
  withinTolerance,
  withinWindow,
  type MatchLedger,
} from './match-state.js';

/** Book entries per reference; one reference usually names one entry. */
export function indexBookByReference(ledger: MatchLedger): BookReferenceIndex {
  return new BookReferenceIndex(ledger.book);
}

/** Bank lines per reference they carry (a line may carry several). */
export function indexBankByReference(ledger: MatchLedger): Map<string, number[]> {
  const byReference = new Map<string, number[]>();
  ledger.bank.forEach((item, index) => {
    if (ledger.bankUsed[index] === 1) return;
    for (const reference of item.references) {
      const list = byReference.get(reference);
      if (list === undefined) byReference.set(reference, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    }
  });
  return byReference;
}

/** The unmatched book entries a bank line names, in currency and date window, each once. */
function namedBookEntries(
  ledger: MatchLedger,
  rule: MatchRule,
  bankIndex: number,
  bookByReference: BookReferenceIndex,
): number[] {
  const bank = ledger.bank[bankIndex];
  const found: number[] = [];
  if (bank === undefined) return found;
  for (const reference of bank.references) {
    for (
      let bookIndex = bookByReference.first(reference);
      bookIndex !== -1;
      bookIndex = bookByReference.next(bookIndex)
    ) {
      const book = ledger.book[bookIndex];
      if (book === undefined || ledger.bookUsed[bookIndex] === 1) continue;
      if (book.currency !== bank.currency) continue;
      if (!withinWindow(book.day, bank.day, rule.dateWindowDays)) continue;
      if (!counterpartyAgrees(rule, bank.counterparty, book.counterparty)) continue;
      if (!found.includes(bookIndex)) found.push(bookIndex);
    }
  }
  return found;
}

/**
 * one_to_one: the first named entry within tolerance. The hot path of a run (most lines carry
 * the reference), so it walks the candidates in place instead of collecting them.
 */
export function matchReferenceOneToOne(
  ledger: MatchLedger,
  rule: MatchRule,
  bookByReference: BookReferenceIndex,
): void {
  const exact = rule.amountToleranceMinor === 0n;
  for (let bankIndex = 0; bankIndex < ledger.bank.length; bankIndex++) {
    if (ledger.bankUsed[bankIndex] === 1) continue;
    const bank = ledger.bank[bankIndex] as BankItem;
    let taken = -1;
    for (const reference of bank.references) {
      for (
        let bookIndex = bookByReference.first(reference);
        bookIndex !== -1;
        bookIndex = bookByReference.next(bookIndex)
      ) {
        if (ledger.bookUsed[bookIndex] === 1) continue;
        const book = ledger.book[bookIndex] as BookItem;
        if (book.currency !== bank.currency) continue;
        if (!withinWindow(book.day, bank.day, rule.dateWindowDays)) continue;
        const agrees = exact
          ? book.amountMinor === bank.amountMinor
          : withinTolerance(bank.amountMinor - book.amountMinor, rule.amountToleranceMinor);
        if (!agrees || !counterpartyAgrees(rule, bank.counterparty, book.counterparty)) continue;
        taken = bookIndex;
        break;
      }
      if (taken >= 0) break;
    }
    if (taken >= 0) ledger.take(rule, [bankIndex], [taken]);
  }
}

/** one_to_many: a batch line naming several entries whose sum it equals. */
export function matchReferenceOneToMany(
  ledger: MatchLedger,
  rule: MatchRule,
  bookByReference: BookReferenceIndex,
): void {
  for (let bankIndex = 0; bankIndex < ledger.bank.length; bankIndex++) {
    if (ledger.bankUsed[bankIndex] === 1) continue;
    const bank = ledger.bank[bankIndex];
    if (bank === undefined || bank.references.length < 2) continue;
    const named = namedBookEntries(ledger, rule, bankIndex, bookByReference);
    if (named.length < 2) continue;
    let sumMinor = 0n;
    for (const bookIndex of named)
      sumMinor += (ledger.book[bookIndex] as { amountMinor: bigint }).amountMinor;
    if (withinTolerance(bank.amountMinor - sumMinor, rule.amountToleranceMinor)) {
      ledger.take(rule, [bankIndex], named);
    }
  }
}

/** many_to_one: several lines quoting one entry's reference (a payment split by the bank). */
export function matchReferenceManyToOne(
  ledger: MatchLedger,
  rule: MatchRule,
  bankByReference: Map<string, number[]>,
): void {
  for (let bookIndex = 0; bookIndex < ledger.book.length; bookIndex++) {
    if (ledger.bookUsed[bookIndex] === 1) continue;
    const book = ledger.book[bookIndex];
    if (book === undefined) continue;
    const lines = (bankByReference.get(book.reference) ?? []).filter((bankIndex) => {
      const bank = ledger.bank[bankIndex];
      if (bank === undefined || ledger.bankUsed[bankIndex] === 1) return false;
      if (bank.currency !== book.currency) return false;
      if (!withinWindow(bank.day, book.day, rule.dateWindowDays)) return false;
      return counterpartyAgrees(rule, bank.counterparty, book.counterparty);
    });
    if (lines.length < 2) continue;
    let sumMinor = 0n;
    for (const bankIndex of lines)
      sumMinor += (ledger.bank[bankIndex] as { amountMinor: bigint }).amountMinor;
    if (withinTolerance(sumMinor - book.amountMinor, rule.amountToleranceMinor)) {
      ledger.take(rule, lines, [bookIndex]);
    }
  }
}
