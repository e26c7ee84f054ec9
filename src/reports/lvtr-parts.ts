import { assert } from '../assert.js';
import { failure, success, type Result } from '../custody/index.js';
import type { LvtrItem } from './lvtr-aggregate.js';
import { REPORT_LIMITS } from './report-limits.js';

/** One report of a large-value day: its items and the distinct transactions they list. */
export interface LvtrPart {
  /** 1-based. */
  part: number;
  items: LvtrItem[];
  /** Distinct instruction ids over the part's items. */
  transactions: number;
}

export interface LvtrPartLimits {
  /** Distinct transactions one part may list. */
  transactionsMax: number;
  /** Parts one day may have. */
  partsMax: number;
}

export const LVTR_PART_LIMITS_DEFAULT: LvtrPartLimits = {
  transactionsMax: REPORT_LIMITS.reportTransactionsMax,
  partsMax: REPORT_LIMITS.lvtrPartsPerDayMax,
};

/** Distinct instruction ids of a day's items: a transfer between two customers counts once. */
export function distinctTransactions(items: readonly LvtrItem[]): number {
  const ids = new Set<string>();
  for (const item of items) for (const id of item.instructionIds) ids.add(id);
  return ids.size;
}

/**
 * Splits a day's items into parts of at most `transactionsMax` distinct transactions. Items
 * come in decideLvtr's order (by customer), and parts are filled in that order, a customer at
 * a time, so each customer's items stay in one part; only a customer with more transactions
 * than one part holds is split, between its items. A transaction between two customers of the
 * same part counts once. Refused (writing nothing is the caller's part) when one item alone is
 * larger than a part, or when the day needs more than `partsMax` parts.
 */
export function splitLvtrParts(
  items: readonly LvtrItem[],
  limits: LvtrPartLimits = LVTR_PART_LIMITS_DEFAULT,
): Result<LvtrPart[]> {
  assert(
    Number.isInteger(limits.transactionsMax) && limits.transactionsMax >= 1,
    'a part holds at least one transaction',
  );
  assert(Number.isInteger(limits.partsMax) && limits.partsMax >= 1, 'a day has at least a part');
  const parts: { items: LvtrItem[]; ids: Set<string> }[] = [];
  let current: { items: LvtrItem[]; ids: Set<string> } | null = null;
  for (const unit of unitsOf(items, limits.transactionsMax)) {
    if (unit.ids.size > limits.transactionsMax) {
      const item = unit.items[0];
      return failure(
        'report_parts_exceeded',
        `customer ${item?.customerId ?? ''} has ${unit.ids.size} transactions of one direction ` +
          `and category; one report lists at most ${limits.transactionsMax}`,
        { customerId: item?.customerId, transactions: unit.ids.size },
      );
    }
    if (current === null || countWith(current.ids, unit.ids) > limits.transactionsMax) {
      current = { items: [], ids: new Set() };
      parts.push(current);
    }
    current.items.push(...unit.items);
    for (const id of unit.ids) current.ids.add(id);
  }
  if (parts.length > limits.partsMax)
    return failure(
      'report_parts_exceeded',
      `${distinctTransactions(items)} transactions need ${parts.length} reports; ` +
        `a day may have at most ${limits.partsMax} of ${limits.transactionsMax} transactions`,
      { parts: parts.length, partsMax: limits.partsMax },
    );
  return success(
    parts.map((part, index) => ({
      part: index + 1,
      items: part.items,
      transactions: part.ids.size,
    })),
  );
}

/** The size of `into` once `added` joins it. */
function countWith(into: ReadonlySet<string>, added: ReadonlySet<string>): number {
  let count = into.size;
  for (const id of added) if (!into.has(id)) count += 1;
  return count;
}

/**
 * What is placed as a whole: a customer's items, or each of its items alone when the customer
 * does not fit in one part.
 */
function* unitsOf(
  items: readonly LvtrItem[],
  transactionsMax: number,
): IterableIterator<{ items: LvtrItem[]; ids: Set<string> }> {
  let start = 0;
  while (start < items.length) {
    const customerId = items[start]?.customerId;
    let end = start;
    while (end < items.length && items[end]?.customerId === customerId) end += 1;
    const customer = items.slice(start, end);
    const ids = new Set(customer.flatMap((item) => item.instructionIds));
    if (ids.size <= transactionsMax) yield { items: customer, ids };
    else for (const item of customer) yield { items: [item], ids: new Set(item.instructionIds) };
    start = end;
  }
}
