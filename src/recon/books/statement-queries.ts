import { appendAuditRecords } from '../../audit/audit-record-store.js';
import type { Principal } from '../../security/index.js';
import type { Queryable } from '../../store/index.js';
import type { CsvMapping } from '../csv-mapping.js';
import { reconAudit } from './recon-audit.js';

export interface StatementImportView {
  id: string;
  format: string;
  contentSha256: string;
  fileBytes: number;
  statementCount: number;
  lineCount: number;
  duplicateLineCount: number;
  warnings: string[];
  importedBy: string;
  createdAt: string;
}

export async function listStatementImports(
  db: Queryable,
  platformId: string,
  limit: number,
): Promise<StatementImportView[]> {
  const rows = await db.query(
    `SELECT * FROM statement_imports WHERE platform_id = $1 ORDER BY id DESC LIMIT $2`,
    [platformId, limit],
  );
  return rows.map((row) => ({
    id: String(row.id),
    format: String(row.format),
    contentSha256: String(row.content_sha256),
    fileBytes: Number(row.file_bytes),
    statementCount: Number(row.statement_count),
    lineCount: Number(row.line_count),
    duplicateLineCount: Number(row.duplicate_line_count),
    warnings: row.warnings as string[],
    importedBy: String(row.imported_by),
    createdAt: new Date(row.created_at as string).toISOString(),
  }));
}

export interface StatementLineView {
  id: string;
  importId: string;
  amountMinor: bigint;
  currency: string;
  bookingDate: string;
  status: string;
  bankReference: string | null;
  references: string[];
  counterpartyName: string | null;
  remittanceText: string | null;
  matchId: string | null;
}

export async function listStatementLines(
  db: Queryable,
  platformId: string,
  filter: { importId?: string; unmatched?: boolean; limit: number },
): Promise<StatementLineView[]> {
  const rows = await db.query(
    `SELECT l.id, l.import_id, l.amount_minor, l.currency, l.booking_date::text AS day, l.status,
       l.bank_reference, l.match_references, l.counterparty_name, l.remittance_text, m.match_id
     FROM statement_lines l LEFT JOIN match_items m ON m.side = 'bank' AND m.item_id = l.id
     WHERE l.platform_id = $1 AND ($2::text IS NULL OR l.import_id = $2)
       AND (NOT $3::boolean OR m.match_id IS NULL)
     ORDER BY l.id DESC LIMIT $4`,
    [platformId, filter.importId ?? null, filter.unmatched === true, filter.limit],
  );
  return rows.map((row) => ({
    id: String(row.id),
    importId: String(row.import_id),
    amountMinor: BigInt(String(row.amount_minor)),
    currency: String(row.currency),
    bookingDate: String(row.day),
    status: String(row.status),
    bankReference: row.bank_reference === null ? null : String(row.bank_reference),
    references: row.match_references as string[],
    counterpartyName: row.counterparty_name === null ? null : String(row.counterparty_name),
    remittanceText: row.remittance_text === null ? null : String(row.remittance_text),
    matchId: row.match_id === null ? null : String(row.match_id),
  }));
}

export async function saveCsvMapping(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  mapping: CsvMapping,
): Promise<void> {
  await tx.query(
    `INSERT INTO csv_mappings (platform_id, name, mapping, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (platform_id, name) DO UPDATE SET mapping = excluded.mapping`,
    [platformId, mapping.name, JSON.stringify(mapping), actor.id],
  );
  await appendAuditRecords(tx, [
    reconAudit(actor, platformId, 'csv_mapping.saved', 'csv_mapping', mapping.name, {
      mapping: mapping as unknown as Record<string, unknown>,
    }),
  ]);
}

export async function loadCsvMapping(
  db: Queryable,
  platformId: string,
  name: string,
): Promise<CsvMapping | undefined> {
  const rows = await db.query(
    'SELECT mapping FROM csv_mappings WHERE platform_id = $1 AND name = $2',
    [platformId, name],
  );
  return rows[0]?.mapping as CsvMapping | undefined;
}
