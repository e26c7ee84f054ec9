import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from './parse-statement-file.js';
import type { Statement } from './statement.js';
import { validateStatements } from './validate-statements.js';

// Golden tests over the genkgo/camt fixtures (MIT). Every expected value below was read from
// the XML by hand; the test parses the untouched file bytes and compares field by field.

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../../shared/fixtures/camt053/${name}`, import.meta.url));
}

function parseOk(name: string): { statements: readonly Statement[]; warnings: string[] } {
  const result = parseStatementFile(fixture(name));
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  expect(result.format).toBe('camt.053');
  return { statements: result.statements, warnings: result.warnings.map((w) => w.code) };
}

describe('camt053.v2.minimal.xml', () => {
  const { statements, warnings } = parseOk('camt053.v2.minimal.xml');
  const statement = statements[0] as Statement;

  it('reads the statement header and account', () => {
    expect(statements).toHaveLength(1);
    expect(warnings).toEqual([]);
    expect(statement.version).toBe('camt.053.001.02');
    expect(statement.messageId).toBe('CAMT053RIB000000000001');
    expect(statement.statementId).toBe('253EURNL26VAYB8060476890');
    expect(statement.electronicSequence).toBe(12312n);
    expect(statement.legalSequence).toBe(12312n);
    expect(statement.createdAt).toBe('2015-03-10T18:43:50+00:00');
    expect(statement.fromDate).toBe('2007-10-18T08:00:00+01:00');
    expect(statement.toDate).toBe('2007-10-18T12:30:00+01:00');
    expect(statement.account).toEqual({ iban: 'NL26VAYB8060476890', currency: 'EUR' });
    expect(statement.information).toBe('Additional Information');
  });

  it('reads balances by type code, with sign and each balance own currency', () => {
    expect(statement.openingBalance).toEqual({
      type: 'OPBD',
      amountMinor: 1815n,
      currency: 'EUR',
      date: '2014-12-30',
    });
    expect(statement.closingBalance).toEqual({
      type: 'CLBD',
      amountMinor: -2700n,
      currency: 'SEK',
      date: '2014-12-31',
    });
    expect(statement.otherBalances).toEqual([
      { type: 'OPAV', amountMinor: 3500n, currency: 'CHF', date: '2014-12-30' },
      // JPY has exponent 0: "2700" is 2700 minor units.
      { type: 'CLAV', amountMinor: -2700n, currency: 'JPY', date: '2014-12-31' },
    ]);
  });

  it('reads the entry, proprietary code, creditor reference and debtor as counterparty', () => {
    expect(statement.entries).toHaveLength(1);
    const entry = statement.entries[0];
    expect(entry).toMatchObject({
      index: 0,
      amountMinor: 885n,
      currency: 'EUR',
      bookingDate: '2014-12-31',
      valueDate: '2015-01-02',
      status: 'booked',
      reversal: false,
      bankTransactionCode: { proprietary: '544' },
      references: { creditorReference: '4654654654654654' },
      counterparty: { name: 'NAME NAME', account: 'NL56AGDH9619008421' },
    });
    expect(entry?.details).toHaveLength(1);
    expect(entry?.details[0]?.creditor).toEqual({
      name: 'Company Name',
      account: 'NL56AGDH9619008421',
    });
    expect(entry?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('flags the balances that are not in the account currency', () => {
    const issues = validateStatements(statements);
    const mismatches = issues.filter((issue) => issue.code === 'currency_mismatch');
    expect(mismatches.map((issue) => issue.subject)).toEqual([
      'closing_balance',
      'other_balance',
      'other_balance',
    ]);
    expect(mismatches.map((issue) => issue.actualCurrency)).toEqual(['SEK', 'CHF', 'JPY']);
    // Opening EUR and closing SEK cannot be added, so no balance difference is claimed.
    expect(issues.some((issue) => issue.code === 'balance_mismatch')).toBe(false);
  });
});

describe('camt053.v2.multi.statement.xml', () => {
  const { statements } = parseOk('camt053.v2.multi.statement.xml');

  it('reads both statements of the file', () => {
    expect(statements.map((s) => s.statementId)).toEqual([
      '253EURNL26VAYB8060476890',
      '254EURNL26VAYB8060476890',
    ]);
    expect(statements.map((s) => s.messageId)).toEqual([
      'CAMT053RIB000000000001',
      'CAMT053RIB000000000001',
    ]);
    expect(statements[1]?.legalSequence).toBeUndefined();
  });

  it('reads balances and entries with end-to-end ids and remittance text', () => {
    const [first, second] = statements;
    expect(first?.openingBalance?.amountMinor).toBe(1815n);
    expect(first?.closingBalance?.amountMinor).toBe(2700n);
    expect(first?.entries[0]).toMatchObject({
      amountMinor: 885n,
      references: { endToEndId: '000000001' },
      remittanceText: 'Transaction Description 1',
    });
    expect(second?.openingBalance?.amountMinor).toBe(2700n);
    expect(second?.closingBalance).toMatchObject({ amountMinor: 2000n, date: '2014-12-31' });
    expect(second?.entries[0]).toMatchObject({
      amountMinor: -700n,
      bookingDate: '2014-12-31',
      valueDate: '2015-01-02',
      references: { endToEndId: '000000002' },
      remittanceText: 'Transaction Description 2',
      // A debit pays the creditor, so the creditor is the counterparty.
      counterparty: { name: 'Company Name 2', account: 'NL56AGDH9619008421' },
    });
  });

  it('balances: 18.15 + 8.85 = 27.00 and 27.00 − 7.00 = 20.00', () => {
    expect(validateStatements(statements)).toEqual([]);
  });
});

describe('camt053.v8.xml', () => {
  const { statements, warnings } = parseOk('camt053.v8.xml');
  const statement = statements[0] as Statement;

  it('reads the v08 header, pagination and an Othr account without Ccy', () => {
    expect(statement.version).toBe('camt.053.001.08');
    expect(statement.pageNumber).toBe(2);
    expect(statement.lastPage).toBe(true);
    expect(statement.account).toEqual({ otherId: 'NL26VAYB8060476890', currency: 'EUR' });
    expect(warnings).toEqual(['account_currency_inferred']);
    expect(statement.closingBalance).toEqual({
      type: 'CLBD',
      amountMinor: -2700n,
      currency: 'SEK',
      date: '2014-12-30',
    });
  });

  it('reads Sts/Cd, BookgDt/DtTm, ISO bank transaction code and v08 Pty names', () => {
    const entry = statement.entries[0];
    expect(entry).toMatchObject({
      amountMinor: 885n,
      status: 'booked',
      bookingDate: '2014-12-31',
      valueDate: '2015-01-02',
      bankTransactionCode: { domain: 'PMNT', family: 'RCDT', subFamily: 'BOOK' },
      references: {
        accountServicerReference: 'AAAASESS-FP-CN_98765/01',
        endToEndId: 'MUELL/FINP/RA12345',
        creditorReference: '4654654654654654',
      },
      counterparty: { name: 'NAME NAME', account: 'NL56AGDH9619008421' },
    });
    expect(entry?.details[0]).toMatchObject({ amountMinor: 0n, currency: 'SEK' });
    expect(entry?.details[0]?.creditor?.name).toBe('Company Name');
  });
});

describe('camt053.v2.wrong.xml', () => {
  it('is rejected with no_statements: the message has a header but no Stmt', () => {
    const result = parseStatementFile(fixture('camt053.v2.wrong.xml'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('no_statements');
    expect(result.error.message).toContain('BkToCstmrStmt contains no Stmt');
  });
});
