import { COUNT, FIELDS, MAX, NET, SUM } from './aggregate-conditions.js';
import type { EventPredicate } from './compiled-filter.js';
import type { EventContext, Side } from './event-context.js';
import { appended, insertedAt } from './exact-array.js';
import type { AggregateState } from './key-state.js';
import type { CustomerProfile } from './monitored-event.js';

function addEvent(
  values: number[] | Float64Array,
  base: number,
  slotFilters: (EventPredicate | null)[],
  ctx: EventContext,
  profile: CustomerProfile | undefined,
  side: Side,
): void {
  const amount = ctx.amount;
  const signed = ctx.signOf(side) * amount;
  for (let slot = 0; slot < slotFilters.length; slot += 1) {
    const filter = slotFilters[slot];
    if (filter !== null && filter !== undefined && !filter(ctx, profile)) continue;
    const at = base + slot * FIELDS;
    values[at + COUNT] = (values[at + COUNT] ?? 0) + 1;
    values[at + SUM] = (values[at + SUM] ?? 0) + amount;
    values[at + MAX] = Math.max(values[at + MAX] ?? 0, amount);
    values[at + NET] = (values[at + NET] ?? 0) + signed;
  }
}

/**
 * Adds the event to bucket `idx`, keeping at most `keep` buckets ending at the newest. Returns
 * false (and changes nothing) when the bucket is older than the kept range: a late event.
 * A new newest bucket takes the place of expired ones in the same arrays (shifted left), so
 * a key whose buckets roll over allocates nothing; arrays are reallocated, at their exact
 * length, only when the number of live buckets grows.
 */
export function addToBucket(
  state: AggregateState,
  idx: number,
  keep: number,
  slotFilters: (EventPredicate | null)[],
  ctx: EventContext,
  profile: CustomerProfile | undefined,
  side: Side,
): boolean {
  const width = slotFilters.length * FIELDS;
  const buckets = state.b;
  let position: number;
  if (buckets.length === 0 || idx > state.last) {
    const oldestKept = idx - keep + 1;
    let drop = 0;
    while (drop < buckets.length && (buckets[drop] ?? 0) < oldestKept) drop += 1;
    if (drop > 0) {
      const values = state.v;
      buckets.copyWithin(0, drop);
      values.copyWithin(0, drop * width);
      buckets.length -= drop - 1;
      values.length -= (drop - 1) * width;
      buckets[buckets.length - 1] = idx;
      values.fill(0, values.length - width);
    } else {
      state.b = appended(buckets, idx);
      state.v = insertedAt(state.v, state.v.length, 0, width);
    }
    state.last = idx;
    position = state.b.length - 1;
  } else {
    if (idx < state.last - keep + 1) return false;
    position = buckets.length - 1;
    while (position >= 0 && (buckets[position] ?? 0) > idx) position -= 1;
    if (position < 0 || buckets[position] !== idx) {
      position += 1;
      state.b = insertedAt(buckets, position, idx);
      state.v = insertedAt(state.v, position * width, 0, width);
    }
  }
  addEvent(state.v, position * width, slotFilters, ctx, profile, side);
  return true;
}

/**
 * Fills `totals` (slots × FIELDS) with the buckets in (lastIdx − keep, lastIdx]. With
 * `eventFilters` (check()), the event is added as if it had been observed.
 */
export function windowTotals(
  state: AggregateState | undefined,
  lastIdx: number,
  keep: number,
  totals: Float64Array,
  eventFilters: (EventPredicate | null)[] | null,
  ctx: EventContext,
  profile: CustomerProfile | undefined,
  side: Side,
): void {
  totals.fill(0);
  const width = totals.length;
  if (state !== undefined) {
    const oldest = lastIdx - keep + 1;
    const buckets = state.b;
    const values = state.v;
    for (let position = buckets.length - 1; position >= 0; position -= 1) {
      const idx = buckets[position] ?? 0;
      if (idx > lastIdx) continue;
      if (idx < oldest) break;
      const base = position * width;
      for (let at = 0; at < width; at += FIELDS) {
        totals[at + COUNT] = (totals[at + COUNT] ?? 0) + (values[base + at + COUNT] ?? 0);
        totals[at + SUM] = (totals[at + SUM] ?? 0) + (values[base + at + SUM] ?? 0);
        totals[at + MAX] = Math.max(totals[at + MAX] ?? 0, values[base + at + MAX] ?? 0);
        totals[at + NET] = (totals[at + NET] ?? 0) + (values[base + at + NET] ?? 0);
      }
    }
  }
  if (eventFilters !== null) addEvent(totals, 0, eventFilters, ctx, profile, side);
}
