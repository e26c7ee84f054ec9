import { assert } from '../assert.js';

/** An entry of a SecondChanceRing: its owner sets `referenced` when it uses the entry. */
export interface Referenced {
  referenced: boolean;
}

/**
 * The eviction queue of a store bounded at `capacity` entries, in second-chance order (the
 * clock algorithm): entries queue in insertion order; when a new entry needs room, the oldest
 * entry not referenced since it last reached the end of the queue is evicted, and every
 * referenced entry passed on the way loses its mark and goes to the end of the queue.
 *
 * The queue is a ring of slots with a hand at its oldest entry, so an eviction costs O(1)
 * amortized and moves nothing. (A queue kept in a Map by delete and re-insert leaves deleted
 * entries at the Map's front, and every later eviction walks over them again.) Lookups are the
 * owner's: it removes an evicted entry from its own index.
 */
export class SecondChanceRing<V extends Referenced> {
  private readonly slots: V[] = [];
  /** The slot of the oldest entry once the ring is full (0 until then). */
  private hand = 0;

  constructor(readonly capacity: number) {
    assert(Number.isSafeInteger(capacity) && capacity >= 1, 'capacity must be at least 1');
  }

  get size(): number {
    return this.slots.length;
  }

  /** Adds an entry at the end of the queue; when full, evicts one first and returns it. */
  add(entry: V): V | undefined {
    const slots = this.slots;
    if (slots.length < this.capacity) {
      slots.push(entry);
      return undefined;
    }
    const capacity = this.capacity;
    let slot = this.hand;
    for (;;) {
      const candidate = slots[slot] as V;
      if (!candidate.referenced) break;
      candidate.referenced = false;
      slot = slot + 1 === capacity ? 0 : slot + 1;
    }
    const evicted = slots[slot] as V;
    slots[slot] = entry;
    this.hand = slot + 1 === capacity ? 0 : slot + 1;
    return evicted;
  }

  /** Entries in queue order, oldest first. */
  *inOrder(): Generator<V> {
    const slots = this.slots;
    const count = slots.length;
    for (let step = 0; step < count; step += 1) yield slots[(this.hand + step) % count] as V;
  }
}
