import { assert } from '../../assert.js';
import { MATCH_AMOUNT_MINOR_MAX } from './match-item.js';
import type { MatchRule } from './match-rule.js';
import { counterpartyAgrees, withinTolerance, type MatchLedger } from './match-state.js';

/**
 * Candidates examined per bank line in one amount bucket. Many equal amounts on one day (a
 * flat subscription fee) would otherwise make the scan quadratic; past the cap the line stays
 * unmatched for this rule and shows up as a break, which a person resolves.
 */
export const BUCKET_SCAN_MAX = 256;

interface Bucket {
  /** Book indexes sorted by day. */
  readonly indexes: number[];
  /** Everything before head is taken; advancing it keeps repeated scans short. */
  head: number;
}

/**
 * Book entries bucketed per currency by ⌊amount / (tolerance + 1)⌋: two amounts within the
 * tolerance fall into the same or a neighbouring bucket, so a lookup reads three buckets.
 */
function bucketBook(ledger: MatchLedger, width: bigint): Map<string, Map<number, Bucket>> {
  const byCurrency = new Map<string, Map<number, Bucket>>();
  for (let bookIndex = 0; bookIndex < ledger.book.length; bookIndex++) {
    if (ledger.bookUsed[bookIndex] === 1) continue;
    const book = ledger.book[bookIndex];
    if (book === undefined) continue;
    let buckets = byCurrency.get(book.currency);
    if (buckets === undefined) {
      buckets = new Map();
      byCurrency.set(book.currency, buckets);
    }
    const key = bucketKey(book.amountMinor, width);
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, { indexes: [bookIndex], head: 0 });
    else bucket.indexes.push(bookIndex);
  }
  for (const buckets of byCurrency.values()) {
    for (const bucket of buckets.values()) {
      if (bucket.indexes.length > 1) {
        bucket.indexes.sort((a, b) => (ledger.book[a]?.day ?? 0) - (ledger.book[b]?.day ?? 0));
      }
    }
  }
  return byCurrency;
}

function bucketKey(amountMinor: bigint, width: bigint): number {
  assert(amountMinor <= MATCH_AMOUNT_MINOR_MAX, 'amount too large for matching');
  assert(-amountMinor <= MATCH_AMOUNT_MINOR_MAX, 'amount too small for matching');
  if (width === 1n) return Number(amountMinor);
  // Floor division: bigint division truncates toward zero.
  const quotient = amountMinor / width;
  return Number(amountMinor < 0n && quotient * width !== amountMinor ? quotient - 1n : quotient);
}

/** one_to_one by amount within tolerance and date within the window; nearest date wins. */
export function matchAmountOneToOne(ledger: MatchLedger, rule: MatchRule): void {
  const width = rule.amountToleranceMinor + 1n;
  const byCurrency = bucketBook(ledger, width);
  for (let bankIndex = 0; bankIndex < ledger.bank.length; bankIndex++) {
    if (ledger.bankUsed[bankIndex] === 1) continue;
    const bank = ledger.bank[bankIndex];
    const buckets = bank === undefined ? undefined : byCurrency.get(bank.currency);
    if (bank === undefined || buckets === undefined) continue;
    const key = bucketKey(bank.amountMinor, width);
    let best = -1;
    let bestDistance = Number.MAX_SAFE_INTEGER;
    for (let neighbour = key - 1; neighbour <= key + 1; neighbour++) {
      const bucket = buckets.get(neighbour);
      if (bucket === undefined) continue;
      const found = nearestInBucket(ledger, rule, bankIndex, bucket);
      if (found.index >= 0 && found.distance < bestDistance) {
        best = found.index;
        bestDistance = found.distance;
      }
    }
    if (best >= 0) ledger.take(rule, [bankIndex], [best]);
  }
}

function nearestInBucket(
  ledger: MatchLedger,
  rule: MatchRule,
  bankIndex: number,
  bucket: Bucket,
): { index: number; distance: number } {
  const bank = ledger.bank[bankIndex];
  assert(bank !== undefined, 'bank index in range');
  while (bucket.head < bucket.indexes.length) {
    if (ledger.bookUsed[bucket.indexes[bucket.head] as number] === 0) break;
    bucket.head++;
  }
  let index = -1;
  let distance = Number.MAX_SAFE_INTEGER;
  const end = Math.min(bucket.indexes.length, bucket.head + BUCKET_SCAN_MAX);
  for (let position = bucket.head; position < end; position++) {
    const bookIndex = bucket.indexes[position] as number;
    if (ledger.bookUsed[bookIndex] === 1) continue;
    const book = ledger.book[bookIndex];
    if (book === undefined) continue;
    const days = Math.abs(book.day - bank.day);
    if (book.day > bank.day + rule.dateWindowDays) break;
    if (days > rule.dateWindowDays || days >= distance) continue;
    if (!withinTolerance(bank.amountMinor - book.amountMinor, rule.amountToleranceMinor)) continue;
    if (!counterpartyAgrees(rule, bank.counterparty, book.counterparty)) continue;
    index = bookIndex;
    distance = days;
  }
  return { index, distance };
}
