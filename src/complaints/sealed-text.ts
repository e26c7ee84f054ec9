import { assert } from '../assert.js';
import {
  decryptField,
  encryptField,
  FieldDecryptionError,
  fieldKeyVersion,
} from '../security/field-encryption/field-cipher.js';
import { bindPersonalDataVault } from '../security/field-encryption/personal-data-vault.js';
import { personalDataVaultOf } from '../security/personal-data.js';
import type { Queryable } from '../store/index.js';

/**
 * Free text that is personal data (a complaint's account of what happened, an answer, an
 * export bundle) under the same field encryption as customers' personal data: AES-256-GCM
 * under the platform's active data key, bound to table, column, record and platform. Long
 * text is cut into pieces of at most `CHUNK_CODE_POINTS` code points (at most 4 bytes each,
 * within the cipher's 4,096-byte field limit), each sealed at its own location
 * (`column#n`), so pieces cannot be reordered or moved between records.
 */
export const CHUNK_CODE_POINTS = 1_000;

export interface TextLocation {
  table: string;
  column: string;
  recordId: string;
  platformId: string;
}

function chunkLocation(location: TextLocation, index: number, count: number) {
  return { ...location, column: `${location.column}#${index}/${count}` };
}

function chunksOf(text: string): string[] {
  const points = Array.from(text);
  const chunks: string[] = [];
  for (let start = 0; start < points.length; start += CHUNK_CODE_POINTS)
    chunks.push(points.slice(start, start + CHUNK_CODE_POINTS).join(''));
  return chunks.length === 0 ? [''] : chunks;
}

/**
 * Makes the vault bound to `db` reachable from `tx`, one of its transactions, so that code
 * running inside the transaction can seal and open personal data.
 */
export function shareVault(db: Queryable, tx: Queryable): void {
  bindPersonalDataVault(tx, personalDataVaultOf(db));
}

/** Seals `text` inside the writing transaction (it share-locks the active key version). */
export async function sealText(
  tx: Queryable,
  location: TextLocation,
  text: string,
  chunksMax: number,
): Promise<string[]> {
  const vault = personalDataVaultOf(tx);
  const version = await vault.keyring.lockActiveVersion(tx, location.platformId);
  const chunks = chunksOf(text);
  assert(chunks.length <= chunksMax, `${location.table}.${location.column}: text too long`);
  return vault.keyring.withDataKey(tx, location.platformId, version, (key) =>
    chunks.map((chunk, index) =>
      encryptField(key, version, chunkLocation(location, index, chunks.length), chunk),
    ),
  );
}

/** Opens text sealed by `sealText`; throws FieldDecryptionError (naming the place) if altered. */
export async function openText(
  db: Queryable,
  location: TextLocation,
  sealed: readonly string[],
): Promise<string> {
  const vault = personalDataVaultOf(db);
  const parts: string[] = [];
  for (const [index, ciphertext] of sealed.entries()) {
    const version = fieldKeyVersion(ciphertext);
    if (version === null)
      throw new FieldDecryptionError(
        `${location.table}.${location.column} of ${location.recordId}: not a ciphertext`,
      );
    parts.push(
      await vault.keyring.withDataKey(db, location.platformId, version, (key) =>
        decryptField(key, chunkLocation(location, index, sealed.length), ciphertext),
      ),
    );
  }
  return parts.join('');
}
