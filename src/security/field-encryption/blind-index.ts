import { createHmac, hkdfSync } from 'node:crypto';
import { assert } from '../../assert.js';
import { DATA_KEY_BYTES } from './master-key-provider.js';

/**
 * Blind indexes: exact lookup of encrypted fields. The index of a value is HMAC-SHA256 under
 * a per-platform, per-index key, over the normalised value, truncated to BLIND_INDEX_BITS.
 *
 * Truncation makes different values share index values on purpose, so an index alone never
 * pins a row to a value. With R rows, L bits kept and K bits of entropy in the field, the
 * expected number of rows per index value is C = R / 2^min(L, K) (CipherSweet's coincidence
 * formula), and the aim is 2 ≤ C < √R.
 *
 *   K, estimated from the formats:
 *     ID number (GB 11643, 18 characters): region ≈ 3,500 codes (11.8 bits) + birth date over
 *       100 years ≈ 36,500 days (15.2) + sequence 000–999 (10) + check digit (0)  ≈ 37 bits
 *     mobile phone (+86 1xx xxxx xxxx): ≈ 50 allocated prefixes (5.6) + 8 digits (26.6) ≈ 32
 *     bank account (16–19 digits): issuer prefix ≈ 4,000 in use (12) + 9–12 digits (30–40)
 *       + check digit (0) ≥ 42 bits
 *   L = 16 ≤ every K, so C = R / 2^16 = R / 65,536:
 *     R = 131,072 = 2^17   → C = 2          (the lower bound holds from here up)
 *     R = 1,000,000        → C ≈ 15.3,  √R = 1,000
 *     R = 10,000,000       → C ≈ 152.6, √R ≈ 3,162
 *     C < √R  ⟺  R / 2^16 < R^(1/2)  ⟺  R < 2^32 ≈ 4.29 billion
 *   So 2 ≤ C < √R for every platform with 131,072 to 4.29 billion rows in a table. Smaller
 *   platforms have C < 2: most index values belong to one row, which shows which rows share
 *   a value (any blind index shows that) but still cannot be reversed without the index key.
 *   A lookup decrypts about C candidates (≈ 150 at ten million customers) to drop the
 *   coincidences. A customer row carries two indexes (ID number, phone), 32 bits together:
 *   the pair is near-unique at any size, again revealing equality only.
 *
 * The index keys come from the platform's index root key, which does NOT rotate with the
 * data keys: an index value must stay the same for the same input, or every stored index
 * would have to be recomputed before lookups work again. Data keys rotate because AES-GCM
 * with random IVs wears out with use; HMAC does not. Rewrapping the root key under a new
 * master key leaves it (and every index) unchanged.
 */
export const BLIND_INDEX_BITS = 16;
export const BLIND_INDEX_NAMES = ['idNumber', 'phone', 'accountNumber'] as const;
export type BlindIndexName = (typeof BLIND_INDEX_NAMES)[number];
const BLIND_INDEX_DOMAIN = 'custos/blind-index/v1';
const E164_DIGITS_MAX = 15;
const E164_DIGITS_MIN = 7;
const DEFAULT_COUNTRY_CODE = '86';

assert(BLIND_INDEX_BITS >= 8 && BLIND_INDEX_BITS <= 31, 'index values must fit an integer column');

/** One key per platform and index, from the root key (HKDF-SHA256). */
export function deriveBlindIndexKey(
  rootKey: Buffer,
  platformId: string,
  name: BlindIndexName,
): Buffer {
  assert(rootKey.length === DATA_KEY_BYTES, 'index root keys are 32 bytes');
  const info = Buffer.from(`${platformId}\u0000${name}`, 'utf8');
  return Buffer.from(hkdfSync('sha256', rootKey, Buffer.from(BLIND_INDEX_DOMAIN), info, 32));
}

/** The index of an already-normalised value: the top BLIND_INDEX_BITS of the HMAC. */
export function blindIndexValue(indexKey: Buffer, normalized: string): number {
  assert(indexKey.length === 32, 'index keys are 32 bytes');
  assert(normalized.length > 0, 'an empty value has no index');
  const mac = createHmac('sha256', indexKey).update(normalized, 'utf8').digest();
  const value = mac.readUInt32BE(0) >>> (32 - BLIND_INDEX_BITS);
  assert(value >= 0 && value < 2 ** BLIND_INDEX_BITS, 'index value out of range');
  return value;
}

/** The value an index sees, or null when nothing indexable is left. */
export function normalizeForIndex(name: BlindIndexName, raw: string): string | null {
  if (name === 'idNumber') return normalizeIdNumber(raw);
  if (name === 'phone') return normalizePhone(raw);
  return normalizeAccountNumber(raw);
}

/** ID numbers: full-width folded, all whitespace removed, upper-cased (the x check digit). */
export function normalizeIdNumber(raw: string): string | null {
  const value = raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
  return value.length === 0 ? null : value;
}

/**
 * Phones in E.164. `+` or `00` starts an international number; otherwise the number is
 * Chinese: an 11-digit mobile number (1…), `86` followed by one, or a landline with its
 * trunk `0` dropped. Separators (spaces, dashes, dots, brackets, slashes) are ignored.
 */
export function normalizePhone(raw: string): string | null {
  const text = raw.normalize('NFKC').replace(/[\s\-.()/]/gu, '');
  let digits: string;
  if (text.startsWith('+')) digits = text.slice(1);
  else if (text.startsWith('00')) digits = text.slice(2);
  else if (/^861\d{10}$/.test(text)) digits = text;
  else if (text.startsWith('0')) digits = DEFAULT_COUNTRY_CODE + text.slice(1);
  else digits = DEFAULT_COUNTRY_CODE + text;
  if (!/^[1-9]\d*$/.test(digits)) return null;
  if (digits.length < E164_DIGITS_MIN || digits.length > E164_DIGITS_MAX) return null;
  return `+${digits}`;
}

/** Bank account numbers: the digits only (spaces and dashes are presentation). */
export function normalizeAccountNumber(raw: string): string | null {
  const value = raw.normalize('NFKC').replace(/\D/gu, '');
  return value.length === 0 ? null : value;
}
