import type { MatchRule } from './match-rule.js';
import { withinTolerance, type MatchLedger } from './match-state.js';

/**
 * Amount-only one_to_many and many_to_one: the bank nets a day's movements of one direction
 * into one line (or splits one payment into several lines). The group is every unmatched item
 * of the other side with the same currency, day and direction; it matches whole or not at all,
 * which keeps the search linear (no subset sums).
 */
interface DayGroup {
  readonly indexes: number[];
  sumMinor: bigint;
  taken: boolean;
}

function groupKey(currency: string, day: number, positive: boolean): string {
  return `${currency}|${day}|${positive ? '+' : '-'}`;
}

function groupItems(
  items: readonly { currency: string; day: number; amountMinor: bigint }[],
  used: Uint8Array,
): Map<string, DayGroup> {
  const groups = new Map<string, DayGroup>();
  items.forEach((item, index) => {
    if (used[index] === 1) return;
    const key = groupKey(item.currency, item.day, item.amountMinor > 0n);
    const group = groups.get(key);
    if (group === undefined)
      groups.set(key, { indexes: [index], sumMinor: item.amountMinor, taken: false });
    else {
      group.indexes.push(index);
      group.sumMinor += item.amountMinor;
    }
  });
  return groups;
}

/** Finds, within the window, an untaken group of at least two items matching the amount. */
function findGroup(
  groups: Map<string, DayGroup>,
  rule: MatchRule,
  item: { currency: string; day: number; amountMinor: bigint },
): DayGroup | undefined {
  for (let offset = 0; offset <= rule.dateWindowDays; offset++) {
    for (const day of offset === 0 ? [item.day] : [item.day - offset, item.day + offset]) {
      const group = groups.get(groupKey(item.currency, day, item.amountMinor > 0n));
      if (group === undefined || group.taken || group.indexes.length < 2) continue;
      if (withinTolerance(item.amountMinor - group.sumMinor, rule.amountToleranceMinor)) {
        return group;
      }
    }
  }
  return undefined;
}

export function matchTotalOneToMany(ledger: MatchLedger, rule: MatchRule): void {
  const groups = groupItems(ledger.book, ledger.bookUsed);
  for (let bankIndex = 0; bankIndex < ledger.bank.length; bankIndex++) {
    const bank = ledger.bank[bankIndex];
    if (bank === undefined || ledger.bankUsed[bankIndex] === 1) continue;
    const group = findGroup(groups, rule, bank);
    if (group === undefined) continue;
    group.taken = true;
    ledger.take(rule, [bankIndex], group.indexes);
  }
}

export function matchTotalManyToOne(ledger: MatchLedger, rule: MatchRule): void {
  const groups = groupItems(ledger.bank, ledger.bankUsed);
  for (let bookIndex = 0; bookIndex < ledger.book.length; bookIndex++) {
    const book = ledger.book[bookIndex];
    if (book === undefined || ledger.bookUsed[bookIndex] === 1) continue;
    const group = findGroup(groups, rule, book);
    if (group === undefined) continue;
    group.taken = true;
    ledger.take(rule, group.indexes, [bookIndex]);
  }
}
