import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CustomerStore } from './customer-store.js';
import { chainLists, chainOf, EventLinks, recentIds, type EventLink } from './event-chain.js';
import { EventContext } from './event-context.js';
import { rememberEvent } from './rule-evaluator.js';
import { event, T0_MS } from './test-kit.js';

describe('chains of recent events', () => {
  it('gives keys with the same head the same new link and never changes a chain', () => {
    const ctx = new EventContext(
      new CustomerStore({ customersMax: 10, keysPerCustomerMax: 10 }),
      new Map(),
    );
    const one = { recent: null as EventLink | null };
    const two = { recent: null as EventLink | null };
    ctx.prepare(event({ eventId: 'e1', atMs: T0_MS }), true);
    rememberEvent(one, ctx, 2);
    rememberEvent(two, ctx, 2);
    expect(one.recent).toBe(two.recent);
    ctx.prepare(event({ eventId: 'e2', atMs: T0_MS + 1 }), true);
    rememberEvent(one, ctx, 2);
    const before = two.recent;
    expect(chainLists(one.recent, 2)).toEqual({ ids: ['e1', 'e2'], at: [T0_MS, T0_MS + 1] });
    expect(chainLists(two.recent, 2)).toEqual({ ids: ['e1'], at: [T0_MS] });
    // The older link is shared, not copied.
    expect(one.recent?.next).toBe(before);
    const three = { recent: null as EventLink | null };
    rememberEvent(three, ctx, 2);
    expect(chainLists(three.recent, 2)).toEqual({ ids: ['e2'], at: [T0_MS + 1] });
  });

  it('keeps the newest events exactly as a bounded list does, and stays under twice the bound', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 50 })), {
          maxLength: 120,
        }),
        fc.integer({ min: 0, max: 400 }),
        (max, steps, fromOffsetMs) => {
          const links = new EventLinks();
          const chains: (EventLink | null)[] = [null, null, null];
          const lists: { ids: string[]; at: number[] }[] = [0, 1, 2].map(() => ({
            ids: [],
            at: [],
          }));
          let atMs = T0_MS;
          steps.forEach(([key, gapMs], index) => {
            atMs += gapMs;
            links.reset(`e${index}`, atMs);
            // Every key that sees this event takes it, as the keys of one event do.
            for (let other = 0; other <= key; other += 1) {
              chains[other] = links.after(chains[other] ?? null, max);
              const list = lists[other] as { ids: string[]; at: number[] };
              list.ids = [...list.ids, `e${index}`].slice(-max);
              list.at = [...list.at, atMs].slice(-max);
            }
          });
          for (let key = 0; key < 3; key += 1) {
            const chain = chains[key] ?? null;
            const list = lists[key] as { ids: string[]; at: number[] };
            expect(chainLists(chain, max)).toEqual(list);
            expect(chain === null ? 0 : chain.depth).toBeLessThan(2 * max);
            const fromMs = T0_MS + fromOffsetMs;
            expect(recentIds(chain, max, fromMs)).toEqual(
              list.ids.filter((_, at) => (list.at[at] ?? 0) >= fromMs),
            );
            expect(chainLists(chainOf(list.ids, list.at), max)).toEqual(list);
          }
        },
      ),
    );
  });
});
