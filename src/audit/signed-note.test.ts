import { describe, expect, test } from 'vitest';
import {
  GO_NOTE_TEXT,
  GO_SIGNATURE_LINE,
  GO_SIGNER_KEY,
  GO_VERIFIER_KEY,
} from './audit-test-helpers.testdata.js';
import { NOTE_BYTES_MAX, NOTE_SIGNATURES_MAX } from './audit-limits.js';
import {
  generateNoteKeys,
  parseSignerKey,
  parseVerifierKey,
  type NoteSignerKey,
  type NoteVerifierKey,
} from './note-key.js';
import { signNote } from './sign-note.js';
import { parseSignedNote } from './signed-note.js';
import { verifyNote } from './verify-note.js';

// Goal: signed notes are byte-compatible with Go's reference implementation and parsing is
// strict: any structural defect is a reason code, never an exception or a silent acceptance.
function signer(text: string): NoteSignerKey {
  const parsed = parseSignerKey(text);
  if (!parsed.ok) throw new Error(`test signer key must parse: ${parsed.reason}`);
  return parsed.value;
}

function verifier(text: string): NoteVerifierKey {
  const parsed = parseVerifierKey(text);
  if (!parsed.ok) throw new Error(`test verifier key must parse: ${parsed.reason}`);
  return parsed.value;
}

const goNote = `${GO_NOTE_TEXT}\n${GO_SIGNATURE_LINE}`;
const goVerifier = verifier(GO_VERIFIER_KEY);
const other = generateNoteKeys('other.example/key');

function parseReason(note: string | Uint8Array): string {
  const parsed = parseSignedNote(note);
  return parsed.ok ? 'ok' : parsed.reason;
}

function verifyReason(note: string, keys: readonly NoteVerifierKey[]): string {
  const verified = verifyNote(note, keys);
  return verified.ok ? 'ok' : verified.reason;
}

