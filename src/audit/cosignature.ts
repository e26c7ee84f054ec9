import { assert } from '../assert.js';
import { NOTE_SIGNATURES_MAX } from './audit-limits.js';
import { parseCheckpointBody } from './checkpoint.js';
import { cosignatureMessage, decodeCosignature, encodeCosignature } from './cosignature-message.js';
import { ed25519Sign, ed25519Verify } from '../crypto/index.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  type NoteSignerKey,
  type NoteVerifierKey,
} from './note-key.js';
import { fail, succeed, type Outcome } from './outcome.js';
import type { NoteSignature, SignedNote } from './signed-note.js';

/**
 * Witness cosignatures (c2sp.org/tlog-cosignature, Ed25519, type 0x04). A witness must check
 * the log's signature and a consistency proof from the last checkpoint it cosigned before it
 * calls cosignCheckpoint; this function only produces the signature.
 */

export type CosignatureFailure =
  'wrong_key' | 'malformed_cosignature' | 'invalid_signature' | 'not_a_checkpoint';

/** The cosignature line's content for a checkpoint body at the given time. */
export function cosignCheckpointBody(
  checkpointBody: string,
  cosigner: NoteSignerKey,
  timestampSeconds: number,
): NoteSignature {
  assert(cosigner.signatureType === SIGNATURE_TYPE_COSIGNATURE_V1, 'cosigner keys are type 0x04');
  assert(parseCheckpointBody(checkpointBody).ok, 'cosignCheckpointBody: not a checkpoint body');
  const message = cosignatureMessage(checkpointBody, timestampSeconds);
  const signature = ed25519Sign(cosigner.privateKey, message);
  return {
    name: cosigner.name,
    keyId: cosigner.keyId,
    signature: encodeCosignature(timestampSeconds, signature),
  };
}

/** Adds a cosignature to a signed checkpoint, keeping the existing signatures first. */
export function cosignCheckpoint(
  note: SignedNote,
  cosigner: NoteSignerKey,
  timestampSeconds: number,
): SignedNote {
  assert(note.signatures.length < NOTE_SIGNATURES_MAX, 'cosignCheckpoint: note is full');
  const cosignature = cosignCheckpointBody(note.text, cosigner, timestampSeconds);
  return { text: note.text, signatures: [...note.signatures, cosignature] };
}

/** Checks one cosignature on a checkpoint body; returns the cosigned time when valid. */
export function verifyCosignature(
  checkpointBody: string,
  cosignature: NoteSignature,
  cosigner: NoteVerifierKey,
): Outcome<{ readonly timestampSeconds: number }, CosignatureFailure> {
  if (cosigner.signatureType !== SIGNATURE_TYPE_COSIGNATURE_V1) return fail('wrong_key');
  if (cosignature.name !== cosigner.name) return fail('wrong_key');
  if (cosignature.keyId !== cosigner.keyId) return fail('wrong_key');
  if (!parseCheckpointBody(checkpointBody).ok) return fail('not_a_checkpoint');
  const decoded = decodeCosignature(cosignature.signature);
  if (decoded === null) return fail('malformed_cosignature');
  const message = cosignatureMessage(checkpointBody, decoded.timestampSeconds);
  if (!ed25519Verify(cosigner.keyObject, message, decoded.signature)) {
    return fail('invalid_signature');
  }
  return succeed({ timestampSeconds: decoded.timestampSeconds });
}
