import { assert } from '../assert.js';
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
    `INSERT INTO audit_records (platform_id, actor, action, subject_type, subject_id, payload, at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
       $6::jsonb[], $7::timestamptz[])`,
    [
      records.map((record) => record.platformId),
      records.map((record) => record.actor),
      records.map((record) => record.action),
      records.map((record) => record.subjectType),
      records.map((record) => record.subjectId),
      records.map((record) => JSON.stringify(record.payload)),
      records.map((record) => new Date(record.atMs).toISOString()),
    ],
  );
}
