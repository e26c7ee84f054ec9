import { assert } from '../assert.js';
import { canonicalJson } from '../crypto/index.js';
import type { Queryable } from '../store/index.js';

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

/**
 * Appends audit records inside the caller's transaction, so a change and its record commit
 * or vanish together. Every state-changing path in Custos goes through here.
 */
export async function appendAuditRecords(
  tx: Queryable,
  records: readonly AuditRecordInput[],
): Promise<void> {
  if (records.length === 0) return;
  assert(records.length <= AUDIT_RECORDS_PER_APPEND_MAX, 'too many audit records in one append');
  await tx.query(
    `INSERT INTO audit_records (platform_id, action, subject_type, subject_id, at, entry)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
       $6::text[])`,
    [
      records.map((record) => record.platformId),
      records.map((record) => record.action),
      records.map((record) => record.subjectType),
      records.map((record) => record.subjectId),
      records.map((record) => new Date(record.atMs).toISOString()),
      records.map(auditEntry),
    ],
  );
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
