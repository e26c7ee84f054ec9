import { assert } from '../assert.js';
import { NOTE_SIGNATURES_MAX } from './audit-limits.js';
import { utf8Bytes } from './bytes-codec.js';
import { ed25519Sign } from '../crypto/index.js';
import { SIGNATURE_TYPE_ED25519, type NoteSignerKey } from './note-key.js';
import { formatSignedNote, isNoteText, type NoteSignature } from './signed-note.js';

/**
 * Signs note text with plain Ed25519 note keys (type 0x01) and formats the signed note.
 * Cosigner keys (type 0x04) sign a different message; use cosignCheckpoint for those.
 */
export function signNote(text: string, signers: readonly NoteSignerKey[]): string {
  assert(isNoteText(text), 'signNote: text must be note text ending in a newline');
  assert(signers.length > 0, 'signNote: at least one signer');
  assert(signers.length <= NOTE_SIGNATURES_MAX, 'signNote: too many signers');
  const message = utf8Bytes(text);
  const signatures: NoteSignature[] = signers.map((signer) => {
    assert(signer.signatureType === SIGNATURE_TYPE_ED25519, 'signNote: note keys are type 0x01');
    const signature = ed25519Sign(signer.privateKey, message);
    return { name: signer.name, keyId: signer.keyId, signature };
  });
  return formatSignedNote({ text, signatures });
}
