import { assert } from '../assert.js';
import { HASH_BYTES, TREE_SIZE_MAX } from './audit-limits.js';
import { bytesEqual } from './bytes-codec.js';
import { emptyRootHash, leafHash, nodeHashOfAdjacent, type Hash } from './merkle-hash.js';

/**
 * Full recomputation for `audit verify`: trusts nothing stored except the leaf data.
 */

/**
 * MTH over the given leaf hashes, level by level in one flat buffer: pair up each level and
 * carry an odd last node up unchanged. That yields the RFC 6962 tree (split at the largest
 * power of two) without recursion, and rewrites the buffer in place because slot i is only
 * written after slots 2i and 2i+1 have been read.
 */
export function computeRootFromLeafHashes(leafHashes: readonly Hash[]): Hash {
  assert(leafHashes.length <= TREE_SIZE_MAX, 'computeRootFromLeafHashes: too many leaves');
  if (leafHashes.length === 0) return emptyRootHash();
  const nodes = new Uint8Array(leafHashes.length * HASH_BYTES);
  leafHashes.forEach((leaf, index) => {
    assert(leaf.length === HASH_BYTES, 'computeRootFromLeafHashes: leaf is not a hash');
    nodes.set(leaf, index * HASH_BYTES);
  });
  let count = leafHashes.length;
  while (count > 1) {
    const pairs = Math.floor(count / 2);
    for (let pair = 0; pair < pairs; pair += 1) {
      nodes.set(nodeHashOfAdjacent(nodes, pair * 2 * HASH_BYTES), pair * HASH_BYTES);
    }
    if (count % 2 === 1) {
      nodes.copyWithin(pairs * HASH_BYTES, (count - 1) * HASH_BYTES, count * HASH_BYTES);
    }
    count = pairs + (count % 2);
  }
  return nodes.slice(0, HASH_BYTES);
}

export interface LeafRecomputation {
  /** Leaf hashes recomputed from the data, one per entry. */
  readonly leafHashes: Hash[];
  /** First index whose recomputed hash differs from the stored one; null when all match. */
  readonly mismatchIndexFirst: number | null;
  readonly mismatchCount: number;
}

/** Rehashes leaf data and compares each result with the hash the store claims for it. */
export function recomputeLeafHashes(
  leafData: readonly Uint8Array[],
  storedLeafHashes: readonly Hash[],
): LeafRecomputation {
  assert(leafData.length === storedLeafHashes.length, 'recomputeLeafHashes: length mismatch');
  const leafHashes: Hash[] = [];
  let mismatchIndexFirst: number | null = null;
  let mismatchCount = 0;
  for (let index = 0; index < leafData.length; index += 1) {
    const recomputed = leafHash(leafData[index] as Uint8Array);
    leafHashes.push(recomputed);
    if (!bytesEqual(recomputed, storedLeafHashes[index] as Hash)) {
      mismatchIndexFirst ??= index;
      mismatchCount += 1;
    }
  }
  return { leafHashes, mismatchIndexFirst, mismatchCount };
}

export interface RootRecomputation {
  readonly rootHash: Hash;
  readonly treeSize: number;
  readonly mismatchIndexFirst: number | null;
  readonly mismatchCount: number;
}

/**
 * Root over the recomputed leaf hashes (not the stored ones), plus where stored leaf hashes
 * disagree with the data. Compare `rootHash` with a signed checkpoint to finish the audit.
 */
export function recomputeRoot(
  leafData: readonly Uint8Array[],
  storedLeafHashes: readonly Hash[],
): RootRecomputation {
  const leaves = recomputeLeafHashes(leafData, storedLeafHashes);
  const rootHash = computeRootFromLeafHashes(leaves.leafHashes);
  assert(rootHash.length === HASH_BYTES, 'recomputeRoot: root is a hash');
  return {
    rootHash,
    treeSize: leafData.length,
    mismatchIndexFirst: leaves.mismatchIndexFirst,
    mismatchCount: leaves.mismatchCount,
  };
}
