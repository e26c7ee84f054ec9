import {
  APPEND_TIME,
  APPEND_VALUE,
  REPLACE_TIME,
  REPLACE_VALUE,
  withReplaced,
  type DerivedLists,
} from './derived-lists.js';
import { appended } from './exact-array.js';
import { DISTINCT_SET_MAX } from './limits.js';
import type { DistinctSet } from './key-state.js';

/**
 * Records `value` as seen at atMs. A full set replaces the value seen least recently, so the
 * set always holds the DISTINCT_SET_MAX most recently seen values: a count over any window
 * with at most that many values is exact. The set's lists are replaced, never changed in
 * place; with `lists` (the event's DerivedLists) sets of keys that saw the same values share
 * them.
 */
export function touchDistinct(
  set: DistinctSet,
  value: string,
  atMs: number,
  lists: DerivedLists | null = null,
): void {
  const values = set.v;
  const times = set.at;
  let oldest = 0;
  for (let index = 0; index < values.length; index += 1) {
    if (values[index] === value) {
      if ((times[index] ?? atMs) < atMs) {
        set.at = derived(lists, times, REPLACE_TIME, index, atMs, withReplaced);
      }
      return;
    }
    if ((times[index] ?? 0) < (times[oldest] ?? 0)) oldest = index;
  }
  if (values.length < DISTINCT_SET_MAX) {
    set.v = derived(lists, values, APPEND_VALUE, values.length, value, appendedAt);
    set.at = derived(lists, times, APPEND_TIME, times.length, atMs, appendedAt);
  } else if ((times[oldest] ?? atMs) < atMs) {
    set.v = derived(lists, values, REPLACE_VALUE, oldest, value, withReplaced);
    set.at = derived(lists, times, REPLACE_TIME, oldest, atMs, withReplaced);
  }
}

function appendedAt<T>(items: readonly T[], _position: number, item: T): T[] {
  return appended(items, item);
}

function derived<T>(
  lists: DerivedLists | null,
  from: readonly T[],
  operation: number,
  position: number,
  item: T,
  make: (items: readonly T[], position: number, item: T) => T[],
): T[] {
  if (lists === null) return make(from, position, item);
  return (
    lists.find(from, operation, position, item) ??
    lists.keep(from, operation, position, item, make(from, position, item))
  );
}

/** Values seen at or after fromMs, plus `extra` when given and not among them. */
export function countDistinct(set: DistinctSet, fromMs: number, extra: string | null): number {
  let count = 0;
  let extraSeen = extra === null;
  for (let index = 0; index < set.v.length; index += 1) {
    if ((set.at[index] ?? 0) < fromMs) continue;
    count += 1;
    if (!extraSeen && set.v[index] === extra) extraSeen = true;
  }
  return extraSeen ? count : count + 1;
}
