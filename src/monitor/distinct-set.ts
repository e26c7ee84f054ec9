import { appended } from './exact-array.js';
import { DISTINCT_SET_MAX } from './limits.js';
import type { DistinctSet } from './key-state.js';

/**
 * Records `value` as seen at atMs. A full set replaces the value seen least recently, so the
 * set always holds the DISTINCT_SET_MAX most recently seen values: a count over any window
 * with at most that many values is exact.
 */
export function touchDistinct(set: DistinctSet, value: string, atMs: number): void {
  const values = set.v;
  let oldest = 0;
  for (let index = 0; index < values.length; index += 1) {
    if (values[index] === value) {
      set.at[index] = Math.max(set.at[index] ?? atMs, atMs);
      return;
    }
    if ((set.at[index] ?? 0) < (set.at[oldest] ?? 0)) oldest = index;
  }
  if (values.length < DISTINCT_SET_MAX) {
    set.v = appended(values, value);
    set.at = appended(set.at, atMs);
  } else if ((set.at[oldest] ?? atMs) < atMs) {
    values[oldest] = value;
    set.at[oldest] = atMs;
  }
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
