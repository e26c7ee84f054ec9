import { describe, expect, it } from 'vitest';
import type { LvtrItem } from './lvtr-aggregate.js';
import { distinctTransactions, splitLvtrParts } from './lvtr-parts.js';
import { REPORT_LIMITS } from './report-limits.js';

function item(customerId: string, direction: 'in' | 'out', ids: string[]): LvtrItem {
  return {
    customerId,
    customerKind: 'person',
    direction,
    category: 'person_domestic',
    totals: [{ currency: 'CNY', amountMinor: 50_000_000n }],
    cnyPartMinor: 50_000_000n,
    fxUsdMinor: 0n,
    totalCnyMinor: 50_000_000n,
    basis: 'cny',
    instructionIds: ids,
  };
}

const ids = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}`);

describe('splitLvtrParts', () => {
  it('counts a transfer between two reported customers once', () => {
    // ins_t moved money from A to B: A's outflow and B's inflow both list it.
    const items = [item('cus_a', 'out', ['ins_t', 'ins_a']), item('cus_b', 'in', ['ins_t'])];
    expect(distinctTransactions(items)).toBe(2);
    const split = splitLvtrParts(items, { transactionsMax: 2, partsMax: 1 });
    expect(split).toMatchObject({ ok: true, value: [{ part: 1, transactions: 2 }] });
  });

  it('fills a day past one report into parts, a customer at a time', () => {
    const items = [
      item('cus_a', 'in', ids('a', 3)),
      item('cus_a', 'out', ids('b', 2)),
      item('cus_b', 'in', ids('c', 4)),
      item('cus_c', 'in', ids('d', 1)),
    ];
    const split = splitLvtrParts(items, { transactionsMax: 5, partsMax: 10 });
    if (!split.ok) throw new Error(split.error.message);
    expect(split.value.map((part) => [part.part, part.transactions])).toEqual([
      [1, 5],
      [2, 5],
    ]);
    expect(split.value.map((part) => part.items.map((i) => i.customerId))).toEqual([
      ['cus_a', 'cus_a'],
      ['cus_b', 'cus_c'],
    ]);
  });

  it('splits only a customer larger than a part, between its items', () => {
    const items = [item('cus_a', 'in', ids('a', 4)), item('cus_a', 'out', ids('b', 4))];
    const split = splitLvtrParts(items, { transactionsMax: 5, partsMax: 10 });
    if (!split.ok) throw new Error(split.error.message);
    expect(split.value.map((part) => [part.items[0]?.direction, part.transactions])).toEqual([
      ['in', 4],
      ['out', 4],
    ]);
  });

  it('holds the default limit: 20,001 distinct transactions make two parts, not a refusal', () => {
    const max = REPORT_LIMITS.reportTransactionsMax;
    const items = [item('cus_a', 'in', ids('a', max)), item('cus_b', 'in', ['b0'])];
    const split = splitLvtrParts(items);
    expect(split.ok && split.value.map((part) => part.transactions)).toEqual([max, 1]);
  });

  it('has no parts for a day without items', () => {
    expect(splitLvtrParts([])).toEqual({ ok: true, value: [] });
  });

  it('refuses one item larger than a part, and a day beyond its parts limit', () => {
    const huge = splitLvtrParts([item('cus_a', 'in', ids('a', 6))], {
      transactionsMax: 5,
      partsMax: 10,
    });
    expect(huge).toMatchObject({ ok: false, error: { code: 'report_parts_exceeded' } });
    const many = splitLvtrParts(
      [item('cus_a', 'in', ids('a', 2)), item('cus_b', 'in', ids('b', 2))],
      { transactionsMax: 2, partsMax: 1 },
    );
    expect(many).toMatchObject({
      ok: false,
      error: { code: 'report_parts_exceeded', detail: { parts: 2, partsMax: 1 } },
    });
  });

  it('asserts sane limits', () => {
    expect(() => splitLvtrParts([], { transactionsMax: 0, partsMax: 1 })).toThrow();
    expect(() => splitLvtrParts([], { transactionsMax: 1, partsMax: 0 })).toThrow();
  });
});
