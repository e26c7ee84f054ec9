import { assert } from '../assert.js';
import { PROOF_HASHES_MAX } from './audit-limits.js';
import { bytesEqual } from './bytes-codec.js';
import { emptyRootHash, isHash, nodeHash, type Hash } from './merkle-hash.js';
import { fail, verdictOk, type Verdict } from './outcome.js';
import { halve, isOdd, isPowerOfTwo, isTreeCount } from './safe-integer-bits.js';

export interface ConsistencyClaim {
  readonly firstSize: number;
  readonly secondSize: number;
  readonly firstRootHash: Hash;
  readonly secondRootHash: Hash;
  readonly proof: readonly Hash[];
}

export type ConsistencyFailure =
  | 'invalid_tree_size'
  | 'first_size_exceeds_second'
  | 'malformed_hash'
  | 'proof_not_empty'
  | 'proof_empty'
  | 'proof_too_long'
  | 'proof_too_short'
  | 'first_root_mismatch'
  | 'second_root_mismatch';

function malformedInput(claim: ConsistencyClaim): ConsistencyFailure | null {
  if (!isTreeCount(claim.firstSize)) return 'invalid_tree_size';
  if (!isTreeCount(claim.secondSize)) return 'invalid_tree_size';
  if (claim.firstSize > claim.secondSize) return 'first_size_exceeds_second';
  if (claim.proof.length > PROOF_HASHES_MAX) return 'proof_too_long';
  if (!isHash(claim.firstRootHash) || !isHash(claim.secondRootHash)) return 'malformed_hash';
  for (const hash of claim.proof) {
    if (!isHash(hash)) return 'malformed_hash';
  }
  return null;
}

/**
 * Cases RFC 9162 leaves to the caller. Equal sizes need an empty proof and equal roots; the
 * empty tree is a prefix of every tree, but its root must still be SHA-256("").
 */
function trivialCase(claim: ConsistencyClaim): Verdict<ConsistencyFailure> | null {
  if (claim.firstSize === claim.secondSize) {
    if (claim.proof.length > 0) return fail('proof_not_empty');
    if (!bytesEqual(claim.firstRootHash, claim.secondRootHash)) {
      return fail('second_root_mismatch');
    }
    return verdictOk;
  }
  if (claim.firstSize === 0) {
    if (claim.proof.length > 0) return fail('proof_not_empty');
    if (!bytesEqual(claim.firstRootHash, emptyRootHash())) return fail('first_root_mismatch');
    return verdictOk;
  }
  return null;
}

/**
 * RFC 9162 section 2.1.4.2, step for step: both roots are rebuilt from one path, `fr` from the
 * nodes left of the old tree's edge and `sr` from all of them. Never throws on untrusted input.
 */
export function verifyConsistency(claim: ConsistencyClaim): Verdict<ConsistencyFailure> {
  const malformed = malformedInput(claim);
  if (malformed !== null) return fail(malformed);
  const trivial = trivialCase(claim);
  if (trivial !== null) return trivial;
  if (claim.proof.length === 0) return fail('proof_empty');
  const path = isPowerOfTwo(claim.firstSize) ? [claim.firstRootHash, ...claim.proof] : claim.proof;
  let fn = claim.firstSize - 1;
  let sn = claim.secondSize - 1;
  while (isOdd(fn)) {
    fn = halve(fn);
    sn = halve(sn);
  }
  const [seed, ...nodes] = path;
  assert(seed !== undefined, 'verifyConsistency: path was checked non-empty');
  let firstHash = seed;
  let secondHash = seed;
  for (const node of nodes) {
    if (sn === 0) return fail('proof_too_long');
    if (isOdd(fn) || fn === sn) {
      firstHash = nodeHash(node, firstHash);
      secondHash = nodeHash(node, secondHash);
      while (!isOdd(fn) && fn !== 0) {
        fn = halve(fn);
        sn = halve(sn);
      }
    } else {
      secondHash = nodeHash(secondHash, node);
    }
    fn = halve(fn);
    sn = halve(sn);
  }
  if (sn !== 0) return fail('proof_too_short');
  if (!bytesEqual(firstHash, claim.firstRootHash)) return fail('first_root_mismatch');
  if (!bytesEqual(secondHash, claim.secondRootHash)) return fail('second_root_mismatch');
  return verdictOk;
}
