import { assert } from '../assert.js';
import type { Queryable } from '../store/index.js';
import { STORED_TREE_LEAVES_MAX } from './audit-limits.js';
import { isHash, type Hash } from './merkle-hash.js';
import { StoredTree } from './stored-tree.js';

/** Leaf hashes read per query while catching up with the database. */
export const LEAF_HASHES_PER_READ_MAX = 50_000;

/**
 * The committed log as an in-memory StoredTree, for proofs in microseconds. It is loaded
 * lazily and caught up on every `sync`: the head row says how many leaves are committed (by
 * this process or any other), and only the leaves past the tree's size are read.
 */
export class AuditLogTree {
  private readonly tree = new StoredTree();
  private syncing: Promise<number> | null = null;

  get size(): number {
    return this.tree.size;
  }

  get reader(): StoredTree {
    return this.tree;
  }

  /** Catches up with the committed head; concurrent callers share one catch-up. */
  async sync(db: Queryable): Promise<number> {
    while (this.syncing !== null) await this.syncing.catch(() => undefined);
    const run = this.catchUp(db);
    this.syncing = run;
    try {
      return await run;
    } finally {
      this.syncing = null;
    }
  }

  private async catchUp(db: Queryable): Promise<number> {
    const heads = await db.query<{ tree_size: string }>(
      'SELECT tree_size FROM audit_log_head WHERE id',
    );
    const headSize = Number(heads[0]?.tree_size ?? 0);
    assert(headSize >= this.tree.size, 'AuditLogTree: the committed head never shrinks');
    if (headSize > STORED_TREE_LEAVES_MAX) {
      throw new Error(`the audit log has ${headSize} leaves, more than one process can hold`);
    }
    while (this.tree.size < headSize) {
      const from = this.tree.size;
      const to = Math.min(headSize, from + LEAF_HASHES_PER_READ_MAX);
      const rows = await db.query<{ leaf_index: string; leaf_hash: Buffer }>(
        `SELECT leaf_index, leaf_hash FROM audit_records
         WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index`,
        [from, to],
      );
      if (rows.length !== to - from) {
        throw new Error(`audit records missing between leaf ${from} and ${to}: run audit verify`);
      }
      const hashes: Hash[] = rows.map((row, offset) => {
        assert(Number(row.leaf_index) === from + offset, 'AuditLogTree: leaves in order');
        const hash = new Uint8Array(row.leaf_hash);
        if (!isHash(hash)) throw new Error(`leaf ${from + offset} has no valid leaf hash`);
        return hash;
      });
      this.tree.appendLeafHashes(hashes);
    }
    assert(this.tree.size === headSize, 'AuditLogTree: caught up exactly to the head');
    return headSize;
  }
}
