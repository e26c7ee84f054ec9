import { assert } from '../assert.js';
import { COSIGNATURE_TIMESTAMP_SECONDS_MAX } from './audit-limits.js';
import { utf8Bytes } from './bytes-codec.js';
import { ED25519_SIGNATURE_BYTES } from '../crypto/index.js';

/**
 * c2sp.org/tlog-cosignature, Ed25519 flavour (signature type 0x04). The cosigner signs
 * `cosignature/v1\ntime <unix seconds>\n` followed by the checkpoint body, and the note
 * signature carries timestamp (u64, big-endian) || Ed25519 signature.
 */

export const COSIGNATURE_TIMESTAMP_BYTES = 8;
export const COSIGNATURE_BYTES = COSIGNATURE_TIMESTAMP_BYTES + ED25519_SIGNATURE_BYTES;

export function isCosignatureTimestamp(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= COSIGNATURE_TIMESTAMP_SECONDS_MAX;
}

/** The exact bytes an Ed25519 cosigner signs for `checkpointBody` at `timestampSeconds`. */
export function cosignatureMessage(checkpointBody: string, timestampSeconds: number): Uint8Array {
  assert(isCosignatureTimestamp(timestampSeconds), 'cosignatureMessage: bad timestamp');
  assert(checkpointBody.endsWith('\n'), 'cosignatureMessage: body must end in a newline');
  return utf8Bytes(`cosignature/v1\ntime ${timestampSeconds}\n${checkpointBody}`);
}

/** timestamp || signature, the signature bytes of a cosignature line (after the key ID). */
export function encodeCosignature(timestampSeconds: number, signature: Uint8Array): Uint8Array {
  assert(isCosignatureTimestamp(timestampSeconds), 'encodeCosignature: bad timestamp');
  assert(signature.length === ED25519_SIGNATURE_BYTES, 'encodeCosignature: 64-byte signature');
  const bytes = new Uint8Array(COSIGNATURE_BYTES);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(timestampSeconds), false);
  bytes.set(signature, COSIGNATURE_TIMESTAMP_BYTES);
  return bytes;
}

/** Splits cosignature bytes; null when the length or timestamp is out of range. */
export function decodeCosignature(
  bytes: Uint8Array,
): { readonly timestampSeconds: number; readonly signature: Uint8Array } | null {
  if (bytes.length !== COSIGNATURE_BYTES) return null;
  const timestamp = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, false);
  if (timestamp > BigInt(COSIGNATURE_TIMESTAMP_SECONDS_MAX)) return null;
  const signature = bytes.slice(COSIGNATURE_TIMESTAMP_BYTES);
  return { timestampSeconds: Number(timestamp), signature };
}
