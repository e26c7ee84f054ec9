import { bytesToHex, hexToBytes } from './bytes-codec.js';
import { leafHash, type Hash } from './merkle-hash.js';

/** Shared helpers and fixed vectors for the audit tests. Test support only, not public. */

export function fromHex(text: string): Uint8Array {
  const bytes = hexToBytes(text);
  if (bytes === null) throw new Error(`bad hex in test data: ${text}`);
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** Deterministic distinct leaf hashes: leaf i hashes the 4-byte big-endian encoding of i + salt. */
export function sampleLeafHashes(count: number, salt = 0): Hash[] {
  const leaves: Hash[] = [];
  for (let index = 0; index < count; index += 1) {
    const data = new Uint8Array(4);
    new DataView(data.buffer).setUint32(0, index + salt, false);
    leaves.push(leafHash(data));
  }
  return leaves;
}

/** Copy of `hash` with one bit flipped. */
export function flipBit(hash: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(hash);
  const byte = Math.floor(bit / 8) % copy.length;
  copy[byte] = (copy[byte] as number) ^ (1 << (bit % 8));
  return copy;
}

/**
 * The published example key pair and signed note of Go's golang.org/x/mod/sumdb/note tests.
 * Ed25519 is deterministic, so signing TEXT with this key must reproduce SIGNATURE_LINE exactly.
 */
export const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
export const GO_SIGNER_KEY =
  'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
export const GO_NOTE_TEXT =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n";
export const GO_SIGNATURE_LINE =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNX' +
  'gKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
