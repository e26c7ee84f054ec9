import { createHash } from 'node:crypto';
import { assert } from '../assert.js';
import { DigestOccurrences } from './digest-occurrences.js';
import { FingerprintBytes } from './fingerprint-bytes.js';
import type { EntryReferences, StatementAccount, StatementEntryDraft } from './statement.js';

/**
 * Hashes for duplicate detection in the database layer: one over the raw file bytes (the same
 * file imported twice) and one per entry (the same booking delivered in two files, for example
 * an MT940 and a camt.053 of one day, or overlapping statements).
 */

/** Reference keys in the fixed order the fingerprint uses; adding one means a new version. */
const FINGERPRINT_REFERENCE_KEYS: readonly (keyof EntryReferences)[] = [
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

const FINGERPRINT_VERSION = 'custos.entry.v1';
const REFERENCE_COUNT = FINGERPRINT_REFERENCE_KEYS.length;
/** Position of each reference key in FINGERPRINT_REFERENCE_KEYS. */
const REFERENCE_POSITIONS: ReadonlyMap<string, number> = new Map(
  FINGERPRINT_REFERENCE_KEYS.map((key, position) => [key, position]),
);

/**
 * The fingerprint's reference values in FINGERPRINT_REFERENCE_KEYS order, '' where absent,
 * written into `values`. It walks the keys the object has (two or three as a rule) rather
 * than asking for all twelve: reading absent names on objects of many shapes is slow.
 */
function referenceValues(references: EntryReferences, values: string[]): string[] {
  values.fill('');
  for (const key in references) {
    const position = REFERENCE_POSITIONS.get(key);
    if (position !== undefined) values[position] = references[key as keyof EntryReferences] ?? '';
  }
  return values;
}

export function sha256Hex(content: Uint8Array | string): string {
  const digest = createHash('sha256').update(content).digest('hex');
  assert(digest.length === 64, 'sha256 hex digest has 64 characters');
  return digest;
}

/**
 * Canonical text an entry fingerprint hashes. Two entries that agree on account, currency,
 * signed amount, both dates and every reference are the same booking; `occurrence` counts
 * earlier identical entries in the same statement so two genuine identical bookings (two equal
 * fees on one day) keep distinct fingerprints.
 */
export function entryFingerprintText(
  account: StatementAccount,
  entry: StatementEntryDraft,
  occurrence: number,
): string {
  return fingerprintTextAfter(fingerprintAccountPrefix(account), entry, occurrence);
}

/** The part of the fingerprint text every entry of one account shares. */
function fingerprintAccountPrefix(account: StatementAccount): string {
  const iban = jsonString(account.iban ?? '');
  return `["${FINGERPRINT_VERSION}",${iban},${jsonString(account.otherId ?? '')}`;
}

/**
 * The fingerprint text from its account prefix on: the JSON array of the fields, written
 * out. JSON escaping keeps the encoding unambiguous whatever characters a reference holds,
 * and the text equals JSON.stringify of the array.
 */
function fingerprintTextAfter(
  accountPrefix: string,
  entry: StatementEntryDraft,
  occurrence: number,
): string {
  assert(Number.isInteger(occurrence) && occurrence >= 0, 'occurrence is a count');
  let text =
    `${accountPrefix},${jsonString(entry.currency)},"${entry.amountMinor.toString()}",` +
    `${jsonString(entry.bookingDate ?? '')},${jsonString(entry.valueDate ?? '')}`;
  const values = referenceValues(entry.references, new Array<string>(REFERENCE_COUNT));
  for (const value of values) text += `,${jsonString(value)}`;
  return `${text},${occurrence}]`;
}

/**
 * The digest of fingerprintTextAfter(prefix, entry, occurrence), written as bytes into a
 * reused buffer (fingerprint-bytes.ts) rather than built as a string: the same fields in the
 * same order. The buffer already holds the account prefix in its first `prefixBytes` bytes.
 */
function writeFingerprint(
  bytes: FingerprintBytes,
  scratch: string[],
  prefixBytes: number,
  entry: StatementEntryDraft,
  occurrence: number,
): string {
  assert(Number.isInteger(occurrence) && occurrence >= 0, 'occurrence is a count');
  const values = referenceValues(entry.references, scratch);
  bytes.resetTo(prefixBytes);
  bytes.jsonString(entry.currency);
  bytes.raw(',"');
  bytes.raw(entry.amountMinor.toString());
  bytes.raw('"');
  bytes.jsonString(entry.bookingDate ?? '');
  bytes.jsonString(entry.valueDate ?? '');
  for (let position = 0; position < REFERENCE_COUNT; position++) {
    bytes.jsonString(values[position] as string);
  }
  bytes.raw(occurrence === 0 ? ',0]' : `,${occurrence}]`);
  return bytes.digestHex();
}

/** A FingerprintBytes holding the account prefix, and how many bytes it takes. */
function prefixedBytes(accountPrefix: string): { bytes: FingerprintBytes; prefixBytes: number } {
  const bytes = new FingerprintBytes();
  bytes.raw(accountPrefix);
  return { bytes, prefixBytes: bytes.byteLength };
}

/** True when JSON.stringify escapes or may escape a character (quote, backslash, control
 * characters, surrogates), so the plain quoted form would differ. */
function needsJsonEscape(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) {
      return true;
    }
  }
  return false;
}

