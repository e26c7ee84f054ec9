import { assert } from '../assert.js';
import { PROOF_HASHES_MAX } from './audit-limits.js';
import type { Hash } from './merkle-hash.js';
import { resolveProofPlan, type ProofPlan } from './proof-plan.js';
import { isTreeCount, largestPowerOfTwoBelow } from './safe-integer-bits.js';
import { subtreeIdsForRange, type SubtreeId } from './subtree-id.js';
import type { TreeHashReader } from './tree-hash-reader.js';

/**
 * RFC 9162 section 2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), as a loop. `complete`
 * is the RFC's flag b: true while the current subtree's left part is exactly the old tree, in
 * which case the old root is known to the verifier and is left out of the proof.
 */
export function planConsistencyProof(firstSize: number, secondSize: number): ProofPlan {
  assert(isTreeCount(firstSize), 'planConsistencyProof: bad first size');
  assert(isTreeCount(secondSize), 'planConsistencyProof: bad second size');
  assert(firstSize <= secondSize, 'planConsistencyProof: first size must not exceed second');
  // Nothing to prove from the empty tree, or between equal trees: the proof is empty.
  if (firstSize === 0 || firstSize === secondSize) return { elements: [] };
  const topDown: SubtreeId[][] = [];
  let start = 0;
  let end = secondSize;
  let complete = true;
  for (;;) {
    assert(topDown.length < PROOF_HASHES_MAX, 'planConsistencyProof: runaway loop');
    if (firstSize === end) {
      if (!complete) topDown.push(subtreeIdsForRange(start, end));
      break;
    }
    const split = start + largestPowerOfTwoBelow(end - start);
    if (firstSize <= split) {
      topDown.push(subtreeIdsForRange(split, end));
      end = split;
    } else {
      topDown.push(subtreeIdsForRange(start, split));
      start = split;
      complete = false;
    }
  }
  return { elements: topDown.reverse() };
}

/** Consistency proof between the trees of the first `firstSize` and `secondSize` leaves. */
export function generateConsistencyProof(
  reader: TreeHashReader,
  firstSize: number,
  secondSize: number,
): Hash[] {
  assert(secondSize <= reader.size, 'generateConsistencyProof: second size past reader');
  return resolveProofPlan(planConsistencyProof(firstSize, secondSize), reader);
}
