import { assert } from '../assert.js';
import { COUNT, FIELDS, MAX, NET, SUM } from './aggregate-conditions.js';
import type { EventPredicate } from './compiled-filter.js';
import type { EventContext, Side } from './event-context.js';
import { INSERT_BUCKET, NEWEST_BUCKET } from './derived-lists.js';
import { insertedAt, shiftLeft } from './exact-array.js';
import type { AggregateState } from './key-state.js';
import type { CustomerProfile } from './monitored-event.js';

/** Every field, in order: the layout of totals and of snapshots (see expandedValues). */
export const ALL_FIELDS: readonly number[] = [COUNT, SUM, MAX, NET];

/**
 * Adds the event to the slots at `base`. `fields` are the fields kept per slot (ascending
 * field numbers, each slot `fields.length` wide): a rule keeps only what its conditions read.
 */
function addEvent(
  values: number[] | Float64Array,
  base: number,
  slotFilters: (EventPredicate | null)[],
  fields: readonly number[],
  ctx: EventContext,
  profile: CustomerProfile | undefined,
  side: Side,
): void {
  const amount = ctx.amount;
  const signed = ctx.signOf(side) * amount;
  const kept = fields.length;
  for (let slot = 0; slot < slotFilters.length; slot += 1) {
    const filter = slotFilters[slot];
    if (filter !== null && filter !== undefined && !filter(ctx, profile)) continue;
    const at = base + slot * kept;
    if (kept === FIELDS) {
      values[at + COUNT] = (values[at + COUNT] ?? 0) + 1;
      values[at + SUM] = (values[at + SUM] ?? 0) + amount;
      values[at + MAX] = Math.max(values[at + MAX] ?? 0, amount);
      values[at + NET] = (values[at + NET] ?? 0) + signed;
      continue;
    }
    for (let index = 0; index < kept; index += 1) {
      const field = fields[index];
      const previous = values[at + index] ?? 0;
      if (field === COUNT) values[at + index] = previous + 1;
      else if (field === SUM) values[at + index] = previous + amount;
      else if (field === MAX) values[at + index] = Math.max(previous, amount);
      else values[at + index] = previous + signed;
    }
  }
}

/**
 * Adds the event to bucket `idx`, keeping at most `keep` buckets ending at the newest. Returns
 * false (and changes nothing) when the bucket is older than the kept range: a late event.
 * Bucket indexes (`b`) are shared between keys whose buckets are alike and replaced, never
 * changed in place (DerivedLists). Values (`v`) belong to one key: a new newest bucket takes
 * the place of expired ones in the same array (shifted left), and the array is reallocated, at
 * its exact length, only when the number of live buckets grows.
 */
export function addToBucket(
  state: AggregateState,
  idx: number,
  keep: number,
  slotFilters: (EventPredicate | null)[],
  ctx: EventContext,
  profile: CustomerProfile | undefined,
  side: Side,
  fields: readonly number[] = ALL_FIELDS,
): boolean {
  const width = slotFilters.length * fields.length;
  const buckets = state.b;
  const lists = ctx.bucketLists;
  let position: number;
  if (buckets.length === 0 || idx > state.last) {
    const oldestKept = idx - keep + 1;
    let drop = 0;
    while (drop < buckets.length && (buckets[drop] ?? 0) < oldestKept) drop += 1;
    state.b =
      lists.find(buckets, NEWEST_BUCKET, idx, drop) ??
      lists.keep(buckets, NEWEST_BUCKET, idx, drop, droppedThenAppended(buckets, drop, idx));
    if (drop > 0) {
      const values = state.v;
      shiftLeft(values, drop * width);
      values.length -= (drop - 1) * width;
      values.fill(0, values.length - width);
    } else {
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
      state.b =
        lists.find(buckets, INSERT_BUCKET, idx, position) ??
        lists.keep(buckets, INSERT_BUCKET, idx, position, insertedAt(buckets, position, idx));
      state.v = insertedAt(state.v, position * width, 0, width);
    }
  }
  addEvent(state.v, position * width, slotFilters, fields, ctx, profile, side);
  return true;
}

