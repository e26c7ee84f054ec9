import { assert } from '../assert.js';
import { CHECKPOINT_EXTENSION_LINES_MAX } from './audit-limits.js';
import { base64ToBytes, bytesToBase64 } from './bytes-codec.js';
import { isHash, type Hash } from './merkle-hash.js';
import type { NoteSignerKey, NoteVerifierKey } from './note-key.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { isTreeCount } from './safe-integer-bits.js';
import { signNote } from './sign-note.js';
import { isNoteText } from './signed-note.js';
import { verifyNote, type NoteVerifyFailure, type VerifiedSignature } from './verify-note.js';

/**
 * C2SP tlog-checkpoint: the signed tree head. Body lines are origin, tree size (decimal, no
 * leading zeros), base64 root hash, then optional non-empty extension lines.
 */
export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Hash;
  readonly extensionLines: readonly string[];
}

export type CheckpointParseFailure =
  | 'malformed_checkpoint'
  | 'invalid_origin'
  | 'invalid_tree_size'
  | 'invalid_root_hash'
  | 'too_many_extension_lines';

const TREE_SIZE_PATTERN = /^(?:0|[1-9][0-9]{0,15})$/;

function isBodyLine(line: string): boolean {
  return line.length > 0 && !line.includes('\n') && isNoteText(`${line}\n`);
}

export function formatCheckpointBody(checkpoint: Checkpoint): string {
  assert(isBodyLine(checkpoint.origin), 'formatCheckpointBody: origin must be one line');
  assert(isTreeCount(checkpoint.treeSize), 'formatCheckpointBody: bad tree size');
  assert(isHash(checkpoint.rootHash), 'formatCheckpointBody: root must be a hash');
  const extensions = checkpoint.extensionLines;
  assert(extensions.length <= CHECKPOINT_EXTENSION_LINES_MAX, 'too many extension lines');
  for (const line of extensions) assert(isBodyLine(line), 'extension lines must be non-empty');
  const lines = [
    checkpoint.origin,
    String(checkpoint.treeSize),
    bytesToBase64(checkpoint.rootHash),
  ];
  return `${[...lines, ...extensions].join('\n')}\n`;
}

export function parseCheckpointBody(text: string): Outcome<Checkpoint, CheckpointParseFailure> {
  if (!text.endsWith('\n')) return fail('malformed_checkpoint', 'no final newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensionLines] = lines;
  if (origin === undefined || sizeText === undefined || rootText === undefined) {
    return fail('malformed_checkpoint', 'fewer than three lines');
  }
  if (!isBodyLine(origin)) return fail('invalid_origin');
  if (!TREE_SIZE_PATTERN.test(sizeText)) return fail('invalid_tree_size');
  const treeSize = Number(sizeText);
  if (!isTreeCount(treeSize)) return fail('invalid_tree_size');
  const rootHash = base64ToBytes(rootText);
  if (rootHash === null || !isHash(rootHash)) return fail('invalid_root_hash');
  if (extensionLines.length > CHECKPOINT_EXTENSION_LINES_MAX) {
    return fail('too_many_extension_lines');
  }
  for (const line of extensionLines) {
    if (!isBodyLine(line)) return fail('malformed_checkpoint', 'empty extension line');
  }
  return succeed({ origin, treeSize, rootHash, extensionLines });
}

/** Signs a checkpoint with one or more log keys (signature type 0x01) into a signed note. */
export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSignerKey[]): string {
  return signNote(formatCheckpointBody(checkpoint), signers);
}

export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly verified: readonly VerifiedSignature[];
}

/** Verifies a signed checkpoint note against trusted keys, then parses its body. */
export function openCheckpoint(
  note: string | Uint8Array,
  verifierKeys: readonly NoteVerifierKey[],
): Outcome<OpenedCheckpoint, NoteVerifyFailure | CheckpointParseFailure> {
  const verified = verifyNote(note, verifierKeys);
  if (!verified.ok) return verified;
  const checkpoint = parseCheckpointBody(verified.value.text);
  if (!checkpoint.ok) return checkpoint;
  return succeed({ checkpoint: checkpoint.value, verified: verified.value.verified });
}
