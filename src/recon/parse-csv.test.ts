import { describe, expect, it } from 'vitest';
import type { CsvMapping } from './csv-mapping.js';
import { parseCsvStatement, type CsvStatementInput } from './parse-csv.js';
import { parseStatementFile } from './parse-statement-file.js';
import type { ParseFormatResult } from './parse-result.js';
import { validateStatements } from './validate-statements.js';

// CSV exports differ per bank, so each test states the mapping a user would save for one.

const GERMAN: CsvMapping = {
  name: 'example-bank-de-v1',
  delimiter: ';',
  header: true,
  linesToSkip: 2,
  columns: {
    bookingDate: 'Buchungstag',
    valueDate: 'Valuta',
    amount: 'Betrag',
    currency: 'Währung',
    endToEndId: 'EREF',
    counterpartyName: 'Name',
    counterpartyAccount: 'IBAN',
    remittanceText: 'Verwendungszweck',
  },
  dateFormat: 'DD.MM.YYYY',
  decimalSeparator: ',',
  thousandsSeparator: '.',
};

const GERMAN_FILE = [
  'Kontoauszug;Depotkonto 4711',
  'Zeitraum;01.03.2024 - 01.03.2024',
  'Buchungstag;Valuta;Betrag;Währung;EREF;Name;IBAN;Verwendungszweck',
  '01.03.2024;04.03.2024;-1.234,56;EUR;E2E-1;"Müller; Söhne";DE89370400440532013000;' +
    '"Fonds, Rücknahme"',
  '01.03.2024;01.03.2024;10.000,00;EUR;;Custodian;;Zeichnung',
  '',
].join('\n');

const ACCOUNT_INPUT: CsvStatementInput = {
  account: { iban: 'DE02120300000000202051', currency: 'EUR' },
  statementId: '2024-03-01',
  openingBalance: { amountMinor: 500_00n, date: '2024-02-29' },
  closingBalance: { amountMinor: 500_00n - 1_234_56n + 10_000_00n, date: '2024-03-01' },
};

function statementOf(
  result: ParseFormatResult,
): NonNullable<Extract<ParseFormatResult, { ok: true }>['statements'][0]> {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  const [statement] = result.statements;
  if (statement === undefined) throw new Error('no statement');
  return statement;
}

