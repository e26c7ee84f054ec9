import { assert } from '../assert.js';
import type { Database, Queryable } from '../store/index.js';
import {
  CHECKPOINTS_PER_READ_MAX,
  checkpointsAfter,
  type StoredCheckpoint,
} from './audit-checkpoint-store.js';
import { STORED_TREE_LEAVES_MAX } from './audit-limits.js';
import { bytesEqual, bytesToHex, utf8Bytes } from './bytes-codec.js';
import { openCheckpoint } from './checkpoint.js';
import { leafHash } from './merkle-hash.js';
import { parseVerifierKey, type NoteVerifierKey } from './note-key.js';
import { StoredTree } from './stored-tree.js';

/** Rows read per query while recomputing the tree. */
export const VERIFY_ROWS_PER_READ = 20_000;
/** Problems kept in a report; the count keeps going past it. */
export const VERIFY_PROBLEMS_KEPT_MAX = 100;

export type AuditLogProblemKind =
  | 'missing_leaf'
  | 'leaf_hash_mismatch'
  | 'out_of_order'
  | 'head_size_mismatch'
  | 'head_root_mismatch'
  | 'checkpoint_past_head'
  | 'checkpoint_root_mismatch'
  | 'checkpoint_signature_invalid'
  | 'no_log_key';

export interface AuditLogProblem {
  readonly kind: AuditLogProblemKind;
  /** First leaf the problem makes suspect, when it names one. */
  readonly leafIndex: number | null;
  readonly detail: string;
}

export interface AuditLogReport {
  readonly ok: boolean;
  readonly recordCount: number;
  readonly headTreeSize: number;
  /** Root recomputed from the entries alone (hex). */
  readonly rootHashHex: string;
  readonly checkpointsChecked: number;
  readonly firstBadIndex: number | null;
  readonly problemCount: number;
  readonly problems: readonly AuditLogProblem[];
}

class ProblemList {
  readonly kept: AuditLogProblem[] = [];
  count = 0;
  private exactFirst: number | null = null;
  private boundFirst: number | null = null;

  /**
   * `exact` problems name the damaged leaf itself; a checkpoint mismatch only bounds it from
   * below (some leaf in a range changed), so it counts only when nothing exact was found.
   */
  add(kind: AuditLogProblemKind, leafIndex: number | null, detail: string, exact = true): void {
    this.count += 1;
    if (this.kept.length < VERIFY_PROBLEMS_KEPT_MAX) this.kept.push({ kind, leafIndex, detail });
    if (leafIndex === null) return;
    if (exact) this.exactFirst = Math.min(this.exactFirst ?? leafIndex, leafIndex);
    if (!exact) this.boundFirst = Math.min(this.boundFirst ?? leafIndex, leafIndex);
  }

  get firstBadIndex(): number | null {
    return this.exactFirst ?? this.boundFirst;
  }
}

interface VerifyRow extends Record<string, unknown> {
  seq: string;
  leaf_index: string;
  entry: string;
  leaf_hash: Buffer;
}

/**
 * Rebuilds the tree from the stored entries alone, trusting nothing else in the database: each
 * entry is rehashed and compared with its stored leaf hash, leaf positions must run 0..n-1
 * without gaps, and seq (assigned under the same head lock) must rise with them. The head and
 * every stored checkpoint (signature and root) are then checked against the recomputed tree.
 */
export async function verifyAuditLog(
  db: Database,
  options: { readonly logVerifierKey?: string } = {},
): Promise<AuditLogReport> {
  return db.transaction(async (tx) => {
    // One snapshot for the whole walk, so appends committed meanwhile cannot look like damage.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const problems = new ProblemList();
    const tree = await recomputeTree(tx, problems);
    const head = await checkHead(tx, tree, problems);
    const key = await logKey(tx, options.logVerifierKey, problems);
    const checkpointsChecked = await checkCheckpoints(tx, tree, key, problems);
    return {
      ok: problems.count === 0,
      recordCount: tree.size,
      headTreeSize: head,
      rootHashHex: bytesToHex(tree.root()),
      checkpointsChecked,
      firstBadIndex: problems.firstBadIndex,
      problemCount: problems.count,
      problems: problems.kept,
    };
  });
}

