import { assert } from '../assert.js';
import { NOTE_BYTES_MAX, NOTE_SIGNATURES_MAX } from './audit-limits.js';
import { base64ToBytes, bytesToBase64, utf8Bytes } from './bytes-codec.js';
import { hasControlCharacter, hasLoneSurrogate } from './note-characters.js';
import { isValidKeyName } from './note-key.js';
import { fail, succeed, type Outcome } from './outcome.js';

/**
 * C2SP signed-note: text ending in a newline, a blank line, then one or more lines
 * `— <key name> base64(key ID (4 bytes, big-endian) || signature)`. The prefix is an em dash
 * (U+2014) and a space. Parsing here is structural only; see verifyNote for signatures.
 */

export const SIGNATURE_LINE_PREFIX = '\u2014 ';

/** Key ID (4) plus at least one signature byte, as Go's note requires. */
const SIGNATURE_BYTES_MIN = 5;

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** Signature bytes after the key ID. */
  readonly signature: Uint8Array;
}

export interface SignedNote {
  /** Signed text, including its final newline but not the blank separator line. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export type NoteParseFailure =
  | 'note_too_long'
  | 'invalid_utf8'
  | 'control_character'
  | 'missing_final_newline'
  | 'missing_signature_block'
  | 'too_many_signatures'
  | 'malformed_signature_line'
  | 'invalid_key_name'
  | 'invalid_base64'
  | 'signature_too_short';

const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true });

export function isNoteText(text: string): boolean {
  return text.endsWith('\n') && !hasControlCharacter(text) && !hasLoneSurrogate(text);
}

function decodeNote(note: string | Uint8Array): Outcome<string, NoteParseFailure> {
  if (typeof note !== 'string') {
    if (note.length > NOTE_BYTES_MAX) return fail('note_too_long');
    try {
      return succeed(UTF8_DECODER.decode(note));
    } catch {
      return fail('invalid_utf8');
    }
  }
  // UTF-16 length never exceeds UTF-8 length, so this cheap check comes first.
  if (note.length > NOTE_BYTES_MAX) return fail('note_too_long');
  if (hasLoneSurrogate(note)) return fail('invalid_utf8');
  if (Buffer.byteLength(note, 'utf8') > NOTE_BYTES_MAX) return fail('note_too_long');
  return succeed(note);
}

function parseSignatureLine(line: string): Outcome<NoteSignature, NoteParseFailure> {
  if (!line.startsWith(SIGNATURE_LINE_PREFIX)) return fail('malformed_signature_line');
  const rest = line.slice(SIGNATURE_LINE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) return fail('malformed_signature_line');
  const name = rest.slice(0, space);
  if (!isValidKeyName(name)) return fail('invalid_key_name');
  const bytes = base64ToBytes(rest.slice(space + 1));
  if (bytes === null) return fail('invalid_base64');
  if (bytes.length < SIGNATURE_BYTES_MIN) return fail('signature_too_short');
  const keyId = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
  return succeed({ name, keyId, signature: bytes.slice(4) });
}

/**
 * Strict structural parse of a signed note. Accepts a string or raw bytes (bytes must be valid
 * UTF-8). Signatures are not checked here and duplicates are kept.
 */
export function parseSignedNote(note: string | Uint8Array): Outcome<SignedNote, NoteParseFailure> {
  const decoded = decodeNote(note);
  if (!decoded.ok) return decoded;
  const content = decoded.value;
  if (hasControlCharacter(content)) return fail('control_character');
  if (!content.endsWith('\n')) return fail('missing_final_newline');
  // The text may contain blank lines; the last blank line separates it from the signatures.
  const split = content.lastIndexOf('\n\n');
  if (split < 0) return fail('missing_signature_block');
  const text = content.slice(0, split + 1);
  const lines = content.slice(split + 2, -1).split('\n');
  if (lines.length === 1 && lines[0] === '') return fail('missing_signature_block');
  if (lines.length > NOTE_SIGNATURES_MAX) return fail('too_many_signatures');
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const parsed = parseSignatureLine(line);
    if (!parsed.ok) return parsed;
    signatures.push(parsed.value);
  }
  return succeed({ text, signatures });
}

export function formatSignatureLine(signature: NoteSignature): string {
  assert(isValidKeyName(signature.name), 'formatSignatureLine: invalid key name');
  assert(signature.signature.length > 0, 'formatSignatureLine: empty signature');
  const bytes = new Uint8Array(4 + signature.signature.length);
  new DataView(bytes.buffer).setUint32(0, signature.keyId, false);
  bytes.set(signature.signature, 4);
  return `${SIGNATURE_LINE_PREFIX}${signature.name} ${bytesToBase64(bytes)}\n`;
}

export function formatSignedNote(note: SignedNote): string {
  assert(isNoteText(note.text), 'formatSignedNote: text must be note text ending in newline');
  assert(note.signatures.length > 0, 'formatSignedNote: a note needs a signature');
  assert(note.signatures.length <= NOTE_SIGNATURES_MAX, 'formatSignedNote: too many signatures');
  const formatted = `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
  assert(utf8Bytes(formatted).length <= NOTE_BYTES_MAX, 'formatSignedNote: note too long');
  return formatted;
}
