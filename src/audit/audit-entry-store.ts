import { assert } from '../assert.js';
import type { Queryable } from '../store/index.js';

/** Entries served per request: GET /v1/audit/entries is bounded to this many leaves. */
export const AUDIT_ENTRIES_PER_READ_MAX = 1_000;

export interface StoredAuditEntry {
  readonly seq: string;
  readonly leafIndex: number;
  readonly platformId: string | null;
  /** RFC 8785 canonical JSON: the exact leaf data. */
  readonly entry: string;
  readonly leafHash: Uint8Array;
}

interface EntryRow extends Record<string, unknown> {
  seq: string;
  leaf_index: string;
  platform_id: string | null;
  entry: string;
  leaf_hash: Buffer;
}

function fromRow(row: EntryRow): StoredAuditEntry {
  return {
    seq: String(row.seq),
    leafIndex: Number(row.leaf_index),
    platformId: row.platform_id,
    entry: row.entry,
    leafHash: new Uint8Array(row.leaf_hash),
  };
}

const SELECT_ENTRIES = 'SELECT seq, leaf_index, platform_id, entry, leaf_hash FROM audit_records';

/** Leaves [start, end), in leaf order. */
export async function readAuditEntries(
  db: Queryable,
  start: number,
  end: number,
): Promise<StoredAuditEntry[]> {
  assert(start <= end, 'readAuditEntries: start must not pass end');
  assert(end - start <= AUDIT_ENTRIES_PER_READ_MAX, 'readAuditEntries: range too long');
  const rows = await db.query<EntryRow>(
    `${SELECT_ENTRIES} WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index`,
    [start, end],
  );
  return rows.map(fromRow);
}

export async function auditEntryBySeq(
  db: Queryable,
  seq: string,
): Promise<StoredAuditEntry | null> {
  const rows = await db.query<EntryRow>(`${SELECT_ENTRIES} WHERE seq = $1`, [seq]);
  return rows[0] === undefined ? null : fromRow(rows[0]);
}

export async function auditEntryByIndex(
  db: Queryable,
  leafIndex: number,
): Promise<StoredAuditEntry | null> {
  const rows = await db.query<EntryRow>(`${SELECT_ENTRIES} WHERE leaf_index = $1`, [leafIndex]);
  return rows[0] === undefined ? null : fromRow(rows[0]);
}
