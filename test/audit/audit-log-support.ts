import { appendAuditRecords, type AuditRecordInput } from '../../src/audit/audit-log.js';
import type { Database } from '../../src/store/index.js';

/** A synthetic audit record: distinct per index, on one of two platforms. */
export function sampleRecord(index: number, platformId: string | null = 'plt_a'): AuditRecordInput {
  return {
    platformId,
    actor: 'test',
    action: 'test.recorded',
    subjectType: 'test',
    subjectId: `t${index}`,
    payload: { index, note: 'x'.repeat(index % 7) },
    atMs: Date.UTC(2025, 0, 1) + index,
  };
}

/** Appends `count` records in transactions of `perTransaction` each. */
export async function appendSamples(
  db: Database,
  count: number,
  perTransaction = 10,
  platformOf: (index: number) => string | null = (index) => (index % 2 === 0 ? 'plt_a' : 'plt_b'),
): Promise<void> {
  for (let start = 0; start < count; start += perTransaction) {
    const records: AuditRecordInput[] = [];
    for (let index = start; index < Math.min(count, start + perTransaction); index += 1) {
      records.push(sampleRecord(index, platformOf(index)));
    }
    await db.transaction((tx) => appendAuditRecords(tx, records));
  }
}

/** Runs SQL with the append-only trigger off, as an attacker with database access could. */
export async function tamper(db: Database, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_records ENABLE TRIGGER audit_records_append_only');
  });
}
