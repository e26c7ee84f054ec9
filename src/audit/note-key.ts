import type { KeyObject } from 'node:crypto';
import { assert } from '../assert.js';
import { KEY_NAME_BYTES_MAX } from './audit-limits.js';
import { base64ToBytes, bytesToBase64, utf8Bytes } from './bytes-codec.js';
import {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SEED_BYTES,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyFromRaw,
  ed25519RandomSeed,
  ed25519RawPublicKey,
} from '../crypto/index.js';
import { sha256Digest } from './merkle-hash.js';
import { hasControlCharacter, hasLoneSurrogate } from './note-characters.js';
import { fail, succeed, type Outcome } from './outcome.js';

/**
 * C2SP signed-note keys in the text formats of Go's golang.org/x/mod/sumdb/note:
 *   verifier key  <name>+<8 hex key ID>+base64(type || public key)
 *   signer key    PRIVATE+KEY+<name>+<8 hex key ID>+base64(type || seed)
 * with key ID = SHA-256(name || 0x0A || type || public key)[:4], big-endian.
 */

/** Plain Ed25519 note signatures (checkpoints signed by the log). */
export const SIGNATURE_TYPE_ED25519 = 0x01;
/** Timestamped Ed25519 witness cosignatures, c2sp.org/tlog-cosignature. */
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;

export type NoteSignatureType =
  typeof SIGNATURE_TYPE_ED25519 | typeof SIGNATURE_TYPE_COSIGNATURE_V1;

const SIGNER_KEY_PREFIX = 'PRIVATE+KEY+';
const KEY_ID_HEX_PATTERN = /^[0-9a-fA-F]{8}$/;
// Go's unicode.IsSpace set is covered by JavaScript's \s plus NEL (U+0085).
const KEY_NAME_FORBIDDEN = /[\s\u0085+]/u;

export interface NoteVerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly signatureType: NoteSignatureType;
  readonly publicKey: Uint8Array;
  readonly keyObject: KeyObject;
}

export interface NoteSignerKey extends NoteVerifierKey {
  readonly privateKey: KeyObject;
}

export type NoteKeyParseFailure =
  | 'malformed_key'
  | 'invalid_key_name'
  | 'invalid_key_id'
  | 'unsupported_signature_type'
  | 'key_id_mismatch';

export function isValidKeyName(name: string): boolean {
  if (name.length === 0 || KEY_NAME_FORBIDDEN.test(name)) return false;
  if (hasControlCharacter(name) || hasLoneSurrogate(name)) return false;
  return utf8Bytes(name).length <= KEY_NAME_BYTES_MAX;
}

function isSignatureType(value: number): value is NoteSignatureType {
  return value === SIGNATURE_TYPE_ED25519 || value === SIGNATURE_TYPE_COSIGNATURE_V1;
}

export function noteKeyId(
  name: string,
  signatureType: NoteSignatureType,
  publicKey: Uint8Array,
): number {
  assert(isValidKeyName(name), 'noteKeyId: invalid key name');
  assert(publicKey.length === ED25519_PUBLIC_KEY_BYTES, 'noteKeyId: Ed25519 keys are 32 bytes');
  const nameBytes = utf8Bytes(name);
  const input = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  input.set(nameBytes, 0);
  input[nameBytes.length] = 0x0a;
  input[nameBytes.length + 1] = signatureType;
  input.set(publicKey, nameBytes.length + 2);
  const digest = sha256Digest(input);
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0, false);
}

function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

function withType(signatureType: NoteSignatureType, key: Uint8Array): string {
  const typed = new Uint8Array(1 + key.length);
  typed[0] = signatureType;
  typed.set(key, 1);
  return bytesToBase64(typed);
}

export function formatVerifierKey(key: NoteVerifierKey): string {
  return `${key.name}+${keyIdHex(key.keyId)}+${withType(key.signatureType, key.publicKey)}`;
}

