import { assert } from '../assert.js';
import { PROOF_HASHES_MAX, TREE_SIZE_MAX } from './audit-limits.js';
import type { Hash } from './merkle-hash.js';
import { resolveProofPlan, type ProofPlan } from './proof-plan.js';
import { isTreeCount, largestPowerOfTwoBelow } from './safe-integer-bits.js';
import { subtreeIdsForRange, type SubtreeId } from './subtree-id.js';
import type { TreeHashReader } from './tree-hash-reader.js';

/**
 * RFC 9162 section 2.1.3.1 PATH(m, D[n]), as a loop. The recursion descends from the root
 * towards leaf m and appends the sibling at each step after the deeper part of the path, so
 * collecting siblings top-down and reversing gives the same order.
 */
export function planInclusionProof(leafIndex: number, treeSize: number): ProofPlan {
  assert(isTreeCount(leafIndex), 'planInclusionProof: bad leaf index');
  assert(isTreeCount(treeSize), 'planInclusionProof: bad tree size');
  assert(leafIndex < treeSize, 'planInclusionProof: leaf index must be below tree size');
  assert(treeSize <= TREE_SIZE_MAX, 'planInclusionProof: tree too large');
  const siblingsTopDown: SubtreeId[][] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    assert(siblingsTopDown.length < PROOF_HASHES_MAX, 'planInclusionProof: runaway loop');
    const split = start + largestPowerOfTwoBelow(end - start);
    if (leafIndex < split) {
      siblingsTopDown.push(subtreeIdsForRange(split, end));
      end = split;
    } else {
      siblingsTopDown.push(subtreeIdsForRange(start, split));
      start = split;
    }
  }
  assert(start === leafIndex, 'planInclusionProof: descent must end at the leaf');
  return { elements: siblingsTopDown.reverse() };
}

/** Inclusion proof for leaf `leafIndex` in the tree of the first `treeSize` leaves. */
export function generateInclusionProof(
  reader: TreeHashReader,
  leafIndex: number,
  treeSize: number,
): Hash[] {
  assert(treeSize <= reader.size, 'generateInclusionProof: tree size past reader');
  return resolveProofPlan(planInclusionProof(leafIndex, treeSize), reader);
}