describe('signed notes', () => {
  test('signing the Go example text reproduces the published note byte for byte', () => {
    expect(signNote(GO_NOTE_TEXT, [signer(GO_SIGNER_KEY)])).toBe(goNote);
  });

  test('the Go example note parses and verifies', () => {
    const parsed = parseSignedNote(goNote);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.text).toBe(GO_NOTE_TEXT);
    expect(parsed.value.signatures).toHaveLength(1);
    expect(parsed.value.signatures[0]?.keyId).toBe(0xc74f20a3);
    const verified = verifyNote(goNote, [goVerifier]);
    expect(verified.ok).toBe(true);
    if (verified.ok)
      expect(verified.value.verified.map((item) => item.name)).toEqual(['PeterNeumann']);
    expect(verifyNote(new TextEncoder().encode(goNote), [goVerifier]).ok).toBe(true);
  });

  test('tampered text fails with the known key', () => {
    const tampered = goNote.replace('cryptography', 'cryptographY');
    expect(verifyReason(tampered, [goVerifier])).toBe('invalid_signature');
  });

  test('unknown keys are ignored, and a note with none known is rejected', () => {
    const otherVerifier = verifier(other.verifierKey);
    expect(verifyReason(goNote, [otherVerifier])).toBe('no_known_signature');
    expect(verifyReason(goNote, [])).toBe('no_known_signature');
    const both = signNote(GO_NOTE_TEXT, [signer(other.signerKey), signer(GO_SIGNER_KEY)]);
    const verified = verifyNote(both, [goVerifier]);
    expect(verified.ok).toBe(true);
    if (verified.ok) expect(verified.value.unknownSignatureCount).toBe(1);
  });

  test('a known name with a different key ID is treated as unknown, not as forged', () => {
    const impostor = generateNoteKeys('PeterNeumann');
    const note = signNote(GO_NOTE_TEXT, [signer(impostor.signerKey)]);
    expect(verifyReason(note, [goVerifier])).toBe('no_known_signature');
  });

  test('repeated signatures by one key count once', () => {
    const doubled = `${goNote}${GO_SIGNATURE_LINE}`;
    const verified = verifyNote(doubled, [goVerifier]);
    expect(verified.ok).toBe(true);
    if (verified.ok) expect(verified.value.verified).toHaveLength(1);
  });

  test('two different trusted keys with one name and key ID are refused as ambiguous', () => {
    const forged = { ...verifier(other.verifierKey), name: 'PeterNeumann', keyId: 0xc74f20a3 };
    expect(verifyReason(goNote, [goVerifier, forged])).toBe('ambiguous_verifier_keys');
  });

  test.each([
    ['missing final newline', goNote.slice(0, -1), 'missing_final_newline'],
    ['no blank line', `${GO_NOTE_TEXT}${GO_SIGNATURE_LINE}`, 'missing_signature_block'],
    ['empty signature block', `${GO_NOTE_TEXT}\n`, 'missing_signature_block'],
    ['trailing blank line', `${goNote}\n`, 'missing_signature_block'],
    ['hyphen instead of em dash', goNote.replace('\u2014', '-'), 'malformed_signature_line'],
    ['en dash instead of em dash', goNote.replace('\u2014', '\u2013'), 'malformed_signature_line'],
    [
      'no space after name',
      goNote.replace('PeterNeumann x08', 'PeterNeumannx08'),
      'malformed_signature_line',
    ],
    ['carriage return', goNote.replace('\n', '\r\n'), 'control_character'],
    ['tab in text', goNote.replace(' think', '\tthink'), 'control_character'],
    ['bad base64 character', goNote.replace('x08go', 'x08g!'), 'invalid_base64'],
    ['missing padding', goNote.replace('AM=\n', 'AM\n'), 'invalid_base64'],
    ['space inside base64', goNote.replace('x08go', 'x08 go'), 'invalid_base64'],
    ['short signature', `${GO_NOTE_TEXT}\n\u2014 PeterNeumann AAAAAA==\n`, 'signature_too_short'],
    ['plus in key name', goNote.replace('PeterNeumann', 'Peter+Neumann'), 'invalid_key_name'],
    ['lone surrogate', goNote.replace('answer', 'answer\ud800'), 'invalid_utf8'],
  ])('rejects %s', (_, note, reason) => {
    expect(parseReason(note)).toBe(reason);
    expect(verifyReason(note, [goVerifier])).toBe(reason);
  });

  test('rejects invalid UTF-8 bytes', () => {
    const bytes = new TextEncoder().encode(goNote);
    bytes[3] = 0xff;
    expect(parseReason(bytes)).toBe('invalid_utf8');
  });

  test('enforces the signature-count and size limits', () => {
    const lines = GO_SIGNATURE_LINE.repeat(NOTE_SIGNATURES_MAX);
    expect(parseReason(`${GO_NOTE_TEXT}\n${lines}`)).toBe('ok');
    expect(parseReason(`${GO_NOTE_TEXT}\n${lines}${GO_SIGNATURE_LINE}`)).toBe(
      'too_many_signatures',
    );
    const huge = `${'a'.repeat(NOTE_BYTES_MAX)}\n\n${GO_SIGNATURE_LINE}`;
    expect(parseReason(huge)).toBe('note_too_long');
    const wide = `${'\u00e9'.repeat(NOTE_BYTES_MAX / 2)}\n\n${GO_SIGNATURE_LINE}`;
    expect(parseReason(wide)).toBe('note_too_long');
    expect(parseReason(new Uint8Array(NOTE_BYTES_MAX + 1))).toBe('note_too_long');
  });

  test('the last blank line separates text from signatures; text may contain blank lines', () => {
    const text = 'first\n\nthird\n';
    const parsed = parseSignedNote(signNote(text, [signer(GO_SIGNER_KEY)]));
    expect(parsed.ok && parsed.value.text).toBe(text);
  });
});
