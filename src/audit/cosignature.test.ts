import { describe, expect, test } from 'vitest';
import { formatCheckpointBody, signCheckpoint } from './checkpoint.js';
import { sampleLeafHashes } from './audit-test-helpers.testdata.js';
import { base64ToBytes } from './bytes-codec.js';
import { cosignatureMessage, decodeCosignature } from './cosignature-message.js';
import { cosignCheckpoint, cosignCheckpointBody, verifyCosignature } from './cosignature.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  generateNoteKeys,
  parseSignerKey,
  parseVerifierKey,
  type NoteSignerKey,
  type NoteVerifierKey,
} from './note-key.js';
import { formatSignedNote, parseSignedNote } from './signed-note.js';
import { verifyNote } from './verify-note.js';

// Goal: witness cosignatures follow c2sp.org/tlog-cosignature (type 0x04, timestamped), verify
// alongside the log signature, and fail when time, body or key change.
function keyPair(name: string, type?: 1 | 4): { signer: NoteSignerKey; verifier: NoteVerifierKey } {
  const keys = generateNoteKeys(name, type);
  const signer = parseSignerKey(keys.signerKey);
  const verifier = parseVerifierKey(keys.verifierKey);
  if (!signer.ok || !verifier.ok) throw new Error('test keys must parse');
  return { signer: signer.value, verifier: verifier.value };
}

const log = keyPair('custos.example/audit');
const witness = keyPair('regulator.example/witness', SIGNATURE_TYPE_COSIGNATURE_V1);
const checkpoint = {
  origin: 'custos.example/audit',
  treeSize: 42,
  rootHash: sampleLeafHashes(1)[0]!,
  extensionLines: [],
};
const body = formatCheckpointBody(checkpoint);
const timestampSeconds = 1_679_315_147;

describe('cosignatures', () => {
  test('the signed message is header, time line, then the checkpoint body', () => {
    const message = new TextDecoder().decode(cosignatureMessage(body, timestampSeconds));
    expect(message).toBe(`cosignature/v1\ntime 1679315147\n${body}`);
  });

  test('the C2SP example cosignature carries key ID, then a big-endian timestamp', () => {
    const bytes = base64ToBytes(
      'jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5' +
        'nNo0xUe+mbIUBkBIfZ+qnA==',
    );
    expect(bytes?.length).toBe(4 + 8 + 64);
    expect(decodeCosignature(bytes!.subarray(4))?.timestampSeconds).toBe(1_679_315_147);
  });

  test('cosign and verify round trip', () => {
    const cosignature = cosignCheckpointBody(body, witness.signer, timestampSeconds);
    expect(cosignature.signature).toHaveLength(72);
    const verified = verifyCosignature(body, cosignature, witness.verifier);
    expect(verified).toEqual({ ok: true, value: { timestampSeconds } });
  });

  test('a cosigned checkpoint note verifies for log and witness keys together', () => {
    const note = parseSignedNote(signCheckpoint(checkpoint, [log.signer]));
    if (!note.ok) throw new Error('checkpoint must parse');
    const cosigned = formatSignedNote(
      cosignCheckpoint(note.value, witness.signer, timestampSeconds),
    );
    const verified = verifyNote(cosigned, [log.verifier, witness.verifier]);
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.value.verified.map((item) => [item.name, item.timestampSeconds])).toEqual([
      ['custos.example/audit', null],
      ['regulator.example/witness', timestampSeconds],
    ]);
    // Clients that only know the log key ignore the cosignature, as the spec requires.
    expect(verifyNote(cosigned, [log.verifier]).ok).toBe(true);
  });

  test('changed timestamp, body or key fails', () => {
    const cosignature = cosignCheckpointBody(body, witness.signer, timestampSeconds);
    const reason = (checked: ReturnType<typeof verifyCosignature>): string =>
      checked.ok ? 'ok' : checked.reason;
    const shifted = Uint8Array.from(cosignature.signature);
    shifted[7] = (shifted[7] as number) ^ 1;
    expect(
      reason(verifyCosignature(body, { ...cosignature, signature: shifted }, witness.verifier)),
    ).toBe('invalid_signature');
    const otherBody = formatCheckpointBody({ ...checkpoint, treeSize: 43 });
    expect(reason(verifyCosignature(otherBody, cosignature, witness.verifier))).toBe(
      'invalid_signature',
    );
    const stranger = keyPair('regulator.example/witness', SIGNATURE_TYPE_COSIGNATURE_V1);
    expect(reason(verifyCosignature(body, cosignature, stranger.verifier))).toBe('wrong_key');
    expect(reason(verifyCosignature(body, cosignature, log.verifier))).toBe('wrong_key');
    const truncated = { ...cosignature, signature: cosignature.signature.subarray(1) };
    expect(reason(verifyCosignature(body, truncated, witness.verifier))).toBe(
      'malformed_cosignature',
    );
    expect(reason(verifyCosignature('not a checkpoint\n', cosignature, witness.verifier))).toBe(
      'not_a_checkpoint',
    );
  });

  test('a tampered cosignature in a note rejects it for clients trusting the witness', () => {
    const note = parseSignedNote(signCheckpoint(checkpoint, [log.signer]));
    if (!note.ok) throw new Error('checkpoint must parse');
    const cosigned = cosignCheckpoint(note.value, witness.signer, timestampSeconds);
    const [logSignature, witnessSignature] = cosigned.signatures;
    const later = encodeLater(witnessSignature!.signature);
    const tampered = {
      ...cosigned,
      signatures: [logSignature!, { ...witnessSignature!, signature: later }],
    };
    const verified = verifyNote(tampered, [log.verifier, witness.verifier]);
    expect(verified.ok ? 'ok' : verified.reason).toBe('invalid_signature');
  });

  test('only cosigner keys may cosign', () => {
    expect(() => cosignCheckpointBody(body, log.signer, timestampSeconds)).toThrow();
    expect(() => cosignCheckpointBody(body, witness.signer, -1)).toThrow();
  });
});

/** Same signature with the timestamp moved one second later. */
function encodeLater(signature: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(signature);
  const view = new DataView(copy.buffer);
  view.setBigUint64(0, view.getBigUint64(0, false) + 1n, false);
  return copy;
}
