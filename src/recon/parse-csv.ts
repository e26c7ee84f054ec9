import { parse as parseCsvText } from 'csv-parse/sync';
import { assert } from '../assert.js';
import { buildStatement } from './build-statement.js';
import { statementCurrencyExponent } from '../money/index.js';
import { checkCsvMapping, type CsvColumns, type CsvMapping } from './csv-mapping.js';
import { csvReadRow, type CsvColumnIndexes } from './csv-row.js';
import { parseIsoDate } from './calendar-date.js';
import { CSV_RECORD_BYTES_MAX, CSV_ROWS_MAX } from './limits.js';
import { catchParseFailure, failParse, type ParseFormatResult } from './parse-result.js';
import type { StatementAccount, StatementBalance, StatementEntryDraft } from './statement.js';

/** Balances do not appear in most CSV exports; the caller supplies them from elsewhere. */
export interface CsvBalanceInput {
  readonly amountMinor: bigint;
  readonly date: string;
}

export interface CsvStatementInput {
  readonly account: StatementAccount;
  readonly statementId: string;
  readonly messageId?: string;
  readonly openingBalance?: CsvBalanceInput | null;
  readonly closingBalance?: CsvBalanceInput | null;
}

/** Parses one CSV export into one statement using a saved column mapping. */
export function parseCsvStatement(
  text: string,
  mapping: CsvMapping,
  input: CsvStatementInput,
): ParseFormatResult {
  const mappingProblem = checkCsvMapping(mapping);
  if (mappingProblem !== undefined) return { ok: false, error: mappingProblem };
  const outcome = catchParseFailure(() => {
    const records = csvRecords(text, mapping);
    const header = mapping.header ? records.shift() : undefined;
    const indexes = csvColumnIndexes(mapping, header?.record);
    const currency = input.account.currency;
    if (statementCurrencyExponent(currency) === undefined) {
      failParse('unknown_currency', `account currency '${currency}' is not ISO 4217`);
    }
    const entries: StatementEntryDraft[] = records.map(({ record, line }) =>
      csvReadRow(record, line, { mapping, indexes, accountCurrency: currency }),
    );
    return buildStatement({
      format: 'csv',
      version: mapping.name,
      messageId: input.messageId ?? input.statementId,
      statementId: input.statementId,
      account: input.account,
      openingBalance: csvBalance('OPBD', input.openingBalance, currency),
      closingBalance: csvBalance('CLBD', input.closingBalance, currency),
      otherBalances: [],
      entries,
    });
  });
  if (!outcome.ok) return { ok: false, error: outcome.error };
  return { ok: true, statements: [outcome.value], warnings: [] };
}

interface CsvRecord {
  readonly record: string[];
  readonly line: number;
}

function csvRecords(text: string, mapping: CsvMapping): CsvRecord[] {
  let parsed: unknown;
  try {
    parsed = parseCsvText(text, {
      delimiter: mapping.delimiter,
      from_line: (mapping.linesToSkip ?? 0) + 1,
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: CSV_RECORD_BYTES_MAX,
      to: CSV_ROWS_MAX + 2,
    });
  } catch (caught: unknown) {
    const message = caught instanceof Error ? caught.message : String(caught);
    const line = (caught as { lines?: unknown }).lines;
    failParse('bad_csv', `CSV could not be read: ${message}`, {
      ...(typeof line === 'number' ? { line } : {}),
    });
  }
  assert(Array.isArray(parsed), 'csv-parse returns an array');
  const records = (parsed as { record: string[]; info: { lines: number } }[]).map((item) => ({
    record: item.record,
    line: item.info.lines,
  }));
  const dataRows = records.length - (mapping.header ? 1 : 0);
  if (dataRows > CSV_ROWS_MAX) {
    failParse('too_many_entries', `CSV has more than ${CSV_ROWS_MAX} rows`);
  }
  return records;
}

function csvColumnIndexes(
  mapping: CsvMapping,
  header: readonly string[] | undefined,
): CsvColumnIndexes {
  const indexes: Partial<Record<keyof CsvColumns, number>> = {};
  const names = (header ?? []).map((name) => name.trim());
  const headerLine = (mapping.linesToSkip ?? 0) + 1;
  for (const [field, column] of Object.entries(mapping.columns) as [keyof CsvColumns, unknown][]) {
    if (typeof column === 'number') indexes[field] = column;
    if (typeof column !== 'string') continue;
    const index = names.indexOf(column);
    if (index === -1) {
      failParse('bad_mapping', `header has no column '${column}' for ${field}`, {
        line: headerLine,
      });
    }
    indexes[field] = index;
  }
  return indexes;
}

function csvBalance(
  type: string,
  balance: CsvBalanceInput | null | undefined,
  currency: string,
): StatementBalance | null {
  if (balance === undefined || balance === null) return null;
  if (parseIsoDate(balance.date) === undefined) {
    failParse('bad_date', `${type} date '${balance.date}' is not YYYY-MM-DD`);
  }
  return { type, amountMinor: balance.amountMinor, currency, date: balance.date };
}
