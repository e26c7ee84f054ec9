import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CustomerStore } from './customer-store.js';
import { appended, appendedBounded, emptyList, shiftLeft } from './exact-array.js';
import { NONE_MS, type DormancyState } from './key-state.js';

function dorm(seenMs: number): DormancyState {
  return {
    t: 'dorm',
    seenMs,
    lifetimeSum: 0,
    startMs: NONE_MS,
    sum: 0,
    monthlyAvg: 0,
    idleMs: 0,
    ids: [],
    fired: false,
  };
}

describe('customer state layout', () => {
  it('keeps slot arrays dense and reads them back by rule slot, in rule slot order', () => {
    const store = new CustomerStore({ customersMax: 10, keysPerCustomerMax: 10 });
    const first = store.touch('p1', 'c1');
    const second = store.touch('p1', 'c2');
    const late = dorm(3);
    const early = dorm(1);
    store.setSlot(first, 'CNY', 61, late);
    store.setSlot(first, 'CNY', 4, early);
    store.setSlot(second, 'CNY', 4, dorm(2));
    expect(store.getSlot(first, 'CNY', 61)).toBe(late);
    expect(store.getSlot(first, 'CNY', 4)).toBe(early);
    expect(store.getSlot(first, 'CNY', 5)).toBeUndefined();
    expect(store.getSlot(first, 'USD', 4)).toBeUndefined();
    expect(store.getSlot(second, 'CNY', 61)).toBeUndefined();
    // Two positions in use, so no array is longer than two, however high the rule slot.
    for (const customer of [first, second]) {
      for (const slots of customer.slots?.values() ?? []) expect(slots.length).toBeLessThan(3);
    }
    const slots = first.slots?.get('CNY') ?? [];
    expect([...store.slotEntries(slots, 'CNY')].map(([slot, value]) => [slot, value])).toEqual([
      [4, early],
      [61, late],
    ]);
    expect(() => store.setSlot(first, 'CNY', 4, dorm(5))).toThrow(/set once/);
  });

  it('evicts the key seen least recently, the lower rule slot first on a tie', () => {
    const store = new CustomerStore({ customersMax: 10, keysPerCustomerMax: 2 });
    const customer = store.touch('p1', 'c1');
    const high = dorm(1);
    const low = dorm(1);
    store.setSlot(customer, '', 9, high);
    store.setSlot(customer, '', 2, low);
    store.setSlot(customer, '', 6, dorm(5));
    expect(store.getSlot(customer, '', 2)).toBeUndefined();
    expect(store.getSlot(customer, '', 9)).toBe(high);
    expect(customer.keyCount).toBe(2);
    expect(store.evicted.keys).toBe(1);
  });

  it('grows lists only by copying, and the shared empty list refuses changes', () => {
    const empty = emptyList<number>();
    expect(() => empty.push(1)).toThrow(TypeError);
    const one = appended(empty, 1);
    expect(one).toEqual([1]);
    expect(empty).toEqual([]);
    const bounded = appendedBounded(appendedBounded(one, 2, 2), 3, 2);
    expect(bounded).toEqual([2, 3]);
    expect(one).toEqual([1]);
  });

  it('shifts a list left in place exactly as copyWithin does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { maxLength: 64 }),
        fc.nat(70),
        (items, by) => {
          const shifted = items.slice();
          shiftLeft(shifted, Math.min(by, items.length));
          const expected = items.slice().copyWithin(0, Math.min(by, items.length));
          expect(shifted).toEqual(expected);
        },
      ),
    );
  });
});
