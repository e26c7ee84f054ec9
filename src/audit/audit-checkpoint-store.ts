import { assert } from '../assert.js';
import type { Queryable } from '../store/index.js';
import { NOTE_SIGNATURES_MAX } from './audit-limits.js';
import { isHash, type Hash } from './merkle-hash.js';

/** One signed checkpoint as stored, with the witness cosignature lines received for it. */
export interface StoredCheckpoint {
  readonly treeSize: number;
  readonly rootHash: Hash;
  /** The log-signed note, without cosignatures. */
  readonly note: string;
  readonly createdAt: string;
  /** `— <witness> <base64>\n` lines, one per witness. */
  readonly cosignatureLines: readonly string[];
}

/** Checkpoints read per page when walking all of them (audit verify). */
export const CHECKPOINTS_PER_READ_MAX = 1_000;

interface CheckpointRow extends Record<string, unknown> {
  tree_size: string;
  root_hash: Buffer;
  note: string;
  created_at: Date;
  lines: string[] | null;
}

const SELECT_CHECKPOINTS = `SELECT c.tree_size, c.root_hash, c.note, c.created_at,
  (SELECT array_agg(s.signature_line ORDER BY s.witness_name) FROM audit_cosignatures s
   WHERE s.tree_size = c.tree_size) AS lines
  FROM audit_checkpoints c`;

function fromRow(row: CheckpointRow): StoredCheckpoint {
  const rootHash = new Uint8Array(row.root_hash);
  assert(isHash(rootHash), 'audit_checkpoints.root_hash is 32 bytes by its CHECK');
  return {
    treeSize: Number(row.tree_size),
    rootHash,
    note: row.note,
    createdAt: new Date(row.created_at).toISOString(),
    cosignatureLines: row.lines ?? [],
  };
}

export async function latestCheckpoint(db: Queryable): Promise<StoredCheckpoint | null> {
  const rows = await db.query<CheckpointRow>(
    `${SELECT_CHECKPOINTS} ORDER BY c.tree_size DESC LIMIT 1`,
  );
  return rows[0] === undefined ? null : fromRow(rows[0]);
}

export async function checkpointAt(
  db: Queryable,
  treeSize: number,
): Promise<StoredCheckpoint | null> {
  const rows = await db.query<CheckpointRow>(`${SELECT_CHECKPOINTS} WHERE c.tree_size = $1`, [
    treeSize,
  ]);
  return rows[0] === undefined ? null : fromRow(rows[0]);
}

/** The smallest checkpoint whose tree holds leaf `leafIndex`. */
export async function checkpointCovering(
  db: Queryable,
  leafIndex: number,
): Promise<StoredCheckpoint | null> {
  const rows = await db.query<CheckpointRow>(
    `${SELECT_CHECKPOINTS} WHERE c.tree_size > $1 ORDER BY c.tree_size LIMIT 1`,
    [leafIndex],
  );
  return rows[0] === undefined ? null : fromRow(rows[0]);
}

/** Up to CHECKPOINTS_PER_READ_MAX checkpoints with tree size above `afterSize`, ascending. */
export async function checkpointsAfter(
  db: Queryable,
  afterSize: number,
): Promise<StoredCheckpoint[]> {
  const rows = await db.query<CheckpointRow>(
    `${SELECT_CHECKPOINTS} WHERE c.tree_size > $1 ORDER BY c.tree_size LIMIT $2`,
    [afterSize, CHECKPOINTS_PER_READ_MAX],
  );
  return rows.map(fromRow);
}

export async function insertCheckpoint(
  tx: Queryable,
  checkpoint: { treeSize: number; rootHash: Hash; note: string },
): Promise<void> {
  await tx.query('INSERT INTO audit_checkpoints (tree_size, root_hash, note) VALUES ($1, $2, $3)', [
    checkpoint.treeSize,
    Buffer.from(checkpoint.rootHash),
    checkpoint.note,
  ]);
}

/** The signed note as served: the log's signature, then each witness's cosignature. */
export function checkpointNoteWithCosignatures(checkpoint: StoredCheckpoint): string {
  const lines = checkpoint.cosignatureLines.slice(0, NOTE_SIGNATURES_MAX - 1);
  assert(checkpoint.note.endsWith('\n'), 'a signed note ends in a newline');
  return `${checkpoint.note}${lines.join('')}`;
}
