import { utf8Bytes } from './bytes-codec.js';
import { cosignatureMessage, decodeCosignature } from './cosignature-message.js';
import { ed25519Verify } from '../crypto/index.js';
import {
  SIGNATURE_TYPE_ED25519,
  type NoteSignatureType,
  type NoteVerifierKey,
} from './note-key.js';
import { fail, succeed, type Outcome } from './outcome.js';
import {
  parseSignedNote,
  type NoteParseFailure,
  type NoteSignature,
  type SignedNote,
} from './signed-note.js';

export interface VerifiedSignature {
  readonly name: string;
  readonly keyId: number;
  readonly signatureType: NoteSignatureType;
  /** Cosignature time in Unix seconds; null for plain Ed25519 note signatures. */
  readonly timestampSeconds: number | null;
}

export interface VerifiedNote {
  readonly text: string;
  readonly verified: readonly VerifiedSignature[];
  /** Signatures from keys not in the verifier set: ignored, as the spec requires. */
  readonly unknownSignatureCount: number;
}

export type NoteVerifyFailure =
  NoteParseFailure | 'ambiguous_verifier_keys' | 'invalid_signature' | 'no_known_signature';

function lookupKey(name: string, keyId: number): string {
  return `${keyId}:${name}`;
}

function indexKeys(
  keys: readonly NoteVerifierKey[],
): Outcome<Map<string, NoteVerifierKey>, NoteVerifyFailure> {
  const byNameAndId = new Map<string, NoteVerifierKey>();
  for (const key of keys) {
    const lookup = lookupKey(key.name, key.keyId);
    const existing = byNameAndId.get(lookup);
    // Two different keys with one name and ID would make "which key signed" ambiguous.
    if (existing !== undefined && !existing.keyObject.equals(key.keyObject)) {
      return fail('ambiguous_verifier_keys', key.name);
    }
    byNameAndId.set(lookup, key);
  }
  return succeed(byNameAndId);
}

function checkSignature(
  text: string,
  signature: NoteSignature,
  key: NoteVerifierKey,
): VerifiedSignature | null {
  const base = { name: key.name, keyId: key.keyId, signatureType: key.signatureType };
  if (key.signatureType === SIGNATURE_TYPE_ED25519) {
    const valid = ed25519Verify(key.keyObject, utf8Bytes(text), signature.signature);
    return valid ? { ...base, timestampSeconds: null } : null;
  }
  const cosignature = decodeCosignature(signature.signature);
  if (cosignature === null) return null;
  const message = cosignatureMessage(text, cosignature.timestampSeconds);
  const valid = ed25519Verify(key.keyObject, message, cosignature.signature);
  return valid ? { ...base, timestampSeconds: cosignature.timestampSeconds } : null;
}

/**
 * Verifies a signed note against trusted keys per C2SP signed-note: signatures from unknown
 * keys are ignored, a failing signature from a known key rejects the whole note, repeated
 * signatures by one key count once, and at least one known signature must verify.
 */
export function verifyNote(
  note: string | Uint8Array | SignedNote,
  verifierKeys: readonly NoteVerifierKey[],
): Outcome<VerifiedNote, NoteVerifyFailure> {
  const parsed =
    typeof note === 'string' || note instanceof Uint8Array ? parseSignedNote(note) : null;
  if (parsed !== null && !parsed.ok) return parsed;
  const signedNote = parsed === null ? (note as SignedNote) : parsed.value;
  const keys = indexKeys(verifierKeys);
  if (!keys.ok) return keys;
  const verified: VerifiedSignature[] = [];
  const seen = new Set<string>();
  let unknownSignatureCount = 0;
  for (const signature of signedNote.signatures) {
    const lookup = lookupKey(signature.name, signature.keyId);
    const key = keys.value.get(lookup);
    if (key === undefined) {
      unknownSignatureCount += 1;
      continue;
    }
    if (seen.has(lookup)) continue;
    seen.add(lookup);
    const result = checkSignature(signedNote.text, signature, key);
    if (result === null) return fail('invalid_signature', signature.name);
    verified.push(result);
  }
  if (verified.length === 0) return fail('no_known_signature');
  return succeed({ text: signedNote.text, verified, unknownSignatureCount });
}
