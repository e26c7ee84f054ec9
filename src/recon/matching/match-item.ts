import { assert } from '../../assert.js';

/**
 * What matching sees of a bank line and of a journal entry. Both amounts are signed from the
 * custody account's point of view: money arriving at the bank is positive on both sides (a
 * bank credit; a journal debit of custody_bank), money leaving is negative.
 */
export interface BankItem {
  readonly id: string;
  readonly currency: string;
  readonly amountMinor: bigint;
  /** Days since 1970-01-01 of the booking date (see dayNumber). */
  readonly day: number;
  /** Every reference the line carries that may name a book entry. */
  readonly references: readonly string[];
  readonly counterparty?: string;
}

export interface BookItem {
  readonly id: string;
  readonly currency: string;
  readonly amountMinor: bigint;
  readonly day: number;
  /** The instruction id: what a bank line quotes as end-to-end id. */
  readonly reference: string;
  readonly counterparty?: string;
}

/** Amount magnitude matching keeps exact in a double: the money module refuses > 10^15. */
export const MATCH_AMOUNT_MINOR_MAX = 2n ** 53n - 1n;
export const MATCH_ITEMS_MAX = 5_000_000;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → whole days since the epoch; the caller has validated the date. */
export function dayNumber(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  assert(match !== null, `not an ISO date: ${isoDate}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  assert(Number.isFinite(ms), `date out of range: ${isoDate}`);
  return Math.floor(ms / MS_PER_DAY);
}

export function dayToIsoDate(day: number): string {
  assert(Number.isInteger(day), 'a day number is an integer');
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