describe('parseCsvStatement', () => {
  it('reads a semicolon export with a preamble, German numbers and quoted fields', () => {
    const statement = statementOf(parseCsvStatement(GERMAN_FILE, GERMAN, ACCOUNT_INPUT));
    expect(statement.format).toBe('csv');
    expect(statement.version).toBe('example-bank-de-v1');
    expect(statement.entries).toHaveLength(2);
    expect(statement.entries[0]).toMatchObject({
      lineNumber: 4,
      amountMinor: -123456n,
      currency: 'EUR',
      bookingDate: '2024-03-01',
      valueDate: '2024-03-04',
      references: { endToEndId: 'E2E-1' },
      counterparty: { name: 'Müller; Söhne', account: 'DE89370400440532013000' },
      remittanceText: 'Fonds, Rücknahme',
    });
    expect(statement.entries[1]).toMatchObject({ amountMinor: 1000000n, references: {} });
    expect(validateStatements([statement])).toEqual([]);
  });

  it('finds a difference against the separately supplied closing balance', () => {
    const input = { ...ACCOUNT_INPUT, closingBalance: { amountMinor: 0n, date: '2024-03-01' } };
    const issues = validateStatements([statementOf(parseCsvStatement(GERMAN_FILE, GERMAN, input))]);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'balance_mismatch', differenceMinor: -926544n }),
    ]);
  });

  it('reads separate debit and credit columns by position, without header', () => {
    const mapping: CsvMapping = {
      name: 'positional',
      delimiter: ',',
      header: false,
      columns: { bookingDate: 0, debitAmount: 1, creditAmount: 2, bankReference: 3 },
      dateFormat: 'MM/DD/YYYY',
      decimalSeparator: '.',
      thousandsSeparator: ',',
    };
    const text = '03/01/2024,"1,000.50",,B1\n03/02/2024,,25,B2\n';
    const input = { account: { otherId: 'ACC', currency: 'USD' }, statementId: 'S' };
    const statement = statementOf(parseCsvStatement(text, mapping, input));
    expect(
      statement.entries.map((e) => [e.bookingDate, e.amountMinor, e.references.bankReference]),
    ).toEqual([
      ['2024-03-01', -100050n, 'B1'],
      ['2024-03-02', 2500n, 'B2'],
    ]);
    expect(statement.openingBalance).toBeNull();
  });

  it('applies a credit/debit mark column and a currency with three decimals', () => {
    const mapping: CsvMapping = {
      name: 'marked',
      delimiter: '\t',
      header: true,
      columns: { bookingDate: 'date', amount: 'amount', creditDebitMark: 'dc', currency: 'ccy' },
      dateFormat: 'ISO8601',
      decimalSeparator: '.',
      creditMarks: ['H', 'CR'],
      debitMarks: ['S', 'DR'],
    };
    const text =
      'date\tamount\tdc\tccy\n2024-03-01\t1.250\tS\tKWD\n2024-03-01T10:00:00Z\t5\th\tKWD\n';
    const input = { account: { otherId: 'K', currency: 'KWD' }, statementId: 'S' };
    const statement = statementOf(parseCsvStatement(text, mapping, input));
    expect(statement.entries.map((e) => e.amountMinor)).toEqual([-1250n, 5000n]);
  });

  it('refuses bad mappings, dates, amounts, currencies and broken quoting', () => {
    const code = (result: ParseFormatResult): string | undefined =>
      result.ok ? undefined : result.error.code;
    const line = (result: ParseFormatResult): number | undefined =>
      result.ok ? undefined : result.error.line;
    const both = { ...GERMAN, columns: { ...GERMAN.columns, debitAmount: 'Soll' } };
    expect(code(parseCsvStatement(GERMAN_FILE, both, ACCOUNT_INPUT))).toBe('bad_mapping');
    const missing = { ...GERMAN, columns: { ...GERMAN.columns, bookingDate: 'Datum' } };
    expect(code(parseCsvStatement(GERMAN_FILE, missing, ACCOUNT_INPUT))).toBe('bad_mapping');
    const badDate = GERMAN_FILE.replace('01.03.2024;04.03.2024', '31.02.2024;04.03.2024');
    expect(code(parseCsvStatement(badDate, GERMAN, ACCOUNT_INPUT))).toBe('bad_date');
    expect(line(parseCsvStatement(badDate, GERMAN, ACCOUNT_INPUT))).toBe(4);
    const decimals = GERMAN_FILE.replace('-1.234,56', '-1.234,567');
    expect(code(parseCsvStatement(decimals, GERMAN, ACCOUNT_INPUT))).toBe('bad_amount');
    const currency = GERMAN_FILE.replace(';EUR;E2E-1', ';EURO;E2E-1');
    expect(code(parseCsvStatement(currency, GERMAN, ACCOUNT_INPUT))).toBe('unknown_currency');
    const quote = GERMAN_FILE.replace('"Fonds, Rücknahme"', '"Fonds, Rücknahme');
    expect(code(parseCsvStatement(quote, GERMAN, ACCOUNT_INPUT))).toBe('bad_csv');
  });

  it('is reached through parseStatementFile only when a mapping is given', () => {
    expect(parseStatementFile(GERMAN_FILE)).toMatchObject({
      ok: false,
      error: { code: 'unsupported_format' },
    });
    const result = parseStatementFile(GERMAN_FILE, {
      csv: { mapping: GERMAN, statement: ACCOUNT_INPUT },
    });
    expect(result).toMatchObject({ ok: true, format: 'csv' });
  });
});
