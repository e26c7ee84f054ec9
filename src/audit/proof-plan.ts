import { assert } from '../assert.js';
import { PROOF_HASHES_MAX } from './audit-limits.js';
import { emptyRootHash, nodeHash, type Hash } from './merkle-hash.js';
import { subtreeEnd, subtreeIdsForRange, type SubtreeId } from './subtree-id.js';
import type { TreeHashReader } from './tree-hash-reader.js';

/**
 * Which perfect subtrees make up each hash of a proof. Element i of the proof is the root of
 * `elements[i]`, pieces listed left to right with strictly decreasing sizes (a perfect subtree
 * has one piece; a right-edge subtree of a non-power-of-two tree has several).
 *
 * Planning is pure arithmetic on sizes, so a store can plan first, fetch every needed subtree
 * hash in one batch, and only then assemble: the shape a database-backed reader wants.
 */
export interface ProofPlan {
  readonly elements: readonly (readonly SubtreeId[])[];
}

/** All subtree hashes a plan needs, in the order `assembleProof` expects them. */
export function proofPlanSubtreeIds(plan: ProofPlan): SubtreeId[] {
  const ids: SubtreeId[] = [];
  for (const element of plan.elements) ids.push(...element);
  return ids;
}

/** Builds the proof from the hashes of `proofPlanSubtreeIds(plan)`, given in that order. */
export function assembleProof(plan: ProofPlan, subtreeHashes: readonly Hash[]): Hash[] {
  assert(plan.elements.length <= PROOF_HASHES_MAX, 'assembleProof: plan too long');
  const proof: Hash[] = [];
  let cursor = 0;
  for (const element of plan.elements) {
    assert(element.length > 0, 'assembleProof: empty element');
    cursor += element.length;
    // Fold right to left: a right-edge subtree hashes as H(piece0, H(piece1, ...)).
    let hash = subtreeHashes[cursor - 1];
    assert(hash !== undefined, 'assembleProof: too few hashes');
    for (let offset = 2; offset <= element.length; offset += 1) {
      const left = subtreeHashes[cursor - offset];
      assert(left !== undefined, 'assembleProof: too few hashes');
      hash = nodeHash(left, hash);
    }
    proof.push(hash);
  }
  assert(cursor === subtreeHashes.length, 'assembleProof: hash count must match the plan');
  return proof;
}

/** Resolves a plan against a synchronous reader. */
export function resolveProofPlan(plan: ProofPlan, reader: TreeHashReader): Hash[] {
  const ids = proofPlanSubtreeIds(plan);
  for (const id of ids) assert(subtreeEnd(id) <= reader.size, 'resolveProofPlan: past reader');
  return assembleProof(
    plan,
    ids.map((id) => reader.subtreeHash(id)),
  );
}

/** MTH of the first `size` leaves the reader holds (a historical root when size < reader.size). */
export function treeRootHash(reader: TreeHashReader, size: number): Hash {
  assert(size <= reader.size, 'treeRootHash: size past reader');
  if (size === 0) return emptyRootHash();
  const [root] = resolveProofPlan({ elements: [subtreeIdsForRange(0, size)] }, reader);
  assert(root !== undefined, 'treeRootHash: plan has one element');
  return root;
}
