import {
  checkpointNoteWithCosignatures,
  latestCheckpoint,
  type StoredCheckpoint,
} from './audit-checkpoint-store.js';
import { auditEntryByIndex, auditEntryBySeq } from './audit-entry-store.js';
import type { AuditLog } from './audit-log-service.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { createProofBundle, type ProofBundle } from './proof-bundle.js';

/** A proof bundle as written by `custos audit prove`, with the key it was made under. */
export interface ExportedProofBundle extends ProofBundle {
  readonly seq: string;
  /** The log's verifier key as the database states it; check it out of band. */
  readonly logVerifierKey: string;
}

/**
 * Everything needed to check one record offline: its entry, an inclusion proof against the
 * latest checkpoint (issuing one first if none covers the record yet) and that checkpoint.
 */
export async function exportProofBundle(
  log: AuditLog,
  target: { readonly seq: string } | { readonly leafIndex: number },
): Promise<Outcome<ExportedProofBundle, 'unknown_record'>> {
  const entry =
    'seq' in target
      ? await auditEntryBySeq(log.db, target.seq)
      : await auditEntryByIndex(log.db, target.leafIndex);
  if (entry === null) return fail('unknown_record');
  await log.sync();
  let checkpoint: StoredCheckpoint | null = await latestCheckpoint(log.db);
  if (checkpoint === null || checkpoint.treeSize <= entry.leafIndex) {
    checkpoint = await log.issueCheckpoint();
  }
  const identity = await log.identity();
  const bundle = createProofBundle({
    entryJson: entry.entry,
    leafIndex: entry.leafIndex,
    treeSize: checkpoint.treeSize,
    inclusionProof: log.inclusionProof(entry.leafIndex, checkpoint.treeSize),
    checkpoint: checkpointNoteWithCosignatures(checkpoint),
  });
  return succeed({ ...bundle, seq: entry.seq, logVerifierKey: identity.verifierKey });
}