async function recomputeTree(tx: Queryable, problems: ProblemList): Promise<StoredTree> {
  const tree = new StoredTree();
  let previousSeq = -1n;
  let nextIndex = 0;
  for (;;) {
    const rows = await tx.query<VerifyRow>(
      `SELECT seq, leaf_index, entry, leaf_hash FROM audit_records
       WHERE leaf_index >= $1 ORDER BY leaf_index LIMIT $2`,
      [nextIndex, VERIFY_ROWS_PER_READ],
    );
    for (const row of rows) {
      const index = Number(row.leaf_index);
      const position = tree.size;
      if (index !== position) {
        problems.add('missing_leaf', position, `leaf ${position} is missing (next is ${index})`);
      }
      const seq = BigInt(row.seq);
      if (seq <= previousSeq) {
        problems.add('out_of_order', Math.max(0, position - 1), `leaf ${index} (seq ${seq})`);
      }
      previousSeq = seq;
      const recomputed = leafHash(utf8Bytes(row.entry));
      if (!bytesEqual(recomputed, new Uint8Array(row.leaf_hash))) {
        problems.add('leaf_hash_mismatch', position, `entry of leaf ${index} (seq ${seq})`);
      }
      assert(tree.size < STORED_TREE_LEAVES_MAX, 'verifyAuditLog: log too large for one pass');
      tree.appendLeafHash(recomputed);
      nextIndex = index + 1;
    }
    if (rows.length < VERIFY_ROWS_PER_READ) return tree;
  }
}

async function checkHead(tx: Queryable, tree: StoredTree, problems: ProblemList) {
  const rows = await tx.query<{ tree_size: string; root_hash: Buffer }>(
    'SELECT tree_size, root_hash FROM audit_log_head WHERE id',
  );
  const head = rows[0];
  assert(head !== undefined, 'checkHead: the head row exists');
  const size = Number(head.tree_size);
  if (size !== tree.size) {
    const index = Math.min(size, tree.size);
    problems.add('head_size_mismatch', index, `head says ${size} leaves, ${tree.size} stored`);
  } else if (!bytesEqual(tree.root(), new Uint8Array(head.root_hash))) {
    problems.add('head_root_mismatch', null, 'head root differs from the recomputed root');
  }
  return size;
}

async function logKey(
  tx: Queryable,
  trusted: string | undefined,
  problems: ProblemList,
): Promise<NoteVerifierKey | null> {
  const text =
    trusted ??
    (await tx.query<{ verifier_key: string }>('SELECT verifier_key FROM audit_log_key WHERE id'))[0]
      ?.verifier_key ??
    null;
  if (text === null) return null;
  const parsed = parseVerifierKey(text);
  if (!parsed.ok) {
    problems.add('no_log_key', null, `log verifier key is not valid: ${parsed.reason}`);
    return null;
  }
  return parsed.value;
}

/** Checks one checkpoint; returns whether its root matches the recomputed tree. */
function checkOne(
  checkpoint: StoredCheckpoint,
  previousSize: number,
  tree: StoredTree,
  key: NoteVerifierKey | null,
  problems: ProblemList,
): boolean {
  const size = checkpoint.treeSize;
  if (key === null) {
    problems.add('no_log_key', null, `no log key to check checkpoint ${size} with`);
  } else {
    const opened = openCheckpoint(checkpoint.note, [key]);
    const body = opened.ok ? opened.value.checkpoint : null;
    if (
      body === null ||
      body.treeSize !== size ||
      !bytesEqual(body.rootHash, checkpoint.rootHash)
    ) {
      problems.add(
        'checkpoint_signature_invalid',
        null,
        `checkpoint ${size} is not validly signed`,
      );
    }
  }
  if (size > tree.size) {
    problems.add('checkpoint_past_head', tree.size, `checkpoint ${size} covers missing leaves`);
    return false;
  }
  if (!bytesEqual(tree.rootAt(size), checkpoint.rootHash)) {
    problems.add(
      'checkpoint_root_mismatch',
      previousSize,
      `signed root of ${size} leaves differs: some leaf in [${previousSize}, ${size}) changed`,
      false,
    );
    return false;
  }
  return true;
}

async function checkCheckpoints(
  tx: Queryable,
  tree: StoredTree,
  key: NoteVerifierKey | null,
  problems: ProblemList,
): Promise<number> {
  let checked = 0;
  // Leaves up to the last checkpoint that matched are proven intact; damage lies past it.
  let goodSize = 0;
  let after = -1;
  for (;;) {
    const page = await checkpointsAfter(tx, after);
    for (const checkpoint of page) {
      if (checkOne(checkpoint, goodSize, tree, key, problems)) goodSize = checkpoint.treeSize;
      after = checkpoint.treeSize;
      checked += 1;
    }
    if (page.length < CHECKPOINTS_PER_READ_MAX) return checked;
  }
}
