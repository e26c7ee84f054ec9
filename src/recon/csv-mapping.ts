import type { DecimalSeparator } from './decimal-amount.js';
import type { ParseError } from './parse-result.js';

/**
 * A saved description of one bank's CSV export. CSV has no standard layout, so each bank (or
 * each export profile) gets one mapping, stored with the bank connection and reused per file.
 */

/** A column by header name (needs `header: true`) or by 0-based position. */
export type CsvColumn = string | number;

export type CsvDateFormat =
  'ISO8601' | 'YYYYMMDD' | 'DD.MM.YYYY' | 'DD.MM.YY' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD-MM-YYYY';

export interface CsvColumns {
  readonly bookingDate: CsvColumn;
  readonly valueDate?: CsvColumn;
  /** Signed amount; or unsigned together with creditDebitMark. */
  readonly amount?: CsvColumn;
  /** Column holding a credit/debit mark (`C`/`D`, `S`/`H`, `Credit`/`Debit`) for amount. */
  readonly creditDebitMark?: CsvColumn;
  /** Separate unsigned debit and credit columns, the other one empty per row. */
  readonly debitAmount?: CsvColumn;
  readonly creditAmount?: CsvColumn;
  readonly currency?: CsvColumn;
  readonly endToEndId?: CsvColumn;
  readonly accountServicerReference?: CsvColumn;
  readonly bankReference?: CsvColumn;
  readonly customerReference?: CsvColumn;
  readonly transactionId?: CsvColumn;
  readonly uetr?: CsvColumn;
  readonly counterpartyName?: CsvColumn;
  readonly counterpartyAccount?: CsvColumn;
  readonly remittanceText?: CsvColumn;
}

export interface CsvMapping {
  /** Name of the profile; becomes the statement's version string. */
  readonly name: string;
  readonly delimiter: ',' | ';' | '\t' | '|';
  readonly header: boolean;
  /** Lines before the header (bank preamble such as account name and period). */
  readonly linesToSkip?: number;
  readonly columns: CsvColumns;
  readonly dateFormat: CsvDateFormat;
  readonly decimalSeparator: DecimalSeparator;
  readonly thousandsSeparator?: '' | ',' | '.' | ' ' | "'";
  /** Values of creditDebitMark meaning credit / debit, compared case-insensitively. */
  readonly creditMarks?: readonly string[];
  readonly debitMarks?: readonly string[];
}

const LINES_TO_SKIP_MAX = 100;

/** Checks a mapping before any row is read; returns the first problem or undefined. */
export function checkCsvMapping(mapping: CsvMapping): ParseError | undefined {
  const { columns } = mapping;
  const hasSigned = columns.amount !== undefined;
  const hasSplit = columns.debitAmount !== undefined || columns.creditAmount !== undefined;
  if (hasSigned === hasSplit) {
    return badMapping('map either amount or debitAmount/creditAmount, not both or neither');
  }
  if (columns.creditDebitMark !== undefined && !hasSigned) {
    return badMapping('creditDebitMark goes with the amount column');
  }
  if (columns.creditDebitMark !== undefined) {
    if ((mapping.creditMarks ?? []).length === 0 || (mapping.debitMarks ?? []).length === 0) {
      return badMapping('creditDebitMark needs creditMarks and debitMarks');
    }
  }
  if (mapping.thousandsSeparator === mapping.decimalSeparator) {
    return badMapping('thousands and decimal separators must differ');
  }
  const skip = mapping.linesToSkip ?? 0;
  if (!Number.isInteger(skip) || skip < 0 || skip > LINES_TO_SKIP_MAX) {
    return badMapping(`linesToSkip must be 0..${LINES_TO_SKIP_MAX}`);
  }
  for (const [field, column] of Object.entries(columns) as [string, CsvColumn | undefined][]) {
    if (typeof column === 'string' && !mapping.header) {
      return badMapping(`column ${field} is named '${column}' but the mapping has no header`);
    }
    if (typeof column === 'number' && (!Number.isInteger(column) || column < 0)) {
      return badMapping(`column ${field} position ${column} is not a 0-based index`);
    }
  }
  return undefined;
}

function badMapping(message: string): ParseError {
  return { code: 'bad_mapping', message };
}
