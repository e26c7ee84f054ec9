import { DERIVED_LISTS_PER_EVENT_MAX } from './limits.js';

/**
 * The lists one event derives from other lists by one change (bucket indexes with a bucket
 * added, a distinct value's time replaced). Keys that have seen the same events
 * hold the same list; the first key to make a change allocates the new list and every other
 * key making the same change to the same list during the event takes that new list too, so
 * an event allocates one copy per distinct list rather than one per key.
 *
 * Lists that pass through here may be shared, so they are never changed in place: every change
 * makes a new list. A change is named by the list it starts from (by identity), an operation
 * code and two arguments (numbers or strings, compared with ===) which determine the result.
 * The cache holds at most DERIVED_LISTS_PER_EVENT_MAX changes and is emptied for every event
 * (EventContext.prepare).
 */
export class DerivedLists {
  private readonly from: (readonly unknown[] | null)[] = [];
  private readonly to: (unknown[] | null)[] = [];
  private readonly keys: unknown[] = [];
  private size = 0;

  clear(): void {
    for (let index = 0; index < this.size; index += 1) {
      this.from[index] = null;
      this.to[index] = null;
      this.keys[index * 3 + 1] = null;
      this.keys[index * 3 + 2] = null;
    }
    this.size = 0;
  }

  /** The list this event already derived from `from` by (operation, first, second), if any. */
  find<T>(from: readonly T[], operation: number, first: unknown, second: unknown): T[] | undefined {
    const lists = this.from;
    const keys = this.keys;
    for (let index = 0; index < this.size; index += 1) {
      if (lists[index] !== from) continue;
      const at = index * 3;
      if (keys[at] === operation && keys[at + 1] === first && keys[at + 2] === second) {
        return this.to[index] as T[];
      }
    }
    return undefined;
  }

  /** Records that (operation, first, second) turns `from` into `to` during this event; returns `to`. */
  keep<T>(from: readonly T[], operation: number, first: unknown, second: unknown, to: T[]): T[] {
    const index = this.size;
    if (index >= DERIVED_LISTS_PER_EVENT_MAX) return to;
    this.from[index] = from;
    this.to[index] = to;
    const at = index * 3;
    this.keys[at] = operation;
    this.keys[at + 1] = first;
    this.keys[at + 2] = second;
    this.size = index + 1;
    return to;
  }
}

/** Operation codes of DerivedLists (one per kind of change). */
export const NEWEST_BUCKET = 3;
export const INSERT_BUCKET = 4;
export const DROP_OLDEST = 5;
export const APPEND_VALUE = 6;
export const APPEND_TIME = 7;
export const REPLACE_VALUE = 8;
export const REPLACE_TIME = 9;

/** A new list: `items` without its first `drop` elements. */
export function withoutOldest<T>(items: readonly T[], drop: number): T[] {
  const next = new Array<T>(items.length - drop);
  for (let index = drop; index < items.length; index += 1) next[index - drop] = items[index] as T;
  return next;
}

/** A new list: `items` with the element at `position` replaced by `item`. */
export function withReplaced<T>(items: readonly T[], position: number, item: T): T[] {
  const next = new Array<T>(items.length);
  for (let index = 0; index < items.length; index += 1) next[index] = items[index] as T;
  next[position] = item;
  return next;
}
