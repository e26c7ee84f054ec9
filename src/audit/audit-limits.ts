import { assert } from '../assert.js';

/**
 * Every bound the audit core relies on, in one place. Sizes are JavaScript numbers, so the
 * largest tree is the largest safe integer; all bit arithmetic on sizes uses division, not the
 * 32-bit bitwise operators.
 */

/** SHA-256 output length. */
export const HASH_BYTES = 32;

/** Largest tree size (and leaf index + 1) the core accepts. */
export const TREE_SIZE_MAX = Number.MAX_SAFE_INTEGER;

/**
 * Longest inclusion or consistency proof accepted. A tree of 2^53 leaves has depth 53, and a
 * consistency path may carry the old root in front, so 64 leaves room without being unbounded.
 */
export const PROOF_HASHES_MAX = 64;

/** Levels a tree of TREE_SIZE_MAX leaves can have above the leaves. */
export const TREE_LEVELS_MAX = 53;

/** Upper bound on a signed note, checked before any parsing work (1 MiB). */
export const NOTE_BYTES_MAX = 1024 * 1024;

/** Signatures per note. C2SP signed-note requires accepting at least 16. */
export const NOTE_SIGNATURES_MAX = 100;

/** UTF-8 bytes in a key name; matches the 1..2^8-1 name field of C2SP cosignatures. */
export const KEY_NAME_BYTES_MAX = 255;

/** Extension lines in a checkpoint body; they are optional and NOT RECOMMENDED by C2SP. */
export const CHECKPOINT_EXTENSION_LINES_MAX = 16;

export { CANONICAL_JSON_DEPTH_MAX, CANONICAL_JSON_VALUES_MAX } from '../crypto/index.js';

/**
 * Leaves an in-memory stored tree may hold: 2^26 leaves need 2^26 * 32 * 2 bytes = 4 GiB of
 * level buffers, which is already past what one Node process should hold.
 */
export const STORED_TREE_LEAVES_MAX = 2 ** 26;

/** Subtree hashes a memoizing leaf reader keeps before it stops adding to its cache. */
export const SUBTREE_CACHE_ENTRIES_MAX = 1_000_000;

/** Unix seconds in a cosignature timestamp; C2SP caps it at 2^63-1, we cap at safe integers. */
export const COSIGNATURE_TIMESTAMP_SECONDS_MAX = Number.MAX_SAFE_INTEGER;

// Relations between the limits, checked when the module loads.
assert(2 ** TREE_LEVELS_MAX > TREE_SIZE_MAX, 'TREE_LEVELS_MAX must cover TREE_SIZE_MAX');
assert(2 ** (TREE_LEVELS_MAX - 1) <= TREE_SIZE_MAX, 'TREE_LEVELS_MAX must be tight');
assert(PROOF_HASHES_MAX >= TREE_LEVELS_MAX + 2, 'a proof may be one level deep per level, plus 2');
assert(NOTE_SIGNATURES_MAX >= 16, 'C2SP signed-note requires accepting 16 signatures');
assert(STORED_TREE_LEAVES_MAX <= TREE_SIZE_MAX, 'stored trees are trees');
