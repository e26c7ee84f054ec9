import { describe, expect, it } from 'vitest';
import { buildStatement } from './build-statement.js';
import type { Statement, StatementDraft, StatementEntryDraft } from './statement.js';
import { validateStatements } from './validate-statements.js';

// Validation over statements built directly, as the database layer will hand them back.

function entry(amountMinor: bigint, currency = 'EUR'): StatementEntryDraft {
  return {
    amountMinor,
    currency,
    bookingDate: '2024-03-01',
    valueDate: '2024-03-01',
    status: 'booked',
    reversal: false,
    bankTransactionCode: {},
    references: {},
    counterparty: {},
    details: [],
  };
}

function statement(overrides: Partial<StatementDraft> = {}): Statement {
  return buildStatement({
    format: 'mt940',
    version: null,
    messageId: 'M',
    statementId: 'S',
    account: { iban: 'NL91ABNA0417164300', currency: 'EUR' },
    openingBalance: { type: '60F', amountMinor: 100n, currency: 'EUR', date: '2024-03-01' },
    closingBalance: { type: '62F', amountMinor: 150n, currency: 'EUR', date: '2024-03-01' },
    otherBalances: [],
    entries: [entry(50n)],
    ...overrides,
  });
}

function numbered(sequence: bigint, pageNumber?: number, iban = 'NL91ABNA0417164300'): Statement {
  return statement({
    statementId: `${sequence}/${pageNumber ?? ''}`,
    legalSequence: sequence,
    ...(pageNumber === undefined ? {} : { pageNumber }),
    account: { iban, currency: 'EUR' },
  });
}

describe('validateStatements', () => {
  it('accepts a balanced statement', () => {
    expect(validateStatements([statement()])).toEqual([]);
  });

  it('leaves pending entries out of the booked sum', () => {
    const pending = { ...entry(7n), status: 'pending' as const };
    expect(validateStatements([statement({ entries: [entry(50n), pending] })])).toEqual([]);
  });

  it('reports missing balances for MT940 and camt.053 only', () => {
    const issues = validateStatements([statement({ closingBalance: null })]);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'missing_balance', balance: 'closing' }),
    ]);
    expect(validateStatements([statement({ format: 'camt.054', closingBalance: null })])).toEqual(
      [],
    );
  });

  it('reports entries in another currency and does not add them up', () => {
    const issues = validateStatements([statement({ entries: [entry(50n, 'USD')] })]);
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'currency_mismatch',
        subject: 'entry',
        entryIndex: 0,
        actualCurrency: 'USD',
      }),
    ]);
  });

  it('reports currencies missing from the exponent table', () => {
    const issues = validateStatements([statement({ account: { otherId: 'X', currency: 'ZZZ' } })]);
    expect(issues.map((issue) => issue.code)).toContain('unknown_currency');
  });

  it('finds gaps, duplicates and page gaps per account', () => {
    const issues = validateStatements([
      numbered(5n),
      numbered(6n, 1),
      numbered(6n, 2),
      numbered(9n),
      numbered(6n, 2),
      numbered(10n, 1),
      numbered(10n, 3),
      numbered(1n, undefined, 'DE89370400440532013000'),
    ]);
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'sequence_duplicate',
        sequence: 6n,
        pageNumber: 2,
        statementIndexes: [2, 4],
      }),
      expect.objectContaining({
        code: 'sequence_gap',
        previousSequence: 6n,
        nextSequence: 9n,
        missingCount: 2n,
      }),
      expect.objectContaining({ code: 'page_gap', sequence: 10n, previousPage: 1, nextPage: 3 }),
    ]);
  });

  it('ignores statements without a sequence number and different accounts', () => {
    expect(
      validateStatements([
        statement(),
        numbered(1n),
        numbered(3n, undefined, 'DE89370400440532013000'),
      ]),
    ).toEqual([]);
  });
});
