import fc from 'fast-check';
import { formatIsoDate } from './calendar-date.js';
import type { Statement } from './statement.js';

/**
 * Test-only: fast-check generators for statements the test renderers can write in both
 * MT940 and camt.053. References use the SWIFT X character set, so they survive MT940.
 */

export interface GeneratedEntry {
  readonly amountMinor: bigint;
  readonly valueDate: string;
  readonly bookingDate: string;
  readonly endToEndId?: string;
  readonly bankReference?: string;
  readonly remittanceText?: string;
}

export interface GeneratedStatement {
  readonly currency: string;
  readonly iban: string;
  readonly statementNumber: number;
  readonly openingMinor: bigint;
  readonly openingDate: string;
  readonly entries: readonly GeneratedEntry[];
  readonly closingMinor: bigint;
}

export const TEST_CURRENCIES = ['EUR', 'USD', 'JPY', 'KWD', 'CHF', 'CNY', 'GBP', 'BHD'] as const;

const REFERENCE_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.+?';

const referenceArbitrary = fc
  .array(fc.constantFrom(...REFERENCE_CHARACTERS.split('')), { minLength: 1, maxLength: 16 })
  .map((characters) => characters.join(''))
  .filter((text) => text !== 'NONREF' && text !== 'NOTPROVIDED');

const textArbitrary = fc
  .array(fc.constantFrom(...'ABC xyz 0123 &<>"\'/'.split('')), { minLength: 1, maxLength: 40 })
  .map((characters) => characters.join('').trim())
  .filter((text) => text !== '' && !text.includes('  '));

/** Days since 2000-01-01 → ISO date, kept in 2000–2030 so MT940's two-digit years hold. */
function dateFromOffset(days: number): string {
  const date = new Date(Date.UTC(2000, 0, 1) + days * 86_400_000);
  return formatIsoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

const entryArbitrary = fc.record(
  {
    amountMinor: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
    valueOffset: fc.integer({ min: 10, max: 10_000 }),
    bookingShift: fc.integer({ min: -3, max: 3 }),
    endToEndId: referenceArbitrary,
    bankReference: referenceArbitrary,
    remittanceText: textArbitrary,
  },
  { requiredKeys: ['amountMinor', 'valueOffset', 'bookingShift'] },
);

export const statementArbitrary: fc.Arbitrary<GeneratedStatement> = fc
  .record({
    currency: fc.constantFrom(...TEST_CURRENCIES),
    statementNumber: fc.integer({ min: 1, max: 99_999 }),
    openingMinor: fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
    openingOffset: fc.integer({ min: 0, max: 10_000 }),
    entries: fc.array(entryArbitrary, { maxLength: 25 }),
  })
  .map((raw) => {
    const entries: GeneratedEntry[] = raw.entries.map((entry) => ({
      amountMinor: entry.amountMinor,
      valueDate: dateFromOffset(entry.valueOffset),
      bookingDate: dateFromOffset(entry.valueOffset + entry.bookingShift),
      ...(entry.endToEndId === undefined ? {} : { endToEndId: entry.endToEndId }),
      ...(entry.bankReference === undefined ? {} : { bankReference: entry.bankReference }),
      ...(entry.remittanceText === undefined ? {} : { remittanceText: entry.remittanceText }),
    }));
    const sum = entries.reduce((total, entry) => total + entry.amountMinor, 0n);
    return {
      currency: raw.currency,
      iban: 'NL91ABNA0417164300',
      statementNumber: raw.statementNumber,
      openingMinor: raw.openingMinor,
      openingDate: dateFromOffset(raw.openingOffset),
      entries,
      closingMinor: raw.openingMinor + sum,
    };
  });

/** Returns a copy of a parsed statement with one entry's amount replaced. */
export function withEntryAmount(
  statement: Statement,
  index: number,
  amountMinor: bigint,
): Statement {
  const entries = statement.entries.map((entry) =>
    entry.index === index ? { ...entry, amountMinor } : entry,
  );
  return { ...statement, entries };
}
