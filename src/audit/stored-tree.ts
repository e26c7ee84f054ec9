import { assert } from '../assert.js';
import { HASH_BYTES, STORED_TREE_LEAVES_MAX, TREE_LEVELS_MAX } from './audit-limits.js';
import { nodeHashOfAdjacent, type Hash } from './merkle-hash.js';
import { treeRootHash } from './proof-plan.js';
import { isTreeCount } from './safe-integer-bits.js';
import type { SubtreeId } from './subtree-id.js';
import type { TreeHashReader } from './tree-hash-reader.js';

/** Hashes a level buffer starts with; levels double when full. */
const LEVEL_CAPACITY_MIN = 64;

interface Level {
  bytes: Uint8Array;
  count: number;
}

/**
 * Every perfect-subtree hash of an append-only tree, kept as flat per-level buffers:
 * level k holds the hash of subtree i at bytes [32i, 32i+32). Appending a leaf adds it to
 * level 0 and, whenever a level gains an even count, the new parent to the level above, so
 * a build costs about one node hash per leaf and 64 bytes of memory per leaf. Any proof for
 * any tree size up to `size` is then O(log n) lookups plus the folding of one right edge.
 */
export class StoredTree implements TreeHashReader {
  private readonly levels: Level[] = [];
  private leafCount = 0;

  static fromLeafHashes(leafHashes: readonly Hash[]): StoredTree {
    const tree = new StoredTree();
    tree.appendLeafHashes(leafHashes);
    return tree;
  }

  get size(): number {
    return this.leafCount;
  }

  appendLeafHashes(leafHashes: readonly Hash[]): void {
    assert(leafHashes.length <= STORED_TREE_LEAVES_MAX - this.leafCount, 'StoredTree: too big');
    for (const leaf of leafHashes) this.appendLeafHash(leaf);
  }

  appendLeafHash(leaf: Hash): void {
    assert(leaf.length === HASH_BYTES, 'StoredTree: leaf is not a hash');
    assert(this.leafCount < STORED_TREE_LEAVES_MAX, 'StoredTree: too many leaves');
    this.push(0, leaf);
    this.leafCount += 1;
    // A level whose count turned even just completed a pair: hash it into the level above.
    let level = 0;
    let below = this.levels[0];
    while (below !== undefined && below.count % 2 === 0) {
      assert(level < TREE_LEVELS_MAX, 'StoredTree: level overflow');
      const parent = nodeHashOfAdjacent(below.bytes, (below.count - 2) * HASH_BYTES);
      this.push(level + 1, parent);
      level += 1;
      below = this.levels[level];
    }
  }

  subtreeHash(id: SubtreeId): Hash {
    const level = this.levels[id.level];
    assert(level !== undefined, 'StoredTree.subtreeHash: level not present');
    assert(isTreeCount(id.index), 'StoredTree.subtreeHash: bad index');
    assert(id.index < level.count, 'StoredTree.subtreeHash: subtree not complete');
    const offset = id.index * HASH_BYTES;
    // Copy out: callers must not be able to alias and mutate the tree's storage.
    return level.bytes.slice(offset, offset + HASH_BYTES);
  }

  /** Root of the current tree. */
  root(): Hash {
    return treeRootHash(this, this.leafCount);
  }

  /** Root of the tree as it was at `size` leaves. */
  rootAt(size: number): Hash {
    return treeRootHash(this, size);
  }

  private push(levelIndex: number, hash: Hash): void {
    let level = this.levels[levelIndex];
    if (level === undefined) {
      assert(levelIndex === this.levels.length, 'StoredTree: levels grow one at a time');
      level = { bytes: new Uint8Array(LEVEL_CAPACITY_MIN * HASH_BYTES), count: 0 };
      this.levels.push(level);
    }
    if ((level.count + 1) * HASH_BYTES > level.bytes.length) {
      const grown = new Uint8Array(level.bytes.length * 2);
      grown.set(level.bytes);
      level.bytes = grown;
    }
    level.bytes.set(hash, level.count * HASH_BYTES);
    level.count += 1;
  }
}
