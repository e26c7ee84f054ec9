import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compactRangeAppend, compactRangeRoot, emptyCompactRange } from './compact-range.js';
import { generateConsistencyProof } from './consistency-proof.js';
import { generateInclusionProof } from './inclusion-proof.js';
import { leafHash, nodeHash, type Hash } from './merkle-hash.js';
import { MemoizedLeafReader } from './memoized-leaf-reader.js';
import { flipBit, sampleLeafHashes, toHex } from './audit-test-helpers.testdata.js';
import { treeRootHash } from './proof-plan.js';
import { computeRootFromLeafHashes } from './recompute-root.js';
import { StoredTree } from './stored-tree.js';
import type { SubtreeId } from './subtree-id.js';
import type { TreeHashReader } from './tree-hash-reader.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

// Goal: proofs and roots agree for every tree shape, not just the 8-leaf vectors. Method:
// exhaustive checks up to 64 leaves, fast-check samples up to 300, and a synthetic tree of
// identical leaves to reach sizes beyond 2^32, where 32-bit bitwise arithmetic would break.
const LEAVES_MAX = 300;
const allLeaves = sampleLeafHashes(LEAVES_MAX);
const stored = StoredTree.fromLeafHashes(allLeaves);
const roots = Array.from({ length: LEAVES_MAX + 1 }, (_, size) => stored.rootAt(size));

function inclusionOk(leafIndex: number, treeSize: number, proof: readonly Hash[]): boolean {
  const leaf = allLeaves[leafIndex]!;
  return verifyInclusion({ leafHash: leaf, leafIndex, treeSize, proof, rootHash: roots[treeSize]! })
    .ok;
}

function consistencyOk(firstSize: number, secondSize: number, proof: readonly Hash[]): boolean {
  return verifyConsistency({
    firstSize,
    secondSize,
    firstRootHash: roots[firstSize]!,
    secondRootHash: roots[secondSize]!,
    proof,
  }).ok;
}

const sizes = fc
  .integer({ min: 1, max: LEAVES_MAX })
  .chain((second) => fc.tuple(fc.integer({ min: 1, max: second }), fc.constant(second)));

describe('Merkle properties', () => {
  test('exhaustive: every inclusion and consistency proof up to 64 leaves verifies', () => {
    for (let second = 1; second <= 64; second += 1) {
      for (let first = 0; first <= second; first += 1) {
        if (first < second)
          expect(inclusionOk(first, second, generateInclusionProof(stored, first, second))).toBe(
            true,
          );
        expect(consistencyOk(first, second, generateConsistencyProof(stored, first, second))).toBe(
          true,
        );
      }
    }
  });

  test('random m <= n <= 300: inclusion in m and consistency m -> n verify', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), ([first, second], pick) => {
        const leafIndex = pick % first;
        expect(
          inclusionOk(leafIndex, first, generateInclusionProof(stored, leafIndex, first)),
        ).toBe(true);
        expect(consistencyOk(first, second, generateConsistencyProof(stored, first, second))).toBe(
          true,
        );
      }),
      { numRuns: 500 },
    );
  });

  test('any single-bit flip in any proof hash fails verification', () => {
    fc.assert(
      fc.property(
        sizes,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (pair, pick, at, bit) => {
          const [first, second] = pair;
          const leafIndex = pick % second;
          const inclusion = generateInclusionProof(stored, leafIndex, second);
          if (inclusion.length > 0) {
            const position = at % inclusion.length;
            const flipped = inclusion.map((hash, index) =>
              index === position ? flipBit(hash, bit) : hash,
            );
            expect(inclusionOk(leafIndex, second, flipped)).toBe(false);
          }
          const consistency = generateConsistencyProof(stored, first, second);
          if (consistency.length > 0) {
            const position = at % consistency.length;
            const flipped = consistency.map((hash, index) =>
              index === position ? flipBit(hash, bit) : hash,
            );
            expect(consistencyOk(first, second, flipped)).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('compact range (any batching), stored tree, memoized reader and recomputation agree', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: LEAVES_MAX }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 1_000 }),
        (size, batchSizes, salt) => {
          const leaves = sampleLeafHashes(size, salt);
          let range = emptyCompactRange;
          let start = 0;
          for (const batch of [...batchSizes, size]) {
            range = compactRangeAppend(range, leaves.slice(start, start + batch));
            start = Math.min(size, start + batch);
          }
          expect(range.size).toBe(size);
          const expected = toHex(computeRootFromLeafHashes(leaves));
          expect(toHex(compactRangeRoot(range))).toBe(expected);
          expect(toHex(StoredTree.fromLeafHashes(leaves).root())).toBe(expected);
          expect(toHex(treeRootHash(new MemoizedLeafReader(leaves), size))).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('memoized reader proofs equal stored-tree proofs, cold and warm', () => {
    const memoized = new MemoizedLeafReader(allLeaves);
    for (const [index, size] of [
      [0, 300],
      [299, 300],
      [128, 257],
      [5, 6],
      [200, 300],
    ] as const) {
      const expected = generateInclusionProof(stored, index, size).map(toHex);
      expect(generateInclusionProof(memoized, index, size).map(toHex)).toEqual(expected);
      expect(generateInclusionProof(memoized, index, size).map(toHex)).toEqual(expected);
    }
    expect(memoized.cachedSubtreeCount).toBeGreaterThan(0);
  });
});

/**
 * A tree whose leaves all hash to the same value: every perfect subtree at one level then has
 * the same hash, so this reader is consistent for any size up to 2^53 - 1 without storage.
 */
class UniformTreeReader implements TreeHashReader {
  readonly size: number;
  private readonly levelHashes: Hash[] = [leafHash(new Uint8Array(0))];

  constructor(size: number) {
    this.size = size;
    for (let level = 1; level <= 53; level += 1) {
      const below = this.levelHashes[level - 1]!;
      this.levelHashes.push(nodeHash(below, below));
    }
  }

  subtreeHash(id: SubtreeId): Hash {
    expect((id.index + 1) * 2 ** id.level).toBeLessThanOrEqual(this.size);
    return this.levelHashes[id.level]!;
  }
}

describe('sizes beyond 32 bits', () => {
  const cases: [number, number, number][] = [
    [2 ** 32 + 5, 2 ** 33 + 17, 2 ** 32 + 1],
    [2 ** 40, 2 ** 40 + 1, 2 ** 39 + 12_345],
    [2 ** 52 + 3, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1],
    [1, 2 ** 45 - 1, 0],
  ];

  test.each(cases)('consistency %d -> %d and inclusion of %d verify', (first, second, index) => {
    const reader = new UniformTreeReader(second);
    const leaf = reader.subtreeHash({ level: 0, index: 0 });
    const secondRoot = treeRootHash(reader, second);
    const firstRoot = treeRootHash(reader, first);
    const inclusion = generateInclusionProof(reader, index, second);
    const claim = {
      leafHash: leaf,
      leafIndex: index,
      treeSize: second,
      proof: inclusion,
      rootHash: secondRoot,
    };
    expect(verifyInclusion(claim)).toEqual({ ok: true });
    expect(verifyInclusion({ ...claim, proof: inclusion.slice(1) }).ok).toBe(false);
    const proof = generateConsistencyProof(reader, first, second);
    const consistency = {
      firstSize: first,
      secondSize: second,
      firstRootHash: firstRoot,
      secondRootHash: secondRoot,
      proof,
    };
    expect(verifyConsistency(consistency)).toEqual({ ok: true });
    expect(verifyConsistency({ ...consistency, proof: [...proof, leaf] }).ok).toBe(false);
  });
});
