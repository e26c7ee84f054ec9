import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../crypto/index.js';
import { signCheckpoint } from './checkpoint.js';
import { cosignCheckpoint } from './cosignature.js';
import { entryLeafHash } from './entry-leaf-hash.js';
import { generateInclusionProof } from './inclusion-proof.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  generateNoteKeys,
  parseSignerKey,
  type NoteSignerKey,
} from './note-key.js';
import { createProofBundle, verifyProofBundle, type ProofBundle } from './proof-bundle.js';
import { formatSignedNote, parseSignedNote } from './signed-note.js';
import { StoredTree } from './stored-tree.js';

// Goal: a bundle exported for a regulator verifies with nothing but trusted keys, and each way
// of lying in it (entry, position, proof, checkpoint, keys, witnesses) is caught by reason.
const ORIGIN = 'custos.example/audit';
const logKeys = generateNoteKeys(ORIGIN);
const witnessKeys = generateNoteKeys('regulator.example/witness', SIGNATURE_TYPE_COSIGNATURE_V1);

function signerOf(text: string): NoteSignerKey {
  const parsed = parseSignerKey(text);
  if (!parsed.ok) throw new Error('test key must parse');
  return parsed.value;
}

const records = Array.from({ length: 21 }, (_, index) => ({
  action: 'instruction.authorised',
  amount: { currency: 'EUR', minor: String(100_000n * BigInt(index + 1)) },
  sequence: index,
}));
const tree = StoredTree.fromLeafHashes(records.map((record) => entryLeafHash(record)));
const checkpointNote = signCheckpoint(
  { origin: ORIGIN, treeSize: tree.size, rootHash: tree.root(), extensionLines: [] },
  [signerOf(logKeys.signerKey)],
);

function bundleFor(leafIndex: number, checkpoint = checkpointNote): ProofBundle {
  return createProofBundle({
    entryJson: canonicalJson(records[leafIndex]),
    leafIndex,
    treeSize: tree.size,
    inclusionProof: generateInclusionProof(tree, leafIndex, tree.size),
    checkpoint,
  });
}

function reasonOf(bundle: ProofBundle, vkeys = [logKeys.verifierKey], options = {}): string {
  const verified = verifyProofBundle(bundle, vkeys, options);
  return verified.ok ? 'ok' : verified.reason;
}

describe('proof bundles', () => {
  test('every record verifies offline, also after a JSON round trip', () => {
    for (let index = 0; index < records.length; index += 1) {
      const bundle = JSON.parse(JSON.stringify(bundleFor(index))) as ProofBundle;
      expect(reasonOf(bundle)).toBe('ok');
    }
  });

  test('lies in the bundle are caught', () => {
    const bundle = bundleFor(5);
    const altered = canonicalJson({ ...records[5], amount: { currency: 'EUR', minor: '1' } });
    expect(reasonOf({ ...bundle, entryJson: altered })).toBe('root_mismatch');
    expect(reasonOf({ ...bundle, entryJson: JSON.stringify(records[5], null, 1) })).toBe(
      'entry_not_canonical',
    );
    expect(reasonOf({ ...bundle, entryJson: '{' })).toBe('entry_not_canonical');
    expect(reasonOf({ ...bundle, leafIndex: 6 })).toBe('root_mismatch');
    expect(reasonOf({ ...bundle, leafIndex: 21 })).toBe('leaf_index_out_of_range');
    expect(reasonOf({ ...bundle, treeSize: 20 })).toBe('tree_size_mismatch');
    expect(reasonOf({ ...bundle, inclusionProof: bundle.inclusionProof.slice(1) })).not.toBe('ok');
    expect(reasonOf({ ...bundle, inclusionProof: [...bundle.inclusionProof].reverse() })).toBe(
      'root_mismatch',
    );
    expect(reasonOf({ ...bundle, inclusionProof: ['not base64!'] })).toBe('malformed_bundle');
    expect(reasonOf({ ...bundle, checkpoint: bundle.checkpoint.replace('\n21\n', '\n22\n') })).toBe(
      'invalid_signature',
    );
    expect(reasonOf({ ...bundle, leafIndex: '5' } as unknown as ProofBundle)).toBe(
      'malformed_bundle',
    );
    expect(reasonOf(null as unknown as ProofBundle)).toBe('malformed_bundle');
  });

  test('trust comes only from the given keys and origin', () => {
    const bundle = bundleFor(0);
    const stranger = generateNoteKeys(ORIGIN);
    expect(reasonOf(bundle, [stranger.verifierKey])).toBe('no_known_signature');
    expect(reasonOf(bundle, ['garbage'])).toBe('invalid_trusted_key');
    expect(reasonOf(bundle, [witnessKeys.verifierKey])).toBe('invalid_trusted_key');
    expect(reasonOf(bundle, [logKeys.verifierKey], { expectedOrigin: 'other.example/log' })).toBe(
      'origin_mismatch',
    );
    expect(reasonOf(bundle, [logKeys.verifierKey], { expectedOrigin: ORIGIN })).toBe('ok');
  });

  test('witness quorum: required cosignatures must be present and valid', () => {
    const witnessOptions = { cosignerVkeys: [witnessKeys.verifierKey], cosignaturesRequired: 1 };
    expect(reasonOf(bundleFor(3), [logKeys.verifierKey], witnessOptions)).toBe(
      'cosignatures_insufficient',
    );
    const note = parseSignedNote(checkpointNote);
    if (!note.ok) throw new Error('checkpoint must parse');
    const cosignedNote = cosignCheckpoint(
      note.value,
      signerOf(witnessKeys.signerKey),
      1_700_000_000,
    );
    const cosigned = formatSignedNote(cosignedNote);
    expect(reasonOf(bundleFor(3, cosigned), [logKeys.verifierKey], witnessOptions)).toBe('ok');
    // A checkpoint carrying only the witness signature lacks the log's own signature.
    const witnessOnly = formatSignedNote({
      text: cosignedNote.text,
      signatures: cosignedNote.signatures.slice(1),
    });
    expect(reasonOf(bundleFor(3, witnessOnly), [logKeys.verifierKey], witnessOptions)).toBe(
      'no_log_signature',
    );
  });
});
