import { assert } from '../assert.js';
import { HASH_BYTES, SUBTREE_CACHE_ENTRIES_MAX, TREE_LEVELS_MAX } from './audit-limits.js';
import { nodeHash, type Hash } from './merkle-hash.js';
import { isTreeCount } from './safe-integer-bits.js';
import { subtreeEnd, subtreeStart, type SubtreeId } from './subtree-id.js';
import type { TreeHashReader } from './tree-hash-reader.js';

/** Subtrees below this level are cheaper to rehash from leaves than to look up in a Map. */
const CACHE_LEVEL_MIN = 4;

/**
 * A TreeHashReader over nothing but leaf hashes (for example, a column read from the audit
 * table). Perfect subtree hashes are computed on demand and every one at CACHE_LEVEL_MIN or
 * above is memoised, so the first proof costs O(n) hashes and later proofs reuse the work.
 * Use StoredTree instead when all levels can be kept up front.
 */
export class MemoizedLeafReader implements TreeHashReader {
  private readonly leafHashes: readonly Hash[];
  private readonly cache: Map<number, Hash>[] = [];
  private cachedCount = 0;

  constructor(leafHashes: readonly Hash[]) {
    this.leafHashes = leafHashes;
    for (let level = 0; level <= TREE_LEVELS_MAX; level += 1) this.cache.push(new Map());
  }

  get size(): number {
    return this.leafHashes.length;
  }

  /** Subtree hashes memoised so far (bounded by SUBTREE_CACHE_ENTRIES_MAX). */
  get cachedSubtreeCount(): number {
    return this.cachedCount;
  }

  subtreeHash(id: SubtreeId): Hash {
    assert(isTreeCount(id.index), 'MemoizedLeafReader: bad index');
    assert(id.level <= TREE_LEVELS_MAX, 'MemoizedLeafReader: bad level');
    assert(subtreeEnd(id) <= this.size, 'MemoizedLeafReader: subtree not complete');
    if (id.level === 0) return this.leaf(id.index);
    if (id.level <= CACHE_LEVEL_MIN) return this.hashFromLeaves(id);
    const cached = this.cache[id.level]?.get(id.index);
    if (cached !== undefined) return cached;
    return this.hashFromPieces(id);
  }

  private leaf(index: number): Hash {
    const leaf = this.leafHashes[index];
    assert(leaf !== undefined, 'MemoizedLeafReader: missing leaf');
    assert(leaf.length === HASH_BYTES, 'MemoizedLeafReader: leaf is not a hash');
    return leaf;
  }

  /** Level-by-level reduction of a small perfect subtree straight from its leaves. */
  private hashFromLeaves(id: SubtreeId): Hash {
    const start = subtreeStart(id);
    let row: Hash[] = [];
    for (let index = start; index < subtreeEnd(id); index += 1) row.push(this.leaf(index));
    while (row.length > 1) {
      const next: Hash[] = [];
      for (let index = 0; index < row.length; index += 2) {
        next.push(nodeHash(row[index] as Hash, row[index + 1] as Hash));
      }
      row = next;
    }
    const [root] = row;
    assert(root !== undefined, 'hashFromLeaves: perfect subtree has a root');
    return root;
  }

  /**
   * Walks the subtree left to right taking the largest cached (or small, rehashable) aligned
   * piece at each position, and merges equal-level pieces on a stack as in a compact range.
   * Every merged node is a perfect subtree and goes into the cache.
   */
  private hashFromPieces(id: SubtreeId): Hash {
    const end = subtreeEnd(id);
    const stack: { level: number; hash: Hash }[] = [];
    let position = subtreeStart(id);
    while (position < end) {
      const piece = this.largestKnownPiece(position, id.level - 1);
      position += 2 ** piece.level;
      let top = piece;
      let below = stack[stack.length - 1];
      while (below !== undefined && below.level === top.level) {
        stack.pop();
        top = { level: top.level + 1, hash: nodeHash(below.hash, top.hash) };
        const width = 2 ** top.level;
        this.remember({ level: top.level, index: (position - width) / width }, top.hash);
        below = stack[stack.length - 1];
      }
      stack.push(top);
    }
    const [root] = stack;
    assert(stack.length === 1, 'hashFromPieces: pieces must merge into one subtree');
    assert(root !== undefined, 'hashFromPieces: no root');
    assert(root.level === id.level, 'hashFromPieces: wrong root level');
    return root.hash;
  }

  private largestKnownPiece(position: number, levelMax: number): { level: number; hash: Hash } {
    for (let level = levelMax; level > CACHE_LEVEL_MIN; level -= 1) {
      const width = 2 ** level;
      if (position % width !== 0) continue;
      const cached = this.cache[level]?.get(position / width);
      if (cached !== undefined) return { level, hash: cached };
    }
    const id = { level: CACHE_LEVEL_MIN, index: position / 2 ** CACHE_LEVEL_MIN };
    return { level: CACHE_LEVEL_MIN, hash: this.hashFromLeaves(id) };
  }

  private remember(id: SubtreeId, hash: Hash): void {
    // A full cache stops growing rather than evicting: memory stays bounded and results exact.
    if (this.cachedCount >= SUBTREE_CACHE_ENTRIES_MAX) return;
    const level = this.cache[id.level];
    assert(level !== undefined, 'MemoizedLeafReader: level out of range');
    if (!level.has(id.index)) this.cachedCount += 1;
    level.set(id.index, hash);
  }
}
