import { assert } from '../../assert.js';
import { failure, success, type Result } from '../../custody/index.js';
import type { Principal } from '../../security/index.js';
import { newId, type Queryable } from '../../store/index.js';
import type { Statement } from '../statement.js';
import { statementLineRow, type StatementLineRow } from './statement-line-rows.js';

export interface StoredStatement {
  readonly id: string;
  readonly statementRef: string;
  readonly currency: string;
  readonly custodyAccountId: string;
  readonly openingMinor: bigint | null;
  readonly closingMinor: bigint | null;
  readonly closingDate: string | null;
  readonly entryCount: number;
}

interface FileFacts {
  readonly format: string;
  readonly contentSha256: string;
  readonly byteLength: number;
  readonly warnings: readonly string[];
}

/** Lines per INSERT: 14 arrays of this length stay far below any parameter or memory limit. */
export const LINES_PER_INSERT_MAX = 5_000;

/**
 * Writes one parsed, validated file: the import row, one bank_statements row per statement on
 * the platform's custody_bank account of its currency, and the lines. Lines already stored
 * (fingerprint or bank reference) are skipped by the unique indexes and counted.
 */
export async function writeStatements(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  importId: string,
  file: FileFacts,
  statements: readonly Statement[],
): Promise<Result<Omit<StoredStatementsSummary, 'duplicateFile' | 'warnings'>>> {
  const custody = await tx.query<{ id: string; currency: string }>(
    `SELECT id, currency FROM accounts WHERE platform_id = $1 AND type = 'custody_bank'
     ORDER BY id FOR UPDATE`,
    [platformId],
  );
  const accountByCurrency = new Map(custody.map((row) => [row.currency, row.id]));
  for (const statement of statements) {
    if (!accountByCurrency.has(statement.account.currency)) {
      return failure(
        'unknown_account',
        `the platform has no custody account in ${statement.account.currency}`,
      );
    }
  }
  const lineCount = statements.reduce((sum, statement) => sum + statement.entries.length, 0);
  await tx.query(
    `INSERT INTO statement_imports (id, platform_id, format, content_sha256, file_bytes,
       statement_count, line_count, duplicate_line_count, warnings, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9)`,
    [
      importId,
      platformId,
      file.format,
      file.contentSha256,
      file.byteLength,
      statements.length,
      lineCount,
      JSON.stringify(file.warnings),
      actor.id,
    ],
  );
  const stored: StoredStatement[] = [];
  let linesImported = 0;
  for (const statement of statements) {
    const custodyAccountId = accountByCurrency.get(statement.account.currency);
    assert(custodyAccountId !== undefined, 'custody account checked above');
    const row = await insertStatement(tx, platformId, importId, custodyAccountId, statement);
    stored.push(row);
    const lines = statement.entries.map((entry) => statementLineRow(statement, entry));
    for (let start = 0; start < lines.length; start += LINES_PER_INSERT_MAX) {
      const chunk = lines.slice(start, start + LINES_PER_INSERT_MAX);
      linesImported += await insertLines(tx, platformId, importId, row, chunk);
    }
  }
  const linesDuplicate = lineCount - linesImported;
  assert(linesDuplicate >= 0, 'cannot import more lines than the file has');
  await tx.query('UPDATE statement_imports SET duplicate_line_count = $2 WHERE id = $1', [
    importId,
    linesDuplicate,
  ]);
  return success({
    importId,
    format: file.format,
    contentSha256: file.contentSha256,
    statements: stored,
    lineCount,
    linesImported,
    linesDuplicate,
  });
}

export interface StoredStatementsSummary {
  readonly importId: string;
  readonly duplicateFile: boolean;
  readonly format: string;
  readonly contentSha256: string;
  readonly statements: readonly StoredStatement[];
  readonly lineCount: number;
  readonly linesImported: number;
  readonly linesDuplicate: number;
  readonly warnings: readonly string[];
}

async function insertStatement(
  tx: Queryable,
  platformId: string,
  importId: string,
  custodyAccountId: string,
  statement: Statement,
): Promise<StoredStatement> {
  const id = newId('bst');
  const bankAccount = statement.account.iban ?? statement.account.otherId ?? '';
  const closing = statement.closingBalance;
  const stored: StoredStatement = {
    id,
    statementRef: statement.statementId,
    currency: statement.account.currency,
    custodyAccountId,
    openingMinor: statement.openingBalance?.amountMinor ?? null,
    closingMinor: closing?.amountMinor ?? null,
    closingDate: closing === null ? null : closing.date.slice(0, 10),
    entryCount: statement.entries.length,
  };
  await tx.query(
    `INSERT INTO bank_statements (id, platform_id, import_id, custody_account_id, currency,
       statement_ref, bank_account, legal_sequence, opening_minor, closing_minor, closing_date,
       entry_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      platformId,
      importId,
      custodyAccountId,
      stored.currency,
      stored.statementRef,
      bankAccount,
      statement.legalSequence?.toString() ?? null,
      stored.openingMinor?.toString() ?? null,
      stored.closingMinor?.toString() ?? null,
      stored.closingDate,
      stored.entryCount,
    ],
  );
  return stored;
}

async function insertLines(
  tx: Queryable,
  platformId: string,
  importId: string,
  statement: StoredStatement,
  lines: readonly StatementLineRow[],
): Promise<number> {
  if (lines.length === 0) return 0;
  const inserted = await tx.query(
    `INSERT INTO statement_lines (platform_id, import_id, statement_id, custody_account_id,
       entry_index, amount_minor, currency, booking_date, value_date, status, reversal,
       bank_reference, references_json, match_references, counterparty_name, remittance_text,
       fingerprint)
     SELECT $1, $2, $3, $4, u.entry_index, u.amount_minor, u.currency, u.booking_date,
       u.value_date, u.status, u.reversal, u.bank_reference, u.references_json::jsonb,
       ARRAY(SELECT jsonb_array_elements_text(u.match_references::jsonb)),
       u.counterparty_name, u.remittance_text, u.fingerprint
     FROM unnest($5::int[], $6::bigint[], $7::text[], $8::date[], $9::date[], $10::text[],
       $11::boolean[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
       $17::text[])
       AS u(entry_index, amount_minor, currency, booking_date, value_date, status, reversal,
         bank_reference, references_json, match_references, counterparty_name, remittance_text,
         fingerprint)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      platformId,
      importId,
      statement.id,
      statement.custodyAccountId,
      lines.map((line) => line.entryIndex),
      lines.map((line) => line.amountMinor.toString()),
      lines.map((line) => line.currency),
      lines.map((line) => line.bookingDate),
      lines.map((line) => line.valueDate),
      lines.map((line) => line.status),
      lines.map((line) => line.reversal),
      lines.map((line) => line.bankReference),
      lines.map((line) => line.referencesJson),
      lines.map((line) => JSON.stringify(line.matchReferences)),
      lines.map((line) => line.counterpartyName),
      lines.map((line) => line.remittanceText),
      lines.map((line) => line.fingerprint),
    ],
  );
  assert(inserted.length <= lines.length, 'insert returns at most one id per line');
  return inserted.length;
}
