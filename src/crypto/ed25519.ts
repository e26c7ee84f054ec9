import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { assert } from '../assert.js';

/**
 * Raw 32-byte Ed25519 keys (RFC 8032 encoding) to and from node:crypto KeyObjects. Note keys
 * carry raw keys; node:crypto speaks DER, so we wrap them in the fixed PKCS#8 and SPKI headers
 * for the Ed25519 OID 1.3.101.112.
 */

export const ED25519_SEED_BYTES = 32;
export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519RandomSeed(): Uint8Array {
  return new Uint8Array(randomBytes(ED25519_SEED_BYTES));
}

export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  assert(seed.length === ED25519_SEED_BYTES, 'ed25519PrivateKeyFromSeed: seed must be 32 bytes');
  const der = Buffer.concat([PKCS8_PREFIX, seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

export function ed25519PublicKeyFromRaw(publicKey: Uint8Array): KeyObject {
  assert(publicKey.length === ED25519_PUBLIC_KEY_BYTES, 'ed25519PublicKeyFromRaw: 32 bytes');
  const der = Buffer.concat([SPKI_PREFIX, publicKey]);
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

/** The raw public key of a private or public Ed25519 KeyObject. */
export function ed25519RawPublicKey(key: KeyObject): Uint8Array {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  assert(publicKey.asymmetricKeyType === 'ed25519', 'ed25519RawPublicKey: not an Ed25519 key');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  assert(der.length === SPKI_PREFIX.length + ED25519_PUBLIC_KEY_BYTES, 'unexpected SPKI size');
  return new Uint8Array(der.subarray(SPKI_PREFIX.length));
}

/** The 64-byte signature, in a Buffer of its own (no memory shared with anything else). */
export function ed25519Sign(privateKey: KeyObject, message: Uint8Array): Buffer {
  const signature = sign(null, message, privateKey);
  assert(signature.length === ED25519_SIGNATURE_BYTES, 'ed25519Sign: signature is 64 bytes');
  return signature;
}

/** False for any bad signature, including a malformed one; never throws on untrusted bytes. */
export function ed25519Verify(
  publicKey: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}

/** A fresh key pair as raw bytes: 32-byte seed and 32-byte public key. */
export function ed25519GenerateRaw(): { seed: Buffer; publicKey: Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  return { seed: Buffer.from(seed), publicKey: Buffer.from(raw) };
}
