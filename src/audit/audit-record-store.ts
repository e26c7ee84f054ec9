import { assert } from '../assert.js';
import { canonicalJson } from '../crypto/index.js';
import type { Queryable } from '../store/index.js';
import { bytesToHex, utf8Bytes } from './bytes-codec.js';
import {
  compactRangeAppend,
  compactRangeFromJson,
  compactRangeRoot,
  compactRangeToJson,
  type CompactRange,
} from './compact-range.js';
import { leafHash, type Hash } from './merkle-hash.js';

/** One state change, as the audit log receives it. Payload values must be JSON (no bigint). */
export interface AuditRecordInput {
  platformId: string | null;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  payload: Record<string, unknown>;
  atMs: number;
}

export const AUDIT_RECORDS_PER_APPEND_MAX = 10_000;

// One round trip writes the records and moves the head. The WHERE clause re-checks the size
// read under the lock and that every record was inserted: a mismatch updates no row, which
// the caller asserts on. json_to_recordset beat unnest for long text columns when measured.
const APPEND_SQL = `WITH inserted AS (
  INSERT INTO audit_records
    (platform_id, action, subject_type, subject_id, at, entry, leaf_index, leaf_hash)
  SELECT r.p, r.a, r.s, r.d, r.t, r.e, r.i, decode(r.h, 'hex')
  FROM json_to_recordset($1::json)
    AS r(p text, a text, s text, d text, t timestamptz, e text, i bigint, h text)
  RETURNING 1
)
UPDATE audit_log_head
SET tree_size = $3, compact_range = $4::jsonb, root_hash = $5, updated_at = now()
WHERE id AND tree_size = $2 AND (SELECT count(*) FROM inserted) = $6
RETURNING tree_size`;

/**
 * Appends audit records inside the caller's transaction, so a change and its record commit
 * or vanish together. Every state-changing path in Custos goes through here.
 *
 * Each record becomes the next leaf of the log's Merkle tree. The head row is locked first
 * (`FOR UPDATE`), which serializes writers across processes, so leaf order is commit order
 * and the head's compact range always matches the committed leaves.
 */
export async function appendAuditRecords(
  tx: Queryable,
  records: readonly AuditRecordInput[],
): Promise<void> {
  if (records.length === 0) return;
  assert(records.length <= AUDIT_RECORDS_PER_APPEND_MAX, 'too many audit records in one append');
  const head = await lockAuditLogHead(tx);
  const entries = records.map(auditEntry);
  const leafHashes = entries.map((entry) => leafHash(utf8Bytes(entry)));
  const next = compactRangeAppend(head, leafHashes);
  assert(next.size === head.size + records.length, 'appendAuditRecords: size must grow by n');
  const rows = records.map((record, index) => ({
    p: record.platformId,
    a: record.action,
    s: record.subjectType,
    d: record.subjectId,
    t: new Date(record.atMs).toISOString(),
    e: entries[index],
    i: head.size + index,
    h: bytesToHex(leafHashes[index] as Hash),
  }));
  const updated = await tx.query(APPEND_SQL, [
    JSON.stringify(rows),
    head.size,
    next.size,
    JSON.stringify(compactRangeToJson(next)),
    Buffer.from(compactRangeRoot(next)),
    records.length,
  ]);
  assert(updated.length === 1, 'appendAuditRecords: the locked head must move exactly once');
}

/**
 * Locks the head row for the rest of the transaction and returns its compact range. A head
 * that does not parse, or disagrees with its own size column, means the database was edited
 * by hand: refuse to append on top of it.
 */
export async function lockAuditLogHead(tx: Queryable): Promise<CompactRange> {
  const rows = await tx.query<{ tree_size: string; compact_range: unknown }>(
    'SELECT tree_size, compact_range FROM audit_log_head WHERE id FOR UPDATE',
  );
  const row = rows[0];
  if (row === undefined) throw new Error('audit_log_head has no row: the log is not migrated');
  const range = compactRangeFromJson(row.compact_range);
  if (!range.ok) throw new Error(`audit_log_head is damaged: ${range.reason}`);
  if (range.value.size !== Number(row.tree_size)) {
    throw new Error('audit_log_head is damaged: tree_size disagrees with its compact range');
  }
  return range.value;
}

/** The canonical text of a record: what is stored, hashed and shown to auditors. */
export function auditEntry(record: AuditRecordInput): string {
  return canonicalJson({
    platformId: record.platformId,
    actor: record.actor,
    action: record.action,
    subjectType: record.subjectType,
    subjectId: record.subjectId,
    at: new Date(record.atMs).toISOString(),
    payload: record.payload,
  });
}
