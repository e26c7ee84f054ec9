import { describe, expect, test } from 'vitest';
import {
  formatCheckpointBody,
  openCheckpoint,
  parseCheckpointBody,
  signCheckpoint,
  type Checkpoint,
} from './checkpoint.js';
import { sampleLeafHashes, toHex } from './audit-test-helpers.testdata.js';
import { bytesToBase64 } from './bytes-codec.js';
import { generateNoteKeys, parseSignerKey, parseVerifierKey } from './note-key.js';
import { formatSignedNote, parseSignedNote } from './signed-note.js';

// Goal: checkpoints round trip through sign, parse and verify, and any change to origin, size
// or root, or a wrong key, makes them fail.
const logKeys = generateNoteKeys('custos.example/audit');
const strangerKeys = generateNoteKeys('custos.example/audit');
const signerKey = mustParse(parseSignerKey(logKeys.signerKey));
const verifierKey = mustParse(parseVerifierKey(logKeys.verifierKey));
const strangerVerifier = mustParse(parseVerifierKey(strangerKeys.verifierKey));

function mustParse<Value>(parsed: { ok: true; value: Value } | { ok: false }): Value {
  if (!parsed.ok) throw new Error('test keys must parse');
  return parsed.value;
}

const rootHash = sampleLeafHashes(1)[0]!;
const checkpoint: Checkpoint = {
  origin: 'custos.example/audit',
  treeSize: 1234,
  rootHash,
  extensionLines: [],
};
const signed = signCheckpoint(checkpoint, [signerKey]);

function openReason(note: string): string {
  const opened = openCheckpoint(note, [verifierKey]);
  return opened.ok ? 'ok' : opened.reason;
}

describe('checkpoints', () => {
  test('body format is origin, size, base64 root, each newline-terminated', () => {
    expect(formatCheckpointBody(checkpoint)).toBe(
      `custos.example/audit\n1234\n${bytesToBase64(rootHash)}\n`,
    );
    expect(signed.startsWith(formatCheckpointBody(checkpoint))).toBe(true);
    expect(signed).toContain('\n\n\u2014 custos.example/audit ');
  });

  test('sign then open round trips', () => {
    const opened = openCheckpoint(signed, [verifierKey]);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.checkpoint.origin).toBe(checkpoint.origin);
    expect(opened.value.checkpoint.treeSize).toBe(1234);
    expect(toHex(opened.value.checkpoint.rootHash)).toBe(toHex(rootHash));
  });

  test('extension lines round trip', () => {
    const extended = { ...checkpoint, extensionLines: ['ext one', 'ext two'] };
    const opened = openCheckpoint(signCheckpoint(extended, [signerKey]), [verifierKey]);
    expect(opened.ok && opened.value.checkpoint.extensionLines).toEqual(['ext one', 'ext two']);
  });

  test('tampering with origin, size or root breaks the signature', () => {
    expect(openReason(signed.replace('\n1234\n', '\n1235\n'))).toBe('invalid_signature');
    expect(openReason(signed.replace('custos.example/audit\n', 'custos.example/audiT\n'))).toBe(
      'invalid_signature',
    );
    const otherRoot = bytesToBase64(sampleLeafHashes(2)[1]!);
    expect(openReason(signed.replace(bytesToBase64(rootHash), otherRoot))).toBe(
      'invalid_signature',
    );
  });

  test('a key with the same name but another key pair does not verify it', () => {
    const opened = openCheckpoint(signed, [strangerVerifier]);
    expect(opened.ok ? 'ok' : opened.reason).toBe('no_known_signature');
  });

  test('a signature moved onto another checkpoint fails', () => {
    const note = parseSignedNote(signed);
    if (!note.ok) throw new Error('signed checkpoint must parse');
    const other = formatCheckpointBody({ ...checkpoint, treeSize: 99 });
    expect(openReason(formatSignedNote({ ...note.value, text: other }))).toBe('invalid_signature');
  });

  test('parses the C2SP example body', () => {
    const parsed = parseCheckpointBody(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(parsed.ok && parsed.value.treeSize).toBe(20852163);
  });

  test.each([
    ['no final newline', 'o\n1\nAAAA\n'.slice(0, -1), 'malformed_checkpoint'],
    ['too few lines', 'origin\n5\n', 'malformed_checkpoint'],
    ['empty origin', `\n5\n${bytesToBase64(rootHash)}\n`, 'invalid_origin'],
    ['leading zero', `o\n05\n${bytesToBase64(rootHash)}\n`, 'invalid_tree_size'],
    ['negative size', `o\n-5\n${bytesToBase64(rootHash)}\n`, 'invalid_tree_size'],
    ['size past 2^53', `o\n9007199254740993\n${bytesToBase64(rootHash)}\n`, 'invalid_tree_size'],
    ['short root', 'o\n5\nAAAA\n', 'invalid_root_hash'],
    ['unpadded root', `o\n5\n${bytesToBase64(rootHash).slice(0, -1)}\n`, 'invalid_root_hash'],
    ['empty extension', `o\n5\n${bytesToBase64(rootHash)}\n\nx\n`, 'malformed_checkpoint'],
    [
      'too many extensions',
      `o\n5\n${bytesToBase64(rootHash)}\n${'e\n'.repeat(17)}`,
      'too_many_extension_lines',
    ],
  ])('rejects a body with %s', (_, body, reason) => {
    const parsed = parseCheckpointBody(body);
    expect(parsed.ok ? 'ok' : parsed.reason).toBe(reason);
  });

  test('a zero-size checkpoint is valid', () => {
    const parsed = parseCheckpointBody(`o\n0\n${bytesToBase64(rootHash)}\n`);
    expect(parsed.ok && parsed.value.treeSize).toBe(0);
  });
});
