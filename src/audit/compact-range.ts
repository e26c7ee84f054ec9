import { assert } from '../assert.js';
import { HASH_BYTES, TREE_SIZE_MAX } from './audit-limits.js';
import { bytesToHex, hexToBytes } from './bytes-codec.js';
import { emptyRootHash, isHash, nodeHash, type Hash } from './merkle-hash.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { bitCount, halve, isOdd, isTreeCount } from './safe-integer-bits.js';
import type { SubtreeId } from './subtree-id.js';

/**
 * The compact range [0, size): the roots of the perfect subtrees the tree splits into, one per
 * set bit of `size`, largest (leftmost) first. It is all a writer needs to append leaves and to
 * compute the root, in O(log n) space, so the database can keep it in one row.
 */
export interface CompactRange {
  readonly size: number;
  readonly hashes: readonly Hash[];
}

/** Plain JSON form for storage: decimal size string and lowercase hex hashes. */
export interface CompactRangeJson {
  readonly size: string;
  readonly hashes: readonly string[];
}

export type CompactRangeParseFailure = 'malformed_json' | 'invalid_size' | 'invalid_hash';

/** Called for every perfect subtree completed by an append: what a store would persist. */
export type SubtreeVisitor = (id: SubtreeId, hash: Hash) => void;

export const emptyCompactRange: CompactRange = Object.freeze({
  size: 0,
  hashes: Object.freeze([]),
});

/**
 * Appends leaf hashes and returns the new range; `range` is left untouched. One array copy per
 * call, then amortised one node hash per leaf, so append whole batches rather than one by one.
 */
export function compactRangeAppend(
  range: CompactRange,
  leafHashes: readonly Hash[],
  onSubtree?: SubtreeVisitor,
): CompactRange {
  assert(range.hashes.length === bitCount(range.size), 'compactRangeAppend: corrupt range');
  assert(leafHashes.length <= TREE_SIZE_MAX - range.size, 'compactRangeAppend: tree too large');
  const hashes = range.hashes.slice();
  let size = range.size;
  for (const leaf of leafHashes) {
    assert(leaf.length === HASH_BYTES, 'compactRangeAppend: leaf is not a hash');
    if (onSubtree !== undefined) onSubtree({ level: 0, index: size }, leaf);
    // Each trailing 1-bit of `size` is a peak of equal height that the new node completes.
    let merged = leaf;
    let rest = size;
    let level = 0;
    while (isOdd(rest)) {
      const left = hashes.pop();
      assert(left !== undefined, 'compactRangeAppend: missing peak');
      merged = nodeHash(left, merged);
      rest = halve(rest);
      level += 1;
      if (onSubtree !== undefined)
        onSubtree({ level, index: Math.floor(size / 2 ** level) }, merged);
    }
    hashes.push(merged);
    size += 1;
  }
  assert(hashes.length === bitCount(size), 'compactRangeAppend: peak count must match size');
  return Object.freeze({ size, hashes: Object.freeze(hashes) });
}

/** MTH of the whole range: fold the peaks right to left. */
export function compactRangeRoot(range: CompactRange): Hash {
  assert(range.hashes.length === bitCount(range.size), 'compactRangeRoot: corrupt range');
  const last = range.hashes.length - 1;
  const smallest = range.hashes[last];
  if (smallest === undefined) return emptyRootHash();
  let root = smallest;
  for (let index = last - 1; index >= 0; index -= 1) {
    const peak = range.hashes[index];
    assert(peak !== undefined, 'compactRangeRoot: hole in peaks');
    root = nodeHash(peak, root);
  }
  return root;
}

export function compactRangeToJson(range: CompactRange): CompactRangeJson {
  assert(range.hashes.length === bitCount(range.size), 'compactRangeToJson: corrupt range');
  return { size: String(range.size), hashes: range.hashes.map(bytesToHex) };
}

/** Parses the stored form; a damaged row is an operating error, so it returns a reason. */
export function compactRangeFromJson(
  json: unknown,
): Outcome<CompactRange, CompactRangeParseFailure> {
  if (typeof json !== 'object' || json === null) return fail('malformed_json');
  const { size, hashes } = json as { size?: unknown; hashes?: unknown };
  if (typeof size !== 'string' || !/^(?:0|[1-9][0-9]{0,15})$/.test(size)) {
    return fail('invalid_size');
  }
  const sizeValue = Number(size);
  if (!isTreeCount(sizeValue)) return fail('invalid_size');
  if (!Array.isArray(hashes)) return fail('malformed_json');
  if (hashes.length !== bitCount(sizeValue)) return fail('invalid_hash', 'wrong peak count');
  const decoded: Hash[] = [];
  for (const text of hashes as unknown[]) {
    const bytes = typeof text === 'string' ? hexToBytes(text) : null;
    if (bytes === null || !isHash(bytes)) return fail('invalid_hash');
    decoded.push(bytes);
  }
  return succeed(Object.freeze({ size: sizeValue, hashes: Object.freeze(decoded) }));
}
