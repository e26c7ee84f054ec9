import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mt940ReadBalance } from './mt940-balance.js';
import { tokenizeMt940 } from './mt940-fields.js';
import { mt940ReadInformation } from './mt940-information.js';
import { mt940ReadStatementLine } from './mt940-statement-line.js';
import type { ParseWarning } from './parse-result.js';
import { parseStatementFile } from './parse-statement-file.js';
import type { Statement } from './statement.js';
import { validateStatements } from './validate-statements.js';

// Golden tests over the wolph/mt940 fixtures (betterplace, cmxl, jejik). Whole statements go
// through parseStatementFile; the four single-field fragments are not statements (no :20:),
// so the file-level parser must refuse them, and their field is checked with the field reader.

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../../shared/fixtures/mt940/${name}`, import.meta.url));
}

function parseOk(name: string): { statements: readonly Statement[]; warnings: string[] } {
  const result = parseStatementFile(fixture(name));
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  expect(result.format).toBe('mt940');
  return { statements: result.statements, warnings: result.warnings.map((w) => w.code) };
}

function fragmentFields(name: string): ReturnType<typeof tokenizeMt940> {
  const warnings: ParseWarning[] = [];
  const fields = tokenizeMt940(fixture(name).toString('utf8'), warnings);
  expect(warnings).toEqual([]);
  return fields;
}

describe('jejik_generic.sta', () => {
  const { statements, warnings } = parseOk('jejik_generic.sta');

  it('reads two statements, the second without a closing "-"', () => {
    expect(warnings).toEqual([]);
    expect(statements).toHaveLength(2);
    expect(statements.map((s) => [s.messageId, s.statementId, s.legalSequence])).toEqual([
      ['GENERIC', '1', 1n],
      ['GENERIC', '2', 2n],
    ]);
    expect(statements[0]?.account).toEqual({ otherId: '11111111', currency: 'EUR' });
  });

  it('reads balances and the single debit of each statement', () => {
    const [first, second] = statements;
    expect(first?.openingBalance).toEqual({
      type: '60F',
      amountMinor: 10000n,
      currency: 'EUR',
      date: '2011-01-01',
    });
    expect(first?.closingBalance).toMatchObject({ amountMinor: 9000n, date: '2011-02-01' });
    expect(first?.entries[0]).toMatchObject({
      amountMinor: -1000n,
      valueDate: '2011-01-01',
      bookingDate: '2011-01-01',
      bankTransactionCode: { swiftType: 'N000' },
      references: {},
      information: '',
    });
    expect(second?.closingBalance?.amountMinor).toBe(8000n);
  });

  it('balances and has continuous statement numbers 1, 2', () => {
    expect(validateStatements(statements)).toEqual([]);
  });
});

describe('cmxl_mt940.sta', () => {
  const { statements, warnings } = parseOk('cmxl_mt940.sta');
  const [marks, sepa, polish] = statements as [Statement, Statement, Statement];

  it('reads three statements separated by blank lines and "-"', () => {
    expect(statements.map((s) => s.messageId)).toEqual(['131110', '1234567', 'TELEWIZORY S.A.']);
    // The first statement is in Deutsche Mark, a withdrawn currency kept with a warning.
    expect(warnings).toEqual(['historic_currency']);
  });

  it('statement 1: :28: without C, DEM, eleven lines without entry date', () => {
    expect(marks.statementId).toBe('27/01');
    expect([marks.legalSequence, marks.pageNumber]).toEqual([27n, 1]);
    expect(marks.account).toEqual({ otherId: '45050050/76198810', currency: 'DEM' });
    expect(marks.openingBalance).toMatchObject({ amountMinor: 8434974n, date: '2013-10-16' });
    expect(marks.closingBalance).toMatchObject({ amountMinor: 8443704n, date: '2013-10-17' });
    expect(marks.entries).toHaveLength(11);
    expect(marks.entries[0]).toMatchObject({
      amountMinor: -680000n,
      valueDate: '2013-10-17',
      bookingDate: '2013-10-17',
      bankTransactionCode: { swiftType: 'NCHK' },
      references: { customerReference: '16703074' },
      remittanceText: '999PN5477SCHECK-NR. 0000016703074',
    });
    // "620,3" has one decimal: 620.30 DEM.
    expect(marks.entries[1]?.amountMinor).toBe(-62030n);
    expect(marks.entries[9]).toMatchObject({ amountMinor: 2304000n, valueDate: '2013-10-19' });
  });

  it('statement 2: :21:, entry dates, // bank reference and structured :86:', () => {
    expect(sepa.relatedReference).toBe('9876543210');
    expect([sepa.statementId, sepa.legalSequence, sepa.pageNumber]).toEqual(['5/1', 5n, 1]);
    expect(sepa.entries[0]).toMatchObject({
      amountMinor: -80000n,
      valueDate: '2002-11-01',
      bookingDate: '2002-11-02',
      bankTransactionCode: { swiftType: 'NSTO', proprietary: '008' },
      references: { bankReference: '55555' },
      remittanceText: 'Miete November',
      counterparty: { name: 'MUELLER', account: '234567', bic: '10020030' },
    });
    expect(sepa.entries[1]).toMatchObject({ amountMinor: 300000n, bookingDate: '2002-11-02' });
  });

  it('statement 3: F-type lines with a 34x second line, leading space in :86:', () => {
    expect(polish.account).toEqual({ otherId: 'BPHKPLPK/320000546101', currency: 'PLN' });
    expect([polish.legalSequence, polish.pageNumber]).toEqual([84n, 1]);
    expect(polish.entries.map((e) => e.amountMinor)).toEqual([2000000n, -1000000n, 4000n]);
    expect(polish.entries[0]).toMatchObject({
      bankTransactionCode: { swiftType: 'FMSC', proprietary: '020' },
      references: { bankReference: '8327000090031789' },
      supplementaryDetails: 'Card transaction',
    });
    expect(polish.entries[1]).toMatchObject({
      references: { customerReference: 'REF 25611247', bankReference: '8327000090031790' },
      supplementaryDetails: 'Transfer',
    });
    expect(polish.entries[2]?.remittanceText).toBe('Odsetki od lokaty nr 101000022086');
    expect(polish.closingBalance).toMatchObject({ amountMinor: 5004000n, date: '2002-03-25' });
  });

  it('all three balance', () => {
    const issues = validateStatements(statements);
    expect(issues.filter((issue) => issue.code === 'balance_mismatch')).toEqual([]);
    expect(issues).toEqual([]);
  });
});

describe('betterplace_sepa_mt9401.sta', () => {
  const { statements, warnings } = parseOk('betterplace_sepa_mt9401.sta');

  it('reads 26 statements with 97 entries', () => {
    expect(warnings).toEqual([]);
    expect(statements).toHaveLength(26);
    expect(statements.reduce((count, s) => count + s.entries.length, 0)).toBe(97);
  });

  it('reads the first statement: debit balances, CR/DR/RCR marks with funds code R', () => {
    const first = statements[0] as Statement;
    expect(first.messageId).toBe('T089413946000001');
    expect(first.account).toEqual({ otherId: '50880050/0194774600888', currency: 'EUR' });
    expect([first.statementId, first.legalSequence, first.pageNumber]).toEqual([
      '00004/00001',
      4n,
      1,
    ]);
    expect(first.openingBalance).toMatchObject({ amountMinor: -123471836n, date: '2007-09-03' });
    expect(first.closingBalance).toMatchObject({ amountMinor: -123762823n, date: '2007-09-04' });
    expect(first.otherBalances).toEqual([
      { type: '64', amountMinor: -123762823n, currency: 'EUR', date: '2007-09-04' },
    ]);
    expect(first.entries.map((e) => e.amountMinor)).toEqual([
      30000n,
      33533n,
      1500000n,
      6629508n,
      91531155n,
      -20488n,
      -99994695n,
    ]);
    expect(first.entries[0]).toMatchObject({
      lineNumber: 5,
      references: { customerReference: 'TFNr 40005 MSGID', bankReference: '0724710345313905' },
      bankTransactionCode: { swiftType: 'NTRF', proprietary: '159' },
    });
    // RC: reversal of a credit, so money leaves the account.
    expect(first.entries[5]).toMatchObject({ reversal: true, amountMinor: -20488n });
  });

  it('reads continuation :86: lines glued back together', () => {
    const entry = statements[1]?.entries[0];
    expect(entry?.remittanceText?.startsWith('EREF+EndToEndIdTFNR2000400001SVWZ+TO 13')).toBe(true);
    expect(entry?.counterparty).toEqual({
      name: 'Richter Renate 70 Zeichen Beginn Fuellzeichen xxxxxxxx',
      account: 'DE42100100100043921105',
      bic: 'PBNKDEFF100',
    });
  });

  it('keeps :64: apart from :62F: and the entry date apart from the value date', () => {
    const statement = statements.find((s) => s.messageId === 'T089414086000001');
    expect(statement?.closingBalance?.amountMinor).toBe(112525040n);
    expect(statement?.otherBalances[0]?.amountMinor).toBe(55961451n);
    expect(statement?.entries[0]).toMatchObject({
      valueDate: '2007-09-07',
      bookingDate: '2007-09-04',
    });
  });

  it('every statement balances, and paged statements (:60M:/:62M:) are continuous', () => {
    const paged = statements.filter((s) => s.messageId === 'T089414056000003')[0];
    expect(paged?.openingBalance?.type).toBe('60M');
    expect(paged?.pageNumber).toBe(3);
    expect(validateStatements(statements)).toEqual([]);
  });
});

describe('single-field fragments', () => {
  it('betterplace_amount_formats.sta: refused as a file, amounts read per field', () => {
    const result = parseStatementFile(fixture('betterplace_amount_formats.sta'));
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed_mt940', line: 1 } });
    const warnings: ParseWarning[] = [];
    const balances = fragmentFields('betterplace_amount_formats.sta').map((field) =>
      mt940ReadBalance(field.tag, field.lines[0] ?? '', { line: field.line, warnings }),
    );
    // 380115,12 | 380115,1 | 380115, | 0,12 | 00,12 | 001,12
    expect(balances.map((b) => b.amountMinor)).toEqual([
      38011512n,
      38011510n,
      38011500n,
      12n,
      12n,
      112n,
    ]);
    expect(balances.every((b) => b.date === '2010-03-18' && b.currency === 'EUR')).toBe(true);
  });

  it('betterplace_empty_86.sta: refused as a file; the :86: holds just "091"', () => {
    const result = parseStatementFile(fixture('betterplace_empty_86.sta'));
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed_mt940', line: 1 } });
    const [field] = fragmentFields('betterplace_empty_86.sta');
    expect(field?.tag).toBe('86');
    expect(mt940ReadInformation(field?.lines ?? [])).toEqual({
      text: '091',
      remittanceText: '091',
      counterparty: {},
    });
  });

  it('betterplace_missing_crlf_at_end.sta: the last field ends at "-" without a newline', () => {
    const fields = fragmentFields('betterplace_missing_crlf_at_end.sta');
    expect(fields.map((f) => f.tag)).toEqual(['62F']);
    const balance = mt940ReadBalance('62F', fields[0]?.lines[0] ?? '', { line: 1, warnings: [] });
    expect(balance).toEqual({
      type: '62F',
      amountMinor: 4257004n,
      currency: 'EUR',
      date: '2010-03-23',
    });
  });

  it('cmxl_statement_line.sta: entry date, DR with funds code, padded amount, references', () => {
    const [field] = fragmentFields('cmxl_statement_line.sta');
    const line = mt940ReadStatementLine(field?.lines ?? [], 'EUR', { line: 1, warnings: [] });
    expect(line).toEqual({
      valueDate: '2014-09-01',
      entryDate: '2014-09-02',
      mark: 'D',
      fundsCode: 'R',
      amountMinor: -162n,
      swiftType: 'NTRF',
      customerReference: '0000549855700010',
      bankReference: '025498557/000001',
      reversal: false,
      status: 'booked',
    });
  });
});
