import { assert } from '../assert.js';
import { PROOF_HASHES_MAX } from './audit-limits.js';
import { base64ToBytes, bytesToBase64, utf8Bytes } from './bytes-codec.js';
import { canonicalJson } from '../crypto/index.js';
import { openCheckpoint, type Checkpoint, type CheckpointParseFailure } from './checkpoint.js';
import { isHash, leafHash, type Hash } from './merkle-hash.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  parseVerifierKey,
  type NoteVerifierKey,
} from './note-key.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { isTreeCount } from './safe-integer-bits.js';
import { verifyInclusion, type InclusionFailure } from './verify-inclusion.js';
import type { NoteVerifyFailure, VerifiedSignature } from './verify-note.js';

/**
 * Everything needed to check, offline and without our database, that one audit record is in
 * the log the checkpoint commits to: the record, its position, the path, and the signed head.
 */
export interface ProofBundle {
  /** RFC 8785 canonical JSON of the record: the exact leaf data. */
  readonly entryJson: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  /** Inclusion proof hashes, standard base64, leaf level first. */
  readonly inclusionProof: readonly string[];
  /** Signed checkpoint note (C2SP tlog-checkpoint), possibly with witness cosignatures. */
  readonly checkpoint: string;
}

export interface ProofBundleOptions {
  /** Reject checkpoints from any other log. */
  readonly expectedOrigin?: string;
  /** Witness verifier keys (signature type 0x04). */
  readonly cosignerVkeys?: readonly string[];
  /** Distinct trusted witnesses whose cosignature must verify; default 0. */
  readonly cosignaturesRequired?: number;
}

export interface VerifiedProofBundle {
  readonly checkpoint: Checkpoint;
  readonly verified: readonly VerifiedSignature[];
}

export type ProofBundleFailure =
  | 'malformed_bundle'
  | 'invalid_trusted_key'
  | 'entry_not_canonical'
  | 'origin_mismatch'
  | 'tree_size_mismatch'
  | 'no_log_signature'
  | 'cosignatures_insufficient'
  | NoteVerifyFailure
  | CheckpointParseFailure
  | InclusionFailure;

export function createProofBundle(input: {
  readonly entryJson: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly inclusionProof: readonly Hash[];
  readonly checkpoint: string;
}): ProofBundle {
  assert(input.leafIndex < input.treeSize, 'createProofBundle: leaf index past tree size');
  assert(input.inclusionProof.length <= PROOF_HASHES_MAX, 'createProofBundle: proof too long');
  return {
    entryJson: input.entryJson,
    leafIndex: input.leafIndex,
    treeSize: input.treeSize,
    inclusionProof: input.inclusionProof.map(bytesToBase64),
    checkpoint: input.checkpoint,
  };
}

function decodeProof(bundle: ProofBundle): Hash[] | null {
  if (!Array.isArray(bundle.inclusionProof)) return null;
  if (bundle.inclusionProof.length > PROOF_HASHES_MAX) return null;
  const proof: Hash[] = [];
  for (const text of bundle.inclusionProof as unknown[]) {
    const bytes = typeof text === 'string' ? base64ToBytes(text) : null;
    if (bytes === null || !isHash(bytes)) return null;
    proof.push(bytes);
  }
  return proof;
}

function isCanonicalEntry(entryJson: string): boolean {
  try {
    return canonicalJson(JSON.parse(entryJson)) === entryJson;
  } catch {
    return false;
  }
}

function parseKeys(vkeys: readonly string[], type: number): NoteVerifierKey[] | string {
  const keys: NoteVerifierKey[] = [];
  for (const vkey of vkeys) {
    const parsed = parseVerifierKey(vkey);
    if (!parsed.ok) return parsed.reason;
    if (parsed.value.signatureType !== type) return 'wrong signature type';
    keys.push(parsed.value);
  }
  return keys;
}

function checkSignatures(
  verified: readonly VerifiedSignature[],
  options: ProofBundleOptions,
): ProofBundleFailure | null {
  const logSignatures = verified.filter((item) => item.signatureType === SIGNATURE_TYPE_ED25519);
  if (logSignatures.length === 0) return 'no_log_signature';
  const witnesses = new Set(
    verified
      .filter((item) => item.signatureType === SIGNATURE_TYPE_COSIGNATURE_V1)
      .map((item) => item.name),
  );
  if (witnesses.size < (options.cosignaturesRequired ?? 0)) return 'cosignatures_insufficient';
  return null;
}

/**
 * Verifies a bundle against trusted log verifier keys (and, optionally, witnesses). Pure:
 * needs no database or network. Every failure is a reason code, never an exception.
 */
export function verifyProofBundle(
  bundle: ProofBundle,
  trustedVkeys: readonly string[],
  options: ProofBundleOptions = {},
): Outcome<VerifiedProofBundle, ProofBundleFailure> {
  const required = options.cosignaturesRequired ?? 0;
  assert(Number.isSafeInteger(required), 'verifyProofBundle: cosignaturesRequired is a count');
  assert(required >= 0, 'verifyProofBundle: cosignaturesRequired is non-negative');
  assert(required <= (options.cosignerVkeys ?? []).length, 'more cosignatures than cosigners');
  // Bundles arrive as JSON from outside, so the declared type is checked, not trusted.
  if (typeof bundle !== 'object' || bundle === null) return fail('malformed_bundle');
  if (typeof bundle.entryJson !== 'string') return fail('malformed_bundle', 'entryJson');
  if (typeof bundle.checkpoint !== 'string') return fail('malformed_bundle', 'checkpoint');
  if (!isTreeCount(bundle.leafIndex)) return fail('malformed_bundle', 'leafIndex');
  if (!isTreeCount(bundle.treeSize)) return fail('malformed_bundle', 'treeSize');
  const proof = decodeProof(bundle);
  if (proof === null) return fail('malformed_bundle', 'inclusionProof');
  const logKeys = parseKeys(trustedVkeys, SIGNATURE_TYPE_ED25519);
  if (typeof logKeys === 'string') return fail('invalid_trusted_key', logKeys);
  const cosignerKeys = parseKeys(options.cosignerVkeys ?? [], SIGNATURE_TYPE_COSIGNATURE_V1);
  if (typeof cosignerKeys === 'string') return fail('invalid_trusted_key', cosignerKeys);
  if (!isCanonicalEntry(bundle.entryJson)) return fail('entry_not_canonical');
  const opened = openCheckpoint(bundle.checkpoint, [...logKeys, ...cosignerKeys]);
  if (!opened.ok) return opened;
  const { checkpoint, verified } = opened.value;
  const signatureProblem = checkSignatures(verified, options);
  if (signatureProblem !== null) return fail(signatureProblem);
  if (options.expectedOrigin !== undefined && checkpoint.origin !== options.expectedOrigin) {
    return fail('origin_mismatch');
  }
  if (checkpoint.treeSize !== bundle.treeSize) return fail('tree_size_mismatch');
  const inclusion = verifyInclusion({
    leafHash: leafHash(utf8Bytes(bundle.entryJson)),
    leafIndex: bundle.leafIndex,
    treeSize: checkpoint.treeSize,
    proof,
    rootHash: checkpoint.rootHash,
  });
  if (!inclusion.ok) return inclusion;
  return succeed({ checkpoint, verified });
}
