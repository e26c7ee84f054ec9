import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT, FIELDS, MAX, NET, SUM } from './aggregate-conditions.js';
import { CustomerStore } from './customer-store.js';
import { countDistinct, touchDistinct } from './distinct-set.js';
import { EventContext, IN } from './event-context.js';
import { NONE_MS, type AggregateState, type DistinctSet } from './key-state.js';
import { DISTINCT_SET_MAX } from './limits.js';
import { deposit, T0_MS } from './test-kit.js';
import {
  addToBucket,
  ALL_FIELDS,
  compactedValues,
  expandedValues,
  windowTotals,
} from './window-buckets.js';

const BUCKET_MS = 600_000;
const WINDOW_MS = 6 * BUCKET_MS;
const KEEP = WINDOW_MS / BUCKET_MS + 1;

const streamArbitrary = fc.array(
  fc.record({
    stepMs: fc.integer({ min: 0, max: 3 * BUCKET_MS }),
    /** Some events arrive late, up to a whole window and a half behind. */
    lateMs: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: WINDOW_MS * 1.5 })),
    amountMinor: fc.integer({ min: 1, max: 1_000_000 }),
  }),
  { minLength: 1, maxLength: 200 },
);

describe('windowed aggregates against a naive reference', () => {
  it('sum, count and max lie between the exact window and the window one bucket longer', () => {
    fc.assert(
      fc.property(streamArbitrary, (stream) => {
        const ctx = new EventContext(
          new CustomerStore({ customersMax: 10, keysPerCustomerMax: 10 }),
          new Map(),
        );
        const state: AggregateState = {
          t: 'agg',
          seenMs: 0,
          last: 0,
          b: [],
          v: [],
          recent: null,
          ds: null,
          untilMs: NONE_MS,
        };
        const totals = new Float64Array(FIELDS);
        const kept: { atMs: number; amount: number }[] = [];
        let clockMs = T0_MS;
        for (const item of stream) {
          clockMs += item.stepMs;
          const atMs = clockMs - item.lateMs;
          ctx.prepare(deposit('c1', BigInt(item.amountMinor), { atMs }), true);
          const accepted = addToBucket(
            state,
            Math.floor(atMs / BUCKET_MS),
            KEEP,
            [null],
            ctx,
            undefined,
            IN,
          );
          if (accepted) kept.push({ atMs, amount: item.amountMinor });
          const newestMs = Math.max(...kept.map((entry) => entry.atMs));
          windowTotals(state, state.last, KEEP, totals, null, ctx, undefined, IN);
          const inRange = (fromMs: number) =>
            kept.filter((entry) => entry.atMs > fromMs && entry.atMs <= newestMs);
          const exact = inRange(newestMs - WINDOW_MS);
          const wide = inRange(newestMs - WINDOW_MS - BUCKET_MS);
          const sum = (entries: typeof kept) =>
            entries.reduce((total, entry) => total + entry.amount, 0);
          expect(totals[COUNT]).toBeGreaterThanOrEqual(exact.length);
          expect(totals[COUNT]).toBeLessThanOrEqual(wide.length);
          expect(totals[SUM]).toBeGreaterThanOrEqual(sum(exact));
          expect(totals[SUM]).toBeLessThanOrEqual(sum(wide));
          expect(totals[MAX]).toBeGreaterThanOrEqual(
            Math.max(0, ...exact.map((entry) => entry.amount)),
          );
          expect(totals[MAX]).toBeLessThanOrEqual(
            Math.max(0, ...wide.map((entry) => entry.amount)),
          );
          expect(state.b.length).toBeLessThanOrEqual(KEEP);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('distinct counts are exact up to DISTINCT_SET_MAX and saturate there', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            stepMs: fc.integer({ min: 0, max: BUCKET_MS }),
            value: fc.integer({ min: 0, max: 120 }),
          }),
          { maxLength: 400 },
        ),
        (stream) => {
          const set: DistinctSet = { v: [], at: [] };
          const seen: { value: string; atMs: number }[] = [];
          let atMs = T0_MS;
          for (const item of stream) {
            atMs += item.stepMs;
            touchDistinct(set, `v${item.value}`, atMs);
            seen.push({ value: `v${item.value}`, atMs });
            const fromMs = atMs - WINDOW_MS + 1;
            const naive = new Set(
              seen.filter((entry) => entry.atMs >= fromMs).map((entry) => entry.value),
            ).size;
            expect(countDistinct(set, fromMs, null)).toBe(Math.min(naive, DISTINCT_SET_MAX));
            expect(set.v.length).toBeLessThanOrEqual(DISTINCT_SET_MAX);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a state keeping some fields gives the totals of one keeping all, for those fields', () => {
    const ctx = new EventContext(
      new CustomerStore({ customersMax: 10, keysPerCustomerMax: 10 }),
      new Map(),
    );
    const fresh = (): AggregateState => ({
      t: 'agg',
      seenMs: 0,
      last: 0,
      b: [],
      v: [],
      recent: null,
      ds: null,
      untilMs: NONE_MS,
    });
    const all = fresh();
    const some = fresh();
    const fields = [SUM, NET];
    const full = new Float64Array(2 * FIELDS);
    const part = new Float64Array(2 * FIELDS);
    const slotFilters = [null, null];
    for (const [index, amountMinor] of [5n, 9n, 2n, 7n].entries()) {
      const atMs = T0_MS + index * 2 * BUCKET_MS;
      ctx.prepare(deposit('c1', amountMinor, { atMs }), true);
      const idx = Math.floor(atMs / BUCKET_MS);
      addToBucket(all, idx, KEEP, slotFilters, ctx, undefined, IN);
      addToBucket(some, idx, KEEP, slotFilters, ctx, undefined, IN, fields);
      windowTotals(all, all.last, KEEP, full, null, ctx, undefined, IN);
      windowTotals(some, some.last, KEEP, part, null, ctx, undefined, IN, fields);
      for (const at of [SUM, NET, FIELDS + SUM, FIELDS + NET]) expect(part[at]).toBe(full[at]);
      expect(part[COUNT]).toBe(0);
      expect(some.v.length).toBe(all.v.length / 2);
    }
    const spread = expandedValues(some.v, fields);
    expect(spread.length).toBe(all.v.length);
    expect(compactedValues(spread, fields)).toEqual(some.v);
    expect(compactedValues(all.v, fields)).toEqual(some.v);
    expect(expandedValues(all.v, ALL_FIELDS)).toEqual(all.v);
  });
});
