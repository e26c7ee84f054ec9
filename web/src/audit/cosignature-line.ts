/**
 * Reads the parts of a C2SP witness cosignature line (`— <name> <base64>`, where the bytes
 * are key ID (4) ‖ timestamp (u64, big-endian) ‖ Ed25519 signature (64)) and of a witness
 * verifier key (`<name>+<hex key ID>+<base64>`), for display only: the server verified them.
 */
import { base64ToBytes, bytesToHex } from './audit-bytes.js';

const KEY_ID_BYTES = 4;
const TIMESTAMP_BYTES = 8;
const SIGNATURE_BYTES = 64;

export interface CosignatureParts {
  name: string;
  keyId: string | null;
  /** ISO time the witness cosigned, when the line carries a timestamp. */
  cosignedAt: string | null;
}

export function parseCosignatureLine(line: string): CosignatureParts {
  const [dash, name = '', encoded = ''] = line.trim().split(' ');
  const bytes = dash === '—' ? base64ToBytes(encoded) : null;
  if (bytes === null || bytes.length < KEY_ID_BYTES) return { name, keyId: null, cosignedAt: null };
  const keyId = bytesToHex(bytes.subarray(0, KEY_ID_BYTES));
  if (bytes.length !== KEY_ID_BYTES + TIMESTAMP_BYTES + SIGNATURE_BYTES) {
    return { name, keyId, cosignedAt: null };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + KEY_ID_BYTES, TIMESTAMP_BYTES);
  const seconds = view.getBigUint64(0, false);
  // Seconds that a JavaScript Date can hold (±8.64e15 ms); larger timestamps are not shown.
  const cosignedAt =
    seconds > 8_640_000_000_000n ? null : new Date(Number(seconds) * 1000).toISOString();
  return { name, keyId, cosignedAt };
}

/** The hex key ID inside a C2SP verifier key, or null when it has another shape. */
export function verifierKeyId(verifierKey: string): string | null {
  const parts = verifierKey.split('+');
  const keyId = parts[1] ?? '';
  // The base64 key may itself contain '+': only the first two separators count.
  return parts.length >= 3 && /^[0-9a-f]{8}$/.test(keyId) ? keyId : null;
}
