import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { assert } from '../../assert.js';
import { lengthPrefixed } from './length-prefixed.js';
import { DATA_KEY_BYTES } from './master-key-provider.js';

/**
 * One personal-data field under AES-256-GCM with a 96-bit random IV:
 * `enc:v1:<keyVersion>:base64url(iv ‖ ciphertext ‖ tag)`.
 *
 * The associated data binds the ciphertext to where it belongs: table, column, record id,
 * platform and key version, length-prefixed so no part can bleed into the next. A ciphertext
 * copied to another field, record or platform, or relabelled with another version, fails to
 * decrypt. Random IVs keep a key below NIST SP 800-38D's 2^32 messages only if keys rotate:
 * at eight fields per row that is over 500 million rows per data key version.
 */
export interface FieldLocation {
  table: string;
  column: string;
  recordId: string;
  platformId: string;
}

export const FIELD_CIPHERTEXT_PREFIX = 'enc:v1:';
export const KEY_VERSION_MAX = 1_000_000_000;
/** A 200-character field is at most 800 UTF-8 bytes; leave room, refuse anything huge. */
export const FIELD_PLAINTEXT_BYTES_MAX = 4_096;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD_DOMAIN = 'custos/personal-data/v1';
const CIPHERTEXT_PATTERN = /^enc:v1:([1-9][0-9]{0,9}):([A-Za-z0-9_-]+)$/;

/** A field that does not decrypt: altered, moved, or under a key this keyring lacks. */
export class FieldDecryptionError extends Error {
  override name = 'FieldDecryptionError';
}

export function encryptField(
  key: Buffer,
  keyVersion: number,
  location: FieldLocation,
  plaintext: string,
): string {
  assert(key.length === DATA_KEY_BYTES, 'data keys are 32 bytes');
  assertKeyVersion(keyVersion);
  const bytes = Buffer.from(plaintext, 'utf8');
  assert(bytes.length <= FIELD_PLAINTEXT_BYTES_MAX, 'personal data field too long to encrypt');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(fieldAad(location, keyVersion));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]);
  return `${FIELD_CIPHERTEXT_PREFIX}${keyVersion}:${sealed.toString('base64url')}`;
}

/** The key version a ciphertext names, or null for text that is not one of ours. */
export function fieldKeyVersion(ciphertext: string): number | null {
  const match = CIPHERTEXT_PATTERN.exec(ciphertext);
  if (match === null) return null;
  const version = Number(match[1]);
  return version <= KEY_VERSION_MAX ? version : null;
}

export function decryptField(key: Buffer, location: FieldLocation, ciphertext: string): string {
  assert(key.length === DATA_KEY_BYTES, 'data keys are 32 bytes');
  const where = `${location.table}.${location.column} of ${location.recordId}`;
  const match = CIPHERTEXT_PATTERN.exec(ciphertext);
  const version = fieldKeyVersion(ciphertext);
  if (match === null || version === null) {
    throw new FieldDecryptionError(`${where}: not an enc:v1 ciphertext`);
  }
  const sealed = Buffer.from(match[2] as string, 'base64url');
  if (sealed.length < IV_BYTES + TAG_BYTES) {
    throw new FieldDecryptionError(`${where}: ciphertext too short`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(fieldAad(location, version));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    const body = sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    // The message names the place, never the content.
    throw new FieldDecryptionError(
      `${where}: authentication failed (altered ciphertext, or not encrypted for this ` +
        `table, column, record, platform and key version ${version})`,
    );
  }
}

export function fieldAad(location: FieldLocation, keyVersion: number): Buffer {
  assertKeyVersion(keyVersion);
  return lengthPrefixed(AAD_DOMAIN, [
    location.table,
    location.column,
    location.recordId,
    location.platformId,
    String(keyVersion),
  ]);
}

function assertKeyVersion(keyVersion: number): void {
  assert(Number.isSafeInteger(keyVersion), 'key version must be an integer');
  assert(keyVersion >= 1 && keyVersion <= KEY_VERSION_MAX, 'key version out of range');
}
