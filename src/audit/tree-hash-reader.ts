import type { Hash } from './merkle-hash.js';
import type { SubtreeId } from './subtree-id.js';

/**
 * Read access to the perfect-subtree hashes of one append-only tree. Proof generation only ever
 * asks for perfect subtrees, which are immutable once complete, so an implementation may serve
 * them from memory, a cache, or a database table keyed by (level, index).
 *
 * This interface is synchronous. An asynchronous store instead takes a proof plan
 * (`planInclusionProof`, `planConsistencyProof`), fetches `proofPlanSubtreeIds(plan)` in one
 * query, and calls `assembleProof(plan, hashes)`.
 */
export interface TreeHashReader {
  /** Leaves available; any tree size up to this can be proven against. */
  readonly size: number;
  /** Hash of a perfect subtree; requires `(index + 1) * 2^level <= size`. */
  subtreeHash(id: SubtreeId): Hash;
}
