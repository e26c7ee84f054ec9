import { PROOF_HASHES_MAX } from './audit-limits.js';
import { bytesEqual } from './bytes-codec.js';
import { isHash, nodeHash, type Hash } from './merkle-hash.js';
import { fail, verdictOk, type Verdict } from './outcome.js';
import { halve, isOdd, isTreeCount } from './safe-integer-bits.js';

export interface InclusionClaim {
  readonly leafHash: Hash;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly proof: readonly Hash[];
  readonly rootHash: Hash;
}

export type InclusionFailure =
  | 'invalid_leaf_index'
  | 'invalid_tree_size'
  | 'leaf_index_out_of_range'
  | 'malformed_hash'
  | 'proof_too_long'
  | 'proof_too_short'
  | 'root_mismatch';

function malformedInput(claim: InclusionClaim): InclusionFailure | null {
  if (!isTreeCount(claim.leafIndex)) return 'invalid_leaf_index';
  if (!isTreeCount(claim.treeSize)) return 'invalid_tree_size';
  if (claim.leafIndex >= claim.treeSize) return 'leaf_index_out_of_range';
  if (claim.proof.length > PROOF_HASHES_MAX) return 'proof_too_long';
  if (!isHash(claim.leafHash) || !isHash(claim.rootHash)) return 'malformed_hash';
  for (const hash of claim.proof) {
    if (!isHash(hash)) return 'malformed_hash';
  }
  return null;
}

/**
 * RFC 9162 section 2.1.3.2, step for step. `fn` and `sn` walk the leaf's and the last leaf's
 * positions up the tree; where they meet on a right edge the path skips levels. Never throws on
 * untrusted input: every failure is a reason code.
 */
export function verifyInclusion(claim: InclusionClaim): Verdict<InclusionFailure> {
  const malformed = malformedInput(claim);
  if (malformed !== null) return fail(malformed);
  let fn = claim.leafIndex;
  let sn = claim.treeSize - 1;
  let hash = claim.leafHash;
  for (const sibling of claim.proof) {
    if (sn === 0) return fail('proof_too_long');
    if (isOdd(fn) || fn === sn) {
      hash = nodeHash(sibling, hash);
      // Bounded: fn halves each round and the loop stops at 0.
      while (!isOdd(fn) && fn !== 0) {
        fn = halve(fn);
        sn = halve(sn);
      }
    } else {
      hash = nodeHash(hash, sibling);
    }
    fn = halve(fn);
    sn = halve(sn);
  }
  if (sn !== 0) return fail('proof_too_short');
  if (!bytesEqual(hash, claim.rootHash)) return fail('root_mismatch');
  return verdictOk;
}
