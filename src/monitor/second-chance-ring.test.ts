import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecondChanceRing } from './second-chance-ring.js';

interface Entry {
  id: number;
  referenced: boolean;
}

/** The queue as a list: second chance written the plain way, re-inserting marked entries. */
class ListModel {
  readonly queue: Entry[] = [];
  constructor(private readonly capacity: number) {}
  add(entry: Entry): Entry | undefined {
    let evicted: Entry | undefined;
    if (this.queue.length >= this.capacity) {
      for (;;) {
        const oldest = this.queue.shift() as Entry;
        if (!oldest.referenced) {
          evicted = oldest;
          break;
        }
        oldest.referenced = false;
        this.queue.push(oldest);
      }
    }
    this.queue.push(entry);
    return evicted;
  }
}

describe('SecondChanceRing', () => {
  it('evicts the oldest unreferenced entry and requeues referenced ones', () => {
    const ring = new SecondChanceRing<Entry>(3);
    const entries = [0, 1, 2].map((id) => ({ id, referenced: false }));
    for (const entry of entries) expect(ring.add(entry)).toBeUndefined();
    (entries[0] as Entry).referenced = true;
    expect(ring.add({ id: 3, referenced: false })?.id).toBe(1);
    expect([...ring.inOrder()].map((entry) => entry.id)).toEqual([2, 0, 3]);
    expect(ring.size).toBe(3);
  });

  it('evicts exactly as a second-chance queue kept as a list', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 40 })), { maxLength: 200 }),
        (capacity, steps) => {
          const ring = new SecondChanceRing<Entry>(capacity);
          const model = new ListModel(capacity);
          const live = new Map<number, [Entry, Entry]>();
          let next = 0;
          for (const step of steps) {
            if (step === -1) {
              const ringEntry = { id: next, referenced: false };
              const modelEntry = { id: next, referenced: false };
              next += 1;
              const evicted = ring.add(ringEntry);
              expect(evicted?.id).toBe(model.add(modelEntry)?.id);
              if (evicted !== undefined) live.delete(evicted.id);
              live.set(ringEntry.id, [ringEntry, modelEntry]);
            } else {
              const pair = live.get(step);
              if (pair !== undefined) pair[0].referenced = pair[1].referenced = true;
            }
          }
          expect([...ring.inOrder()].map((entry) => entry.id)).toEqual(
            model.queue.map((entry) => entry.id),
          );
        },
      ),
    );
  });
});
