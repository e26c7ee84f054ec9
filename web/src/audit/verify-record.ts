/**
 * "Verify this record": fetches the record and its inclusion proof at the checkpoint's tree
 * size, then checks the proof here, in the browser, against the root of the signed checkpoint.
 * The server's own leaf hash and proof root are only compared, never trusted.
 */
import {
  getAuditInclusionProof,
  getAuditRecord,
  type AuditCheckpoint,
  type AuditEntry,
} from '../api/index.js';
import { base64ToBytes, bytesEqual } from './audit-bytes.js';
import { entryLeafHash, verifyInclusion, type InclusionResult } from './verify-inclusion.js';

export type RecordCheck =
  | {
      kind: 'checked';
      record: AuditEntry;
      treeSize: number;
      leafHash: Uint8Array;
      /** Whether the server's stored leaf hash equals the one computed here. */
      storedLeafHashMatches: boolean;
      checkpointRoot: Uint8Array;
      result: InclusionResult;
    }
  /** The record was appended after the checkpoint was signed. */
  | { kind: 'after_checkpoint'; record: AuditEntry; treeSize: number };

export const SEQ_PATTERN = /^[1-9][0-9]{0,18}$/;

export async function checkAuditRecord(
  seq: string,
  checkpoint: AuditCheckpoint,
  signal?: AbortSignal,
): Promise<RecordCheck> {
  const record = await getAuditRecord(seq, signal);
  const { treeSize } = checkpoint;
  if (record.leafIndex >= treeSize) return { kind: 'after_checkpoint', record, treeSize };
  const proof = await getAuditInclusionProof(record.leafIndex, treeSize, signal);
  const leafHash = await entryLeafHash(record.entry ?? '');
  const stored = record.leafHash === null ? null : base64ToBytes(record.leafHash);
  const checkpointRoot = base64ToBytes(checkpoint.rootHash) ?? new Uint8Array();
  const proofHashes = proof.proof.map((hash) => base64ToBytes(hash) ?? new Uint8Array());
  const result = await verifyInclusion({
    leafHash,
    leafIndex: record.leafIndex,
    treeSize,
    proof: proofHashes,
    rootHash: checkpointRoot,
  });
  return {
    kind: 'checked',
    record,
    treeSize,
    leafHash,
    storedLeafHashMatches: stored !== null && bytesEqual(stored, leafHash),
    checkpointRoot,
    result,
  };
}

/** The few fields of a canonical entry shown in lists; null when it is not JSON. */
export function entrySummary(
  entry: string | null,
): { action: string; actor: string; at: string } | null {
  if (entry === null) return null;
  try {
    const parsed = JSON.parse(entry) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    return { action: text(parsed.action), actor: text(parsed.actor), at: text(parsed.at) };
  } catch {
    return null;
  }
}
