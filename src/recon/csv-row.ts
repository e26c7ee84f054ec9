import { assert } from '../assert.js';
import { csvReadDate } from './csv-date.js';
import type { CsvColumns, CsvMapping } from './csv-mapping.js';
import { decimalToMinor } from './decimal-amount.js';
import { failParse } from './parse-result.js';
import type { EntryReferences, Party, StatementEntryDraft } from './statement.js';

/** Column positions resolved from the mapping and header, by field name. */
export type CsvColumnIndexes = Readonly<Partial<Record<keyof CsvColumns, number>>>;

export interface CsvRowContext {
  readonly mapping: CsvMapping;
  readonly indexes: CsvColumnIndexes;
  readonly accountCurrency: string;
}

const REFERENCE_FIELDS = [
  'endToEndId',
  'accountServicerReference',
  'bankReference',
  'customerReference',
  'transactionId',
  'uetr',
] as const satisfies readonly (keyof CsvColumns & keyof EntryReferences)[];

export function csvReadRow(
  record: readonly string[],
  line: number,
  context: CsvRowContext,
): StatementEntryDraft {
  const cell = (field: keyof CsvColumns): string | undefined => {
    const index = context.indexes[field];
    const value = index === undefined ? undefined : record[index]?.trim();
    return value === '' ? undefined : value;
  };
  const bookingDate = csvDate(cell('bookingDate'), 'bookingDate', line, context.mapping);
  if (bookingDate === null) failParse('bad_date', `line ${line}: booking date is empty`, { line });
  const currency = cell('currency') ?? context.accountCurrency;
  const references: Record<string, string> = {};
  for (const field of REFERENCE_FIELDS) {
    const value = cell(field);
    if (value !== undefined) references[field] = value;
  }
  const name = cell('counterpartyName');
  const account = cell('counterpartyAccount');
  const counterparty: Party = {
    ...(name === undefined ? {} : { name }),
    ...(account === undefined ? {} : { account }),
  };
  const remittanceText = cell('remittanceText');
  return {
    lineNumber: line,
    amountMinor: csvAmount(cell, currency, line, context.mapping),
    currency,
    bookingDate,
    valueDate: csvDate(cell('valueDate'), 'valueDate', line, context.mapping) ?? bookingDate,
    status: 'booked',
    reversal: false,
    bankTransactionCode: {},
    references,
    ...(remittanceText === undefined ? {} : { remittanceText }),
    counterparty,
    details: [],
  };
}

function csvDate(
  text: string | undefined,
  field: string,
  line: number,
  mapping: CsvMapping,
): string | null {
  if (text === undefined) return null;
  const date = csvReadDate(text, mapping.dateFormat);
  if (date === undefined) {
    failParse('bad_date', `line ${line}: ${field} '${text}' is not ${mapping.dateFormat}`, {
      line,
    });
  }
  return date;
}

function csvAmount(
  cell: (field: keyof CsvColumns) => string | undefined,
  currency: string,
  line: number,
  mapping: CsvMapping,
): bigint {
  const signed = cell('amount');
  if (mapping.columns.amount !== undefined) {
    if (signed === undefined) failParse('bad_amount', `line ${line}: amount is empty`, { line });
    const value = csvDecimal(
      signed,
      currency,
      line,
      mapping,
      mapping.columns.creditDebitMark === undefined,
    );
    return mapping.columns.creditDebitMark === undefined
      ? value
      : csvApplyMark(value, cell, line, mapping);
  }
  const debit = cell('debitAmount');
  const credit = cell('creditAmount');
  const debitMinor = debit === undefined ? 0n : csvDecimal(debit, currency, line, mapping, false);
  const creditMinor =
    credit === undefined ? 0n : csvDecimal(credit, currency, line, mapping, false);
  if (debitMinor !== 0n && creditMinor !== 0n) {
    failParse('bad_amount', `line ${line}: both debit and credit hold an amount`, { line });
  }
  if (debit === undefined && credit === undefined) {
    failParse('bad_amount', `line ${line}: neither debit nor credit holds an amount`, { line });
  }
  return creditMinor - debitMinor;
}

function csvApplyMark(
  magnitude: bigint,
  cell: (field: keyof CsvColumns) => string | undefined,
  line: number,
  mapping: CsvMapping,
): bigint {
  assert(magnitude >= 0n, 'a marked amount is unsigned');
  const mark = (cell('creditDebitMark') ?? '').toUpperCase();
  const matches = (marks: readonly string[] | undefined): boolean =>
    (marks ?? []).some((candidate) => candidate.toUpperCase() === mark);
  if (matches(mapping.creditMarks)) return magnitude;
  if (matches(mapping.debitMarks)) return -magnitude;
  return failParse('bad_value', `line ${line}: credit/debit mark '${mark}' is not mapped`, {
    line,
  });
}

function csvDecimal(
  text: string,
  currency: string,
  line: number,
  mapping: CsvMapping,
  signed: boolean,
): bigint {
  const separator = mapping.thousandsSeparator ?? '';
  const plain = separator === '' ? text : text.split(separator).join('');
  const converted = decimalToMinor(plain, currency, {
    decimalSeparator: mapping.decimalSeparator,
    signed,
  });
  if (!converted.ok) {
    failParse(converted.error.code, `line ${line}: ${converted.error.message}`, { line });
  }
  return converted.amountMinor;
}
