import { assert } from '../assert.js';
import { DERIVED_LISTS_PER_EVENT_MAX } from './limits.js';

/** One event as explanations quote it: made once per event and shared by every key. */
export interface EventRef {
  readonly id: string;
  readonly atMs: number;
}

/**
 * A key's recent events, newest first, as a persistent linked list: appending makes one link
 * in front of the old head and changes nothing, so keys that counted the same events share
 * their common older links, and an append costs one small object instead of a copy of the list.
 * `depth` is the number of links from this one to the end. A chain is cut back to the newest
 * `max` links (by copying them) once it reaches twice `max`, so it stays bounded and a cut
 * costs at most one copied link per event appended.
 */
export interface EventLink {
  readonly ref: EventRef;
  readonly next: EventLink | null;
  readonly depth: number;
}

/** `head` with `ref` in front, cut back to the newest `max` when it would reach 2 × max. */
export function linkedAfter(head: EventLink | null, ref: EventRef, max: number): EventLink {
  assert(max >= 1, 'a chain keeps at least one event');
  const depth = head === null ? 1 : head.depth + 1;
  if (depth < 2 * max || head === null) return { ref, next: head, depth };
  return { ref, next: copyOfNewest(head, max - 1), depth: max };
}

/** A new chain of the newest `count` links of `head` (null when count is 0). */
function copyOfNewest(head: EventLink, count: number): EventLink | null {
  const refs: EventRef[] = [];
  for (let link: EventLink | null = head; link !== null && refs.length < count; link = link.next)
    refs.push(link.ref);
  let copied: EventLink | null = null;
  for (let index = refs.length - 1; index >= 0; index -= 1) {
    copied = { ref: refs[index] as EventRef, next: copied, depth: refs.length - index };
  }
  return copied;
}

/**
 * The ids of the newest `max` events of the chain that happened at or after `fromMs`, oldest
 * first (the events an explanation quotes).
 */
export function recentIds(head: EventLink | null, max: number, fromMs: number): string[] {
  const ids: string[] = [];
  let seen = 0;
  for (let link = head; link !== null && seen < max; link = link.next, seen += 1) {
    if (link.ref.atMs >= fromMs) ids.push(link.ref.id);
  }
  return ids.reverse();
}

/** The newest `max` events as the snapshot's two lists, oldest first. */
export function chainLists(head: EventLink | null, max: number): { ids: string[]; at: number[] } {
  const ids: string[] = [];
  const at: number[] = [];
  let seen = 0;
  for (let link = head; link !== null && seen < max; link = link.next, seen += 1) {
    ids.push(link.ref.id);
    at.push(link.ref.atMs);
  }
  return { ids: ids.reverse(), at: at.reverse() };
}

/** The inverse of chainLists. */
export function chainOf(ids: readonly string[], at: readonly number[]): EventLink | null {
  assert(ids.length === at.length, 'explanation ids and times pair up');
  let head: EventLink | null = null;
  for (let index = 0; index < ids.length; index += 1) {
    head = {
      ref: { id: ids[index] as string, atMs: at[index] as number },
      next: head,
      depth: index + 1,
    };
  }
  return head;
}

/** Links in a chain (for size estimates): at most 2 × max. */
export function chainLength(head: EventLink | null): number {
  return head === null ? 0 : head.depth;
}

/**
 * The links one event adds, by the chain they were added to: every key whose chain had the same
 * head (and bound) gets the same new link. Emptied for every event; remembers at most
 * DERIVED_LISTS_PER_EVENT_MAX heads (keys past that get links of their own).
 */
export class EventLinks {
  private id = '';
  private atMs = 0;
  /** This event as chains quote it, made on first use. */
  private ref: EventRef | null = null;
  private readonly heads: (EventLink | null)[] = [];
  private readonly maxes: number[] = [];
  private readonly links: (EventLink | null)[] = [];
  private size = 0;

  reset(id: string, atMs: number): void {
    for (let index = 0; index < this.size; index += 1) {
      this.heads[index] = null;
      this.links[index] = null;
    }
    this.size = 0;
    this.id = id;
    this.atMs = atMs;
    this.ref = null;
  }

  /** `head` with this event in front (see linkedAfter). */
  after(head: EventLink | null, max: number): EventLink {
    const heads = this.heads;
    for (let index = 0; index < this.size; index += 1) {
      if (heads[index] === head && this.maxes[index] === max) return this.links[index] as EventLink;
    }
    const ref = (this.ref ??= { id: this.id, atMs: this.atMs });
    const link = linkedAfter(head, ref, max);
    const at = this.size;
    if (at < DERIVED_LISTS_PER_EVENT_MAX) {
      heads[at] = head;
      this.maxes[at] = max;
      this.links[at] = link;
      this.size = at + 1;
    }
    return link;
  }
}
