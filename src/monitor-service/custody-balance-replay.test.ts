import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Queryable, Row } from '../store/index.js';
import { CustodyBalanceReplay } from './custody-balance-replay.js';

// Goal: a replay sets, at each leaf, the sum of every change up to that leaf and no later one,
// whatever the pages it is read in. Method: random changes served by a stand-in for the books.

type Change = { leafIndex: number; currency: string; deltaMinor: bigint };

function books(changes: Change[]): Queryable {
  return {
    async query<T extends Row>(_sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const [, after, upto] = params as [string, number, number];
      return changes
        .filter((change) => change.leafIndex > after && change.leafIndex <= upto)
        .map((change) => ({
          leaf_index: String(change.leafIndex),
          currency: change.currency,
          delta: change.deltaMinor.toString(),
        })) as unknown as T[];
    },
  };
}

const changes = fc
  .array(
    fc.record({
      leafIndex: fc.integer({ min: 0, max: 60 }),
      currency: fc.constantFrom('CNY', 'USD'),
      deltaMinor: fc.oneof(fc.constant(0n), fc.bigInt({ min: -1_000_000n, max: 1_000_000n })),
    }),
    { maxLength: 40 },
  )
  .map((list) =>
    // One row per leaf and currency, in leaf order, as the books group them.
    [...new Map(list.map((c) => [`${c.leafIndex}:${c.currency}`, c])).values()].sort(
      (a, b) => a.leafIndex - b.leafIndex || a.currency.localeCompare(b.currency),
    ),
  );

describe('CustodyBalanceReplay', () => {
  it('holds, at each leaf, the sum of the changes up to it, read in pages of any size', async () => {
    await fc.assert(
      fc.asyncProperty(changes, fc.integer({ min: 1, max: 25 }), async (list, pageLeaves) => {
        const db = books(list);
        const replay = new CustodyBalanceReplay('plt');
        const set: { currency: string; balanceMinor: bigint; leaf: number }[] = [];
        let leaf = -1;
        for (let upto = pageLeaves - 1; leaf < 60; upto += pageLeaves) {
          await replay.read(db, upto);
          for (; leaf < upto;) {
            leaf += 1;
            replay.applyUpTo(leaf, [
              {
                setCustodyBalance: (platformId, currency, balanceMinor) => {
                  expect(platformId).toBe('plt');
                  set.push({ currency, balanceMinor, leaf });
                },
              },
            ]);
            for (const currency of ['CNY', 'USD']) {
              const expected = list
                .filter((c) => c.currency === currency && c.leafIndex <= leaf)
                .reduce((sum, c) => sum + c.deltaMinor, 0n);
              expect(replay.balanceOf(currency)).toBe(expected);
            }
          }
        }
        // Set once per change that moved money, at its own leaf.
        expect(set.map((s) => s.leaf)).toEqual(
          list.filter((c) => c.deltaMinor !== 0n).map((c) => c.leafIndex),
        );
      }),
    );
  });
});
