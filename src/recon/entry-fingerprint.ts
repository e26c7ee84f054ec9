import { createHash, hash } from 'node:crypto';
import { assert } from '../assert.js';
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
  assert(Number.isInteger(occurrence) && occurrence >= 0, 'occurrence is a count');
  // The JSON array of the fields, written out: JSON escaping keeps the encoding unambiguous
  // whatever characters a reference holds, and the text equals JSON.stringify of the array.
  let text = `["${FINGERPRINT_VERSION}",${jsonString(account.iban ?? '')},${jsonString(account.otherId ?? '')},${jsonString(entry.currency)},"${entry.amountMinor.toString()}",${jsonString(entry.bookingDate ?? '')},${jsonString(entry.valueDate ?? '')}`;
  const references = entry.references;
  for (const key of FINGERPRINT_REFERENCE_KEYS) text += `,${jsonString(references[key] ?? '')}`;
  return `${text},${occurrence}]`;
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

/** SHA-256 hex of a fingerprint text in one call, without a Hash object per entry. */
function fingerprintDigest(text: string): string {
  return hash('sha256', text, 'hex');
}

/** Fingerprints for all entries of one statement, in entry order. */
export function fingerprintEntries(
  account: StatementAccount,
  entries: readonly StatementEntryDraft[],
): string[] {
  // Keyed by the first-occurrence digest: it is needed anyway and is shorter than the text.
  const seen = new Map<string, number>();
  const fingerprints: string[] = [];
  for (const entry of entries) {
    const first = fingerprintDigest(entryFingerprintText(account, entry, 0));
    const occurrence = seen.get(first) ?? 0;
    seen.set(first, occurrence + 1);
    fingerprints.push(
      occurrence === 0
        ? first
        : fingerprintDigest(entryFingerprintText(account, entry, occurrence)),
    );
  }
  assert(fingerprints.length === entries.length, 'one fingerprint per entry');
  return fingerprints;
}
