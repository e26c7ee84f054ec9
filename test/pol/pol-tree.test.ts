import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPolTree } from '../../src/pol/pol-build.js';
import { u128Bytes, u128FromBytes, toHex } from '../../src/pol/pol-hash.js';
import { leafNodes, leafSecrets, packIds } from '../../src/pol/pol-kernel.mjs';
import { POL_SUM_MODULUS } from '../../src/pol/pol-limits.js';
import { verifyPolProof, type PolProof } from '../../src/pol/pol-proof.js';
import { entriesOf, memoryTree } from './pol-memory.js';

const balanceArb = fc.bigInt({ min: 0n, max: 2n ** 63n - 1n });
const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('proof-of-liabilities tree', () => {
  it('gives every customer a proof that verifies, and the root sum opens to the total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(balanceArb, { minLength: 1, maxLength: 40 }),
        seedArb,
        async (balances, seed) => {
          const memory = await memoryTree(entriesOf(balances), seed);
          const total = balances.reduce((a, b) => a + b, 0n);
          expect(memory.tree.totalMinor).toBe(total);
          expect(u128FromBytes(memory.tree.rootSum)).toBe(
            (total + memory.tree.opening) % POL_SUM_MODULUS,
          );
          for (let index = 0; index < balances.length; index += 1) {
            const proof = memory.proofFor(index);
            const result = verifyPolProof(JSON.parse(JSON.stringify(proof)), {
              customerId: `cus_${String(index).padStart(6, '0')}`,
              rootHash: toHex(memory.tree.rootHash),
            });
            expect(result).toMatchObject({ ok: true, balanceMinor: balances[index] });
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('sums the leaves to the total: masked leaf sums add up to the root sum', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(balanceArb, { minLength: 1, maxLength: 30 }),
        seedArb,
        async (balances, seed) => {
          const tree = await buildPolTree(entriesOf(balances), seed);
          const size = 2 ** tree.height;
          const ids: (string | null)[] = new Array<string | null>(size).fill(null);
          const values = new BigUint64Array(size);
          tree.positions.forEach((position, index) => {
            ids[position] = `cus_${String(index).padStart(6, '0')}`;
            values[position] = balances[index] as bigint;
          });
          const leaves = leafNodes(seed, 0, packIds(ids), values);
          let sum = 0n;
          for (let index = 0; index < size; index += 1)
            sum =
              (sum + u128FromBytes(leaves.sums.subarray(index * 16, index * 16 + 16))) %
              POL_SUM_MODULUS;
          expect(sum).toBe(u128FromBytes(tree.rootSum));
          // The opening is the sum of every leaf's mask, padding leaves included.
          const secrets = leafSecrets(seed, 0, size);
          let masks = 0n;
          for (let index = 0; index < size; index += 1)
            masks =
              (masks + u128FromBytes(secrets.subarray(index * 32 + 16, index * 32 + 32))) %
              POL_SUM_MODULUS;
          expect(masks).toBe(tree.opening);
          expect(tree.totalMinor).toBe(balances.reduce((a, b) => a + b, 0n));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('rebuilds the same root from the same balances and seed, and another root from another seed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(balanceArb, { minLength: 1, maxLength: 30 }),
        seedArb,
        async (balances, seed) => {
          const entries = entriesOf(balances);
          const first = await buildPolTree(entries, seed);
          const again = await buildPolTree(entries, Uint8Array.from(seed));
          expect(toHex(again.rootHash)).toBe(toHex(first.rootHash));
          expect([...again.positions]).toEqual([...first.positions]);
          const other = Uint8Array.from(seed);
          other[0] = (other[0] as number) ^ 1;
          const changed = await buildPolTree(entries, other);
          expect(toHex(changed.rootHash)).not.toBe(toHex(first.rootHash));
        },
      ),
      { numRuns: 20 },
    );
  });

  it('builds the same tree on two worker threads as on one', async () => {
    const entries = entriesOf(Array.from({ length: 1_500 }, (_, index) => BigInt(index * 7919)));
    const seed = randomBytes(32);
    const inline = await buildPolTree(entries, seed, { workers: 1 });
    const threaded = await buildPolTree(entries, seed, { workers: 2 });
    expect(inline.height).toBe(11);
    expect(toHex(threaded.rootHash)).toBe(toHex(inline.rootHash));
    expect(threaded.opening).toBe(inline.opening);
    expect(threaded.chunkNodes.hashes.equals(inline.chunkNodes.hashes)).toBe(true);
  });

  it('builds proofs above the chunk level from one rebuilt chunk and the stored chunk nodes', async () => {
    const balances = Array.from({ length: 2_100 }, (_, index) =>
      BigInt((index * 104_729) % 1_000_003),
    );
    const memory = await memoryTree(entriesOf(balances), randomBytes(32), 2);
    expect(memory.tree.height).toBe(12);
    expect(memory.tree.chunkNodes.hashes.length).toBe(4 * 32);
    const rootHash = toHex(memory.tree.rootHash);
    for (const index of [0, 1, 777, 1_024, 2_099]) {
      const proof = memory.proofFor(index);
      expect(proof.path).toHaveLength(12);
      expect(verifyPolProof(proof, { rootHash })).toMatchObject({
        ok: true,
        balanceMinor: balances[index],
      });
    }
  });

  it('places customers at distinct random positions and pads to a power of two', async () => {
    const entries = entriesOf(Array.from({ length: 20 }, () => 5n));
    const tree = await buildPolTree(entries, randomBytes(32));
    expect(tree.height).toBe(5);
    expect(new Set(tree.positions).size).toBe(20);
    expect([...tree.positions].every((position) => position < 32)).toBe(true);
    expect([...tree.positions]).not.toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it('hashes non-ASCII customer ids the same in the build kernel and the verifier', async () => {
    const memory = await memoryTree(
      [
        { customerId: 'cus_张伟', balanceMinor: 100n },
        { customerId: 'cus_Ельцин', balanceMinor: 0n },
      ],
      randomBytes(32),
    );
    expect(verifyPolProof(memory.proofFor(0))).toMatchObject({ ok: true, customerId: 'cus_张伟' });
    expect(verifyPolProof(memory.proofFor(1))).toMatchObject({ ok: true, balanceMinor: 0n });
  });

  it('refuses duplicate customers, negative balances and an empty book', async () => {
    const seed = randomBytes(32);
    await expect(buildPolTree([], seed)).rejects.toThrow(/customers per tree/);
    await expect(buildPolTree(entriesOf([1n, 2n]).concat(entriesOf([3n])), seed)).rejects.toThrow(
      /twice/,
    );
    await expect(buildPolTree(entriesOf([-1n]), seed)).rejects.toThrow(/balance out of range/);
    await expect(buildPolTree(entriesOf([1n]), seed.subarray(0, 16))).rejects.toThrow(/32 bytes/);
  });
});

describe('proof privacy', () => {
  it('shows no other customer balance or partial sum: siblings carry only hashes and masked sums', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 2, maxLength: 30 }),
        seedArb,
        async (balances, seed) => {
          const memory = await memoryTree(entriesOf(balances), seed);
          const { tree } = memory;
          const balanceAt = new Map<number, bigint>();
          tree.positions.forEach((position, index) =>
            balanceAt.set(position, balances[index] as bigint),
          );
          const subtreeSum = (level: number, index: number) => {
            let sum = 0n;
            for (let leaf = index * 2 ** level; leaf < (index + 1) * 2 ** level; leaf += 1)
              sum += balanceAt.get(leaf) ?? 0n;
            return sum;
          };
          const proof: PolProof = memory.proofFor(0);
          const own = proof.leaf.balanceMinor;
          const plain = new Set<string>();
          proof.path.forEach((sibling, level) => {
            expect(Object.keys(sibling).sort()).toEqual(['hash', 'maskedSum']);
            const siblingIndex = (proof.leaf.position >>> level) ^ 1;
            plain.add(toHex(u128Bytes(subtreeSum(level, siblingIndex))));
          });
          for (const balance of balances) plain.add(toHex(u128Bytes(balance)));
          for (const sibling of proof.path) expect(plain.has(sibling.maskedSum)).toBe(false);
          expect(plain.has(proof.root.maskedSum)).toBe(false);
          // The only decimal amount in the document is the customer's own balance.
          const decimals = JSON.stringify(proof).match(/"\d+"/g) ?? [];
          expect(decimals).toEqual([`"${own}"`]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('makes padding siblings look like customer siblings', async () => {
    // 3 customers in 16 leaves: the level-0 siblings of the proofs are mostly padding leaves.
    const memory = await memoryTree(entriesOf([10n, 20n, 30n]), randomBytes(32));
    const shape = (proof: PolProof) =>
      proof.path.map((sibling) => [
        Object.keys(sibling).join(),
        sibling.hash.length,
        sibling.maskedSum.length,
      ]);
    const shapes = [0, 1, 2].map((index) => shape(memory.proofFor(index)));
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
    const padding = new Set(Array.from({ length: 16 }, (_, index) => index));
    for (const position of memory.tree.positions) padding.delete(position);
    expect(padding.size).toBe(13);
  });
});
