/**
 * Arrays grown one element at a time get spare capacity from V8 (about 1.5× + 16 slots): for
 * state that lives as long as a customer, mostly a few elements per key, that spare room was
 * most of the heap. These helpers return a fresh array of exactly the needed length instead;
 * the short-lived copy is cheap for the young generation.
 */
export function appended<T>(items: readonly T[], item: T): T[] {
  const next = new Array<T>(items.length + 1);
  for (let index = 0; index < items.length; index += 1) next[index] = items[index] as T;
  next[items.length] = item;
  return next;
}

export function insertedAt<T>(items: readonly T[], position: number, inserted: T, count = 1): T[] {
  const next = new Array<T>(items.length + count);
  for (let index = 0; index < position; index += 1) next[index] = items[index] as T;
  for (let index = 0; index < count; index += 1) next[position + index] = inserted;
  for (let index = position; index < items.length; index += 1)
    next[index + count] = items[index] as T;
  return next;
}

/** Appends and keeps the newest `max` (drops the oldest when full). */
export function appendedBounded<T>(items: T[], item: T, max: number): T[] {
  if (items.length < max) return appended(items, item);
  shiftLeft(items, 1);
  items[items.length - 1] = item;
  return items;
}

/**
 * Moves every element `by` places towards the front, in place; the last `by` places keep their
 * old values and the length is unchanged. A plain loop: V8's Array.prototype.copyWithin takes
 * a generic path that measured about 40× slower on the arrays of a full window.
 */
export function shiftLeft<T>(items: T[], by: number): void {
  const end = items.length - by;
  for (let index = 0; index < end; index += 1) items[index] = items[index + by] as T;
}

const SHARED_EMPTY: readonly never[] = Object.freeze([]);

/**
 * One shared empty array, the start of every list of state that grows through the helpers
 * above (which copy) and is changed in place only once it holds elements: a new key then
 * allocates no arrays before its first element. Frozen, so a push on it fails loudly.
 */
export function emptyList<T>(): T[] {
  return SHARED_EMPTY as unknown as T[];
}
