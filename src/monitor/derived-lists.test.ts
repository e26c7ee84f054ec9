import { describe, expect, it } from 'vitest';
import { FIELDS } from './aggregate-conditions.js';
import { compileRule } from './compile-rules.js';
import { CustomerStore } from './customer-store.js';
import { countDistinct, touchDistinct } from './distinct-set.js';
import { EventContext, IN } from './event-context.js';
import { EventGates } from './event-gates.js';
import { emptyList } from './exact-array.js';
import { NONE_MS, type AggregateState, type DistinctSet } from './key-state.js';
import { deposit, event, pack, rule, T0_MS, withdrawal } from './test-kit.js';
import { addToBucket } from './window-buckets.js';

function newContext(): EventContext {
  return new EventContext(
    new CustomerStore({ customersMax: 10, keysPerCustomerMax: 10 }),
    new Map(),
  );
}

function aggregate(): AggregateState {
  return {
    t: 'agg',
    seenMs: 0,
    last: 0,
    b: emptyList(),
    v: emptyList(),
    recent: null,
    ds: null,
    untilMs: NONE_MS,
  };
}

describe('lists shared between keys within an event', () => {
  it('shares bucket indexes between keys and keeps each key’s values apart', () => {
    const ctx = newContext();
    const first = aggregate();
    const second = aggregate();
    const keep = 3;
    const add = (state: AggregateState, idx: number) =>
      addToBucket(state, idx, keep, [null], ctx, undefined, IN);
    ctx.prepare(deposit('c1', 5n), true);
    add(first, 10);
    add(second, 10);
    expect(first.b).toBe(second.b);
    expect(first.v).not.toBe(second.v);
    ctx.prepare(deposit('c1', 7n), true);
    add(first, 14);
    expect(first.b).toEqual([14]);
    expect(second.b).toEqual([10]);
    expect(first.v).toEqual([1, 7, 7, 7]);
    expect(second.v).toEqual([1, 5, 5, 5]);
    expect(first.v.length).toBe(FIELDS);
  });

  it('replaces distinct-count lists instead of changing them, whether shared or not', () => {
    const ctx = newContext();
    ctx.prepare(event({ atMs: T0_MS }), true);
    const one: DistinctSet = { v: emptyList(), at: emptyList() };
    const two: DistinctSet = { v: emptyList(), at: emptyList() };
    touchDistinct(one, 'a', T0_MS, ctx.distinctLists);
    touchDistinct(two, 'a', T0_MS, ctx.distinctLists);
    expect(one.v).toBe(two.v);
    ctx.prepare(event({ atMs: T0_MS + 5 }), true);
    const before = two.at;
    touchDistinct(one, 'a', T0_MS + 5, ctx.distinctLists);
    expect(one.at).toEqual([T0_MS + 5]);
    expect(two.at).toBe(before);
    expect(countDistinct(two, T0_MS + 1, null)).toBe(0);
    expect(countDistinct(one, T0_MS + 1, null)).toBe(1);
  });
});

describe('event gates', () => {
  const onDeposits = rule({
    id: 'deposits',
    template: 'threshold',
    params: { direction: 'in', filter: { kinds: ['deposit'] } },
  });
  const onDepositsToo = rule({
    id: 'deposits_too',
    template: 'threshold',
    params: { direction: 'in', filter: { kinds: ['deposit'], customerKinds: ['person'] } },
  });
  const onAnything = rule({
    id: 'anything',
    template: 'threshold',
    params: { direction: 'in', filter: { customerKinds: ['person'] } },
  });

  it('skips a rule only when the event conditions of its filters fail, testing each once', () => {
    const rules = pack([onDeposits, onDepositsToo, onAnything]).rules.map(compileRule);
    const gates = new EventGates(rules);
    const ctx = newContext();
    ctx.prepare(withdrawal('c1', 5n), true);
    gates.reset();
    expect(rules.map((_, position) => gates.mayConcern(position, ctx))).toEqual([
      false,
      false,
      true,
    ]);
    ctx.prepare(deposit('c1', 5n), true);
    gates.reset();
    expect(rules.map((_, position) => gates.mayConcern(position, ctx))).toEqual([true, true, true]);
  });
});
