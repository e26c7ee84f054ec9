import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { failure, success, type Result } from '../../custody/index.js';
import type { Principal } from '../../security/index.js';
import { newId, sqlErrorCode, SQL_UNIQUE_VIOLATION, type Database } from '../../store/index.js';
import type { CsvMapping } from '../csv-mapping.js';
import type { DetectedFormat } from '../detect-format.js';
import type { CsvStatementInput } from '../parse-csv.js';
import { parseStatementFile } from '../parse-statement-file.js';
import type { Statement } from '../statement.js';
import { validateStatements } from '../validate-statements.js';
import { jsonSafe } from './json-safe.js';
import { reconAudit } from './recon-audit.js';
import { lineDate } from './statement-line-rows.js';
import { writeStatements, type StoredStatement } from './write-statements.js';

export interface StatementImportInput {
  readonly content: Uint8Array | string;
  readonly format?: DetectedFormat;
  readonly csv?: { readonly mapping: CsvMapping; readonly statement: CsvStatementInput };
}

export interface StatementImportSummary {
  readonly importId: string;
  /** The same bytes were imported before: nothing changed. */
  readonly duplicateFile: boolean;
  readonly format: string;
  readonly contentSha256: string;
  readonly statements: readonly StoredStatement[];
  readonly lineCount: number;
  readonly linesImported: number;
  /** Lines already stored from another file (same fingerprint or bank reference). */
  readonly linesDuplicate: number;
  readonly warnings: readonly string[];
}

/**
 * Imports a custodian bank statement file for a platform: parse, validate (balances,
 * currencies, sequences), then store statements and lines in one transaction with an audit
 * record. Any parse or validation error refuses the whole file and writes nothing.
 */
export async function importStatementFile(
  db: Database,
  actor: Principal,
  platformId: string,
  input: StatementImportInput,
): Promise<Result<StatementImportSummary>> {
  const parsed = parseStatementFile(input.content, {
    ...(input.format === undefined ? {} : { format: input.format }),
    ...(input.csv === undefined ? {} : { csv: input.csv }),
  });
  if (!parsed.ok) {
    const where = parsed.error.line !== undefined ? ` (line ${parsed.error.line})` : '';
    const at = parsed.error.path !== undefined ? ` (at ${parsed.error.path})` : '';
    return failure('validation_failed', `${parsed.error.message}${where}${at}`, {
      parseError: parsed.error,
    });
  }
  // The parser reads a camt document without its ISO namespace (with a warning); books only
  // take statements whose namespace names the message, so a foreign document cannot pass.
  if (parsed.warnings.some((warning) => warning.code === 'missing_namespace')) {
    return failure(
      'validation_failed',
      'Document has no ISO 20022 camt.052/053/054 namespace (xmlns); refusing to guess',
    );
  }
  const refused = refusal(parsed.statements);
  if (refused !== undefined) return refused;
  const warnings = [
    ...parsed.warnings.map((warning) => `${warning.code}: ${warning.message}`),
    ...validateStatements(parsed.statements)
      .filter((issue) => issue.severity === 'warning')
      .map((issue) => `${issue.code}: ${issue.message}`),
  ];
  const byteLength =
    typeof input.content === 'string'
      ? Buffer.byteLength(input.content, 'utf8')
      : input.content.length;
  const file = {
    format: parsed.format,
    contentSha256: parsed.contentSha256,
    byteLength,
    warnings,
  };
  try {
    return await db.transaction(async (tx) => {
      const existing = await findImport(tx, platformId, parsed.contentSha256);
      if (existing !== undefined) return success(existing);
      const importId = newId('imp');
      const written = await writeStatements(
        tx,
        actor,
        platformId,
        importId,
        file,
        parsed.statements,
      );
      if (!written.ok) return written;
      const summary: StatementImportSummary = { ...written.value, duplicateFile: false, warnings };
      await appendAuditRecords(tx, [
        reconAudit(actor, platformId, 'statement.imported', 'statement_import', importId, {
          format: parsed.format,
          contentSha256: parsed.contentSha256,
          statements: jsonSafe(summary.statements),
          linesImported: summary.linesImported,
          linesDuplicate: summary.linesDuplicate,
        }),
      ]);
      return success(summary);
    });
  } catch (error) {
    // Another request stored the same file between our check and our insert.
    if (sqlErrorCode(error) !== SQL_UNIQUE_VIOLATION) throw error;
    const existing = await findImport(db, platformId, parsed.contentSha256);
    if (existing === undefined) throw error;
    return success(existing);
  }
}

/** Errors that refuse the file: validation errors, and lines without any date. */
function refusal(statements: readonly Statement[]): Result<never> | undefined {
  const errors = validateStatements(statements).filter((issue) => issue.severity === 'error');
  const first = errors[0];
  if (first !== undefined) {
    return failure('validation_failed', `${first.code}: ${first.message}`, {
      issues: jsonSafe(errors),
    });
  }
  for (const statement of statements) {
    for (const entry of statement.entries) {
      if (lineDate(statement, entry) === undefined) {
        return failure(
          'validation_failed',
          `statement ${statement.statementId} entry ${entry.index} has no date`,
        );
      }
    }
  }
  return undefined;
}

async function findImport(
  db: { query: Database['query'] },
  platformId: string,
  contentSha256: string,
): Promise<StatementImportSummary | undefined> {
  const rows = await db.query(
    `SELECT id, format, content_sha256, line_count, warnings FROM statement_imports
     WHERE platform_id = $1 AND content_sha256 = $2`,
    [platformId, contentSha256],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  const statements = await db.query(
    `SELECT id, statement_ref, currency, custody_account_id, opening_minor, closing_minor,
       closing_date::text AS closing_date, entry_count
     FROM bank_statements WHERE import_id = $1 ORDER BY id`,
    [row.id],
  );
  return {
    importId: String(row.id),
    duplicateFile: true,
    format: String(row.format),
    contentSha256: String(row.content_sha256),
    statements: statements.map(storedStatementFromRow),
    lineCount: Number(row.line_count),
    linesImported: 0,
    linesDuplicate: Number(row.line_count),
    warnings: ['duplicate_file: this file was imported before; nothing changed'],
  };
}

export function storedStatementFromRow(row: Record<string, unknown>): StoredStatement {
  const optionalBigint = (value: unknown) =>
    value === null || value === undefined ? null : BigInt(String(value));
  return {
    id: String(row.id),
    statementRef: String(row.statement_ref),
    currency: String(row.currency),
    custodyAccountId: String(row.custody_account_id),
    openingMinor: optionalBigint(row.opening_minor),
    closingMinor: optionalBigint(row.closing_minor),
    closingDate: row.closing_date === null ? null : String(row.closing_date),
    entryCount: Number(row.entry_count),
  };
}
