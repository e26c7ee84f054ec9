import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryFingerprintText, fingerprintEntries } from './entry-fingerprint.js';
import type { EntryReferences, StatementAccount, StatementEntryDraft } from './statement.js';

// Entry fingerprints are stored, so the text they hash may never change. These properties
// compare entry-fingerprint.ts with the definition it must keep: SHA-256 of the JSON array
// of version, account, currency, amount, dates, references in a fixed order and occurrence.

const REFERENCE_KEYS: readonly (keyof EntryReferences)[] = [
  'endToEndId',
  'accountServicerReference',
  'uetr',
  'instructionId',
  'paymentInformationId',
  'transactionId',
  'messageId',
  'mandateId',
  'creditorReference',
  'entryReference',
  'customerReference',
  'bankReference',
];

function definitionText(
  account: StatementAccount,
  entry: StatementEntryDraft,
  occurrence: number,
): string {
  const fields: (string | number)[] = [
    'custos.entry.v1',
    account.iban ?? '',
    account.otherId ?? '',
    entry.currency,
    entry.amountMinor.toString(),
    entry.bookingDate ?? '',
    entry.valueDate ?? '',
  ];
  for (const key of REFERENCE_KEYS) fields.push(entry.references[key] ?? '');
  fields.push(occurrence);
  return JSON.stringify(fields);
}

function definitionFingerprints(
  account: StatementAccount,
  entries: readonly StatementEntryDraft[],
): string[] {
  const counts = new Map<string, number>();
  return entries.map((entry) => {
    const key = definitionText(account, entry, 0);
    const occurrence = counts.get(key) ?? 0;
    counts.set(key, occurrence + 1);
    const text = definitionText(account, entry, occurrence);
    return createHash('sha256').update(text).digest('hex');
  });
}

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const codeUnitArbitrary = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const textArbitrary = fc.oneof(
  fc.string({ unit: codeUnitArbitrary, maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '"', '\\', '\n\r\t', '\u2028\u2029', '\ud83d', '\ude00', '\ud83d\ude00'),
);

const optionalTextArbitrary = fc.option(textArbitrary, { nil: undefined });

const referencesArbitrary: fc.Arbitrary<EntryReferences> = fc
  .array(fc.tuple(fc.constantFrom(...REFERENCE_KEYS), textArbitrary), { maxLength: 6 })
  .map((pairs) => Object.fromEntries(pairs) as EntryReferences);

const entryArbitrary: fc.Arbitrary<StatementEntryDraft> = fc
  .record({
    amountMinor: fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
    currency: textArbitrary,
    bookingDate: fc.option(textArbitrary, { nil: null }),
    valueDate: fc.option(textArbitrary, { nil: null }),
    references: referencesArbitrary,
  })
  .map((fields) => ({
    ...fields,
    status: 'booked' as const,
    reversal: false,
    bankTransactionCode: {},
    counterparty: {},
    details: [],
  }));

const accountArbitrary: fc.Arbitrary<StatementAccount> = fc
  .record({ iban: optionalTextArbitrary, otherId: optionalTextArbitrary, currency: textArbitrary })
  .map(({ iban, otherId, currency }) => ({
    currency,
    ...(iban === undefined ? {} : { iban }),
    ...(otherId === undefined ? {} : { otherId }),
  }));

describe('entry fingerprints keep their definition', () => {
  it('the fingerprint text is the JSON array of the fields', () => {
    fc.assert(
      fc.property(accountArbitrary, entryArbitrary, fc.nat(1000), (account, entry, occurrence) => {
        expect(entryFingerprintText(account, entry, occurrence)).toBe(
          definitionText(account, entry, occurrence),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('fingerprints of a statement, repeated entries included, are unchanged', () => {
    fc.assert(
      fc.property(
        accountArbitrary,
        fc.array(entryArbitrary, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (account, pool, picks) => {
          // Picking from a small pool repeats entries, which exercises the occurrence count.
          const entries = picks.map((pick) => pool[pick % pool.length] as StatementEntryDraft);
          expect(fingerprintEntries(account, entries)).toEqual(
            definitionFingerprints(account, entries),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('fingerprints of long and non-ASCII values are unchanged', () => {
    const longText = fc.oneof(
      fc.string({ unit: 'binary', minLength: 200, maxLength: 1500 }),
      fc.string({ unit: codeUnitArbitrary, minLength: 200, maxLength: 1500 }),
      fc.string({ minLength: 200, maxLength: 1500 }),
    );
    fc.assert(
      fc.property(accountArbitrary, entryArbitrary, longText, longText, (account, entry, a, b) => {
        const long = { ...entry, references: { ...entry.references, uetr: a, bankReference: b } };
        const entries = [long, entry, long];
        expect(fingerprintEntries(account, entries)).toEqual(
          definitionFingerprints(account, entries),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('a known entry keeps its known fingerprint', () => {
    const account = { iban: 'NL91ABNA0417164300', currency: 'EUR' };
    const entry: StatementEntryDraft = {
      amountMinor: -1250n,
      currency: 'EUR',
      bookingDate: '2024-03-01',
      valueDate: '2024-03-01',
      status: 'booked',
      reversal: false,
      bankTransactionCode: {},
      references: { endToEndId: 'E2E-"1"', accountServicerReference: 'ASR\n1' },
      counterparty: {},
      details: [],
    };
    expect(entryFingerprintText(account, entry, 0)).toBe(
      '["custos.entry.v1","NL91ABNA0417164300","","EUR","-1250","2024-03-01","2024-03-01",' +
        '"E2E-\\"1\\"","ASR\\n1","","","","","","","","","",""' +
        ',0]',
    );
    expect(fingerprintEntries(account, [entry, entry])).toEqual(
      definitionFingerprints(account, [entry, entry]),
    );
  });
});