/** JSON.stringify of a string, without its cost for the usual plain references. */
function jsonString(value: string): string {
  return needsJsonEscape(value) ? JSON.stringify(value) : `"${value}"`;
}

/** Fingerprints for all entries of one statement, in entry order. */
export function fingerprintEntries(
  account: StatementAccount,
  entries: readonly StatementEntryDraft[],
): string[] {
  // Keyed by the first-occurrence digest: it is needed anyway and is shorter than the text.
  const seen = new DigestOccurrences(entries.length);
  const fingerprints: string[] = new Array<string>(entries.length);
  const { bytes, prefixBytes } = prefixedBytes(fingerprintAccountPrefix(account));
  const scratch = new Array<string>(REFERENCE_COUNT).fill('');
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as StatementEntryDraft;
    const first = writeFingerprint(bytes, scratch, prefixBytes, entry, 0);
    const occurrence = seen.next(first);
    fingerprints[index] =
      occurrence === 0 ? first : writeFingerprint(bytes, scratch, prefixBytes, entry, occurrence);
  }
  assert(fingerprints.length === entries.length, 'one fingerprint per entry');
  return fingerprints;
}

/**
 * Checks once at load that the written-out text follows FINGERPRINT_REFERENCE_KEYS and that
 * the byte form hashes the same text, on an entry with every reference set.
 */
function assertReferenceOrder(): void {
  const references: Record<string, string> = {};
  for (const key of FINGERPRINT_REFERENCE_KEYS) references[key] = `"${key}"\u00e9`;
  const probe = {
    currency: 'EUR',
    amountMinor: -1n,
    bookingDate: '2024-01-02',
    valueDate: null,
    references,
  } as unknown as StatementEntryDraft;
  const account: StatementAccount = { iban: 'I', currency: 'EUR' };
  const expected = JSON.stringify([
    FINGERPRINT_VERSION,
    'I',
    '',
    'EUR',
    '-1',
    '2024-01-02',
    '',
    ...FINGERPRINT_REFERENCE_KEYS.map((key) => references[key]),
    3,
  ]);
  assert(entryFingerprintText(account, probe, 3) === expected, 'reference order of the text');
  const { bytes, prefixBytes } = prefixedBytes(fingerprintAccountPrefix(account));
  const scratch = new Array<string>(REFERENCE_COUNT).fill('');
  const digest = writeFingerprint(bytes, scratch, prefixBytes, probe, 3);
  assert(digest === sha256Hex(expected), 'the byte form hashes the same text');
}

assertReferenceOrder();