/** A fresh key pair as note key strings. Keep `signerKey` secret. */
export function generateNoteKeys(
  name: string,
  signatureType: NoteSignatureType = SIGNATURE_TYPE_ED25519,
): { readonly signerKey: string; readonly verifierKey: string } {
  assert(isValidKeyName(name), 'generateNoteKeys: invalid key name');
  const seed = ed25519RandomSeed();
  const publicKey = ed25519RawPublicKey(ed25519PrivateKeyFromSeed(seed));
  const keyId = keyIdHex(noteKeyId(name, signatureType, publicKey));
  return {
    signerKey: `${SIGNER_KEY_PREFIX}${name}+${keyId}+${withType(signatureType, seed)}`,
    verifierKey: `${name}+${keyId}+${withType(signatureType, publicKey)}`,
  };
}

interface KeyParts {
  readonly name: string;
  readonly keyId: number;
  readonly signatureType: NoteSignatureType;
  readonly material: Uint8Array;
}

/** Splits `<name>+<hex id>+<base64>`; the base64 part may itself contain '+'. */
function splitKey(text: string): Outcome<KeyParts, NoteKeyParseFailure> {
  const firstPlus = text.indexOf('+');
  const secondPlus = firstPlus < 0 ? -1 : text.indexOf('+', firstPlus + 1);
  if (secondPlus < 0) return fail('malformed_key');
  const name = text.slice(0, firstPlus);
  const idText = text.slice(firstPlus + 1, secondPlus);
  if (!isValidKeyName(name)) return fail('invalid_key_name');
  if (!KEY_ID_HEX_PATTERN.test(idText)) return fail('invalid_key_id');
  const typed = base64ToBytes(text.slice(secondPlus + 1));
  if (typed === null || typed.length === 0) return fail('malformed_key');
  const signatureType = typed[0] as number;
  if (!isSignatureType(signatureType)) return fail('unsupported_signature_type');
  const material = typed.subarray(1);
  if (material.length !== ED25519_SEED_BYTES) return fail('malformed_key');
  return succeed({ name, keyId: Number.parseInt(idText, 16), signatureType, material });
}

export function parseVerifierKey(text: string): Outcome<NoteVerifierKey, NoteKeyParseFailure> {
  const parts = splitKey(text);
  if (!parts.ok) return parts;
  const { name, keyId, signatureType, material } = parts.value;
  if (noteKeyId(name, signatureType, material) !== keyId) return fail('key_id_mismatch');
  let keyObject: KeyObject;
  try {
    keyObject = ed25519PublicKeyFromRaw(material);
  } catch {
    return fail('malformed_key', 'not an Ed25519 public key');
  }
  return succeed({ name, keyId, signatureType, publicKey: material.slice(), keyObject });
}

/** Parses a signer key. Failure reasons never echo key material. */
export function parseSignerKey(text: string): Outcome<NoteSignerKey, NoteKeyParseFailure> {
  if (!text.startsWith(SIGNER_KEY_PREFIX)) return fail('malformed_key');
  const parts = splitKey(text.slice(SIGNER_KEY_PREFIX.length));
  if (!parts.ok) return parts;
  const { name, keyId, signatureType, material } = parts.value;
  const privateKey = ed25519PrivateKeyFromSeed(material);
  const publicKey = ed25519RawPublicKey(privateKey);
  // Go's note computes the signer key ID from the public key, never from the seed.
  if (noteKeyId(name, signatureType, publicKey) !== keyId) return fail('key_id_mismatch');
  const keyObject = ed25519PublicKeyFromRaw(publicKey);
  return succeed({ name, keyId, signatureType, publicKey, keyObject, privateKey });
}

/** The verifier half of a signer key. */
export function verifierKeyOf(signer: NoteSignerKey): NoteVerifierKey {
  const { name, keyId, signatureType, publicKey, keyObject } = signer;
  return { name, keyId, signatureType, publicKey, keyObject };
}