/**
 * addToBucket for a rule that keeps no bucket values (distinct counts only): moves the newest
 * bucket index, and returns false for an event older than the kept range, as addToBucket does.
 * Such a state's `b` and `v` stay empty.
 */
export function advanceNewestBucket(state: AggregateState, idx: number, keep: number): boolean {
  assert(state.b.length === 0, 'a state without bucket values keeps no bucket indexes');
  if (idx > state.last) {
    state.last = idx;
    return true;
  }
  return idx >= state.last - keep + 1;
}

/** A new list: `items` without its first `drop` elements, then `item`. */
function droppedThenAppended(items: readonly number[], drop: number, item: number): number[] {
  const next = new Array<number>(items.length - drop + 1);
  for (let index = drop; index < items.length; index += 1) next[index - drop] = items[index] ?? 0;
  next[items.length - drop] = item;
  return next;
}

/**
 * Fills `totals` (slots × FIELDS, every field) with the buckets in (lastIdx − keep, lastIdx];
 * fields the state does not keep stay 0. With `eventFilters` (check()), the event is added as
 * if it had been observed.
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
  fields: readonly number[] = ALL_FIELDS,
): void {
  totals.fill(0);
  const kept = fields.length;
  const slots = totals.length / FIELDS;
  const width = slots * kept;
  if (state !== undefined) {
    const oldest = lastIdx - keep + 1;
    const buckets = state.b;
    const values = state.v;
    for (let position = buckets.length - 1; position >= 0; position -= 1) {
      const idx = buckets[position] ?? 0;
      if (idx > lastIdx) continue;
      if (idx < oldest) break;
      const base = position * width;
      if (kept === FIELDS) {
        for (let at = 0; at < width; at += FIELDS) {
          totals[at + COUNT] = (totals[at + COUNT] ?? 0) + (values[base + at + COUNT] ?? 0);
          totals[at + SUM] = (totals[at + SUM] ?? 0) + (values[base + at + SUM] ?? 0);
          totals[at + MAX] = Math.max(totals[at + MAX] ?? 0, values[base + at + MAX] ?? 0);
          totals[at + NET] = (totals[at + NET] ?? 0) + (values[base + at + NET] ?? 0);
        }
        continue;
      }
      for (let slot = 0; slot < slots; slot += 1) {
        for (let index = 0; index < kept; index += 1) {
          const field = fields[index] ?? COUNT;
          const total = slot * FIELDS + field;
          const value = values[base + slot * kept + index] ?? 0;
          totals[total] =
            field === MAX ? Math.max(totals[total] ?? 0, value) : (totals[total] ?? 0) + value;
        }
      }
    }
  }
  if (eventFilters !== null) addEvent(totals, 0, eventFilters, ALL_FIELDS, ctx, profile, side);
}

/** Values kept as `fields` per slot, spread to every field (the snapshot layout; others 0). */
export function expandedValues(values: readonly number[], fields: readonly number[]): number[] {
  const kept = fields.length;
  if (kept === 0) {
    assert(values.length === 0, 'a state without bucket fields keeps no values');
    return [];
  }
  if (kept === FIELDS) return values.slice();
  const groups = values.length / kept;
  const expanded = new Array<number>(groups * FIELDS).fill(0);
  for (let group = 0; group < groups; group += 1) {
    for (let index = 0; index < kept; index += 1) {
      expanded[group * FIELDS + (fields[index] ?? COUNT)] = values[group * kept + index] ?? 0;
    }
  }
  return expanded;
}

/** The inverse of expandedValues: keeps `fields` of every slot of snapshot-layout values. */
export function compactedValues(values: readonly number[], fields: readonly number[]): number[] {
  const kept = fields.length;
  if (kept === FIELDS) return values.slice();
  const groups = values.length / FIELDS;
  const compacted = new Array<number>(groups * kept);
  for (let group = 0; group < groups; group += 1) {
    for (let index = 0; index < kept; index += 1) {
      compacted[group * kept + index] = values[group * FIELDS + (fields[index] ?? COUNT)] ?? 0;
    }
  }
  return compacted;
}
