import { createHash } from 'node:crypto';
import type { Principal } from '../security/index.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { caseFailure, caseSuccess, type CaseResult } from './case-error.js';
import { recordCaseChange } from './case-change.js';
import { EVIDENCE_FILES_PER_CASE_MAX } from './case-limits.js';
import { lockCase } from './case-row.js';
import { checkEvidenceFile } from './evidence-type.js';

export interface EvidenceView {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  description: string | null;
  addedBy: string;
  addedAt: string;
}

export interface EvidenceInput {
  fileName: string;
  content: Uint8Array;
  description?: string;
}

/**
 * Keeps a file as evidence of a case: type-checked by its first bytes, size-limited, stored with
 * its SHA-256 (which the timeline and the audit log record, so the file can be shown unchanged
 * later). The same file twice in one case is refused.
 */
export async function addEvidence(
  db: Database,
  actor: Principal,
  platformId: string,
  caseId: string,
  input: EvidenceInput,
): Promise<CaseResult<EvidenceView>> {
  const checked = checkEvidenceFile(input.fileName, input.content);
  if (!checked.ok) return checked;
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  return db.transaction(async (tx) => {
    const locked = await lockCase(tx, platformId, caseId);
    if (locked === null) return caseFailure('unknown_case', `case ${caseId} not found`);
    const held = await tx.query<{ n: number; same: boolean }>(
      `SELECT count(*)::int AS n, bool_or(sha256 = $2) AS same FROM case_evidence WHERE case_id = $1`,
      [caseId, sha256],
    );
    if (held[0]?.same === true)
      return caseFailure('evidence_duplicate', `this file is already evidence of case ${caseId}`);
    if ((held[0]?.n ?? 0) >= EVIDENCE_FILES_PER_CASE_MAX)
      return caseFailure(
        'evidence_limit_reached',
        `a case keeps at most ${EVIDENCE_FILES_PER_CASE_MAX} files`,
      );
    const id = newId('evd');
    const rows = await tx.query(
      `INSERT INTO case_evidence (id, case_id, platform_id, file_name, media_type, size_bytes,
         sha256, content, description, added_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${EVIDENCE_COLUMNS}`,
      [
        id,
        caseId,
        platformId,
        input.fileName,
        checked.value.mediaType,
        input.content.length,
        sha256,
        Buffer.from(input.content),
        input.description ?? null,
        actor.id,
      ],
    );
    const view = evidenceView(rows[0] ?? {});
    await recordCaseChange(tx, {
      caseId,
      platformId,
      actor: actor.id,
      kind: 'evidence_added',
      detail: {
        evidenceId: id,
        fileName: input.fileName,
        mediaType: view.mediaType,
        sizeBytes: view.sizeBytes,
        sha256,
      },
    });
    return caseSuccess(view);
  });
}

const EVIDENCE_COLUMNS = `id, file_name, media_type, size_bytes, sha256, description, added_by, added_at`;

function evidenceView(row: Record<string, unknown>): EvidenceView {
  return {
    id: String(row.id),
    fileName: String(row.file_name),
    mediaType: String(row.media_type),
    sizeBytes: Number(row.size_bytes),
    sha256: String(row.sha256),
    description: (row.description as string | null) ?? null,
    addedBy: String(row.added_by),
    addedAt: new Date(row.added_at as Date).toISOString(),
  };
}

export async function listEvidence(tx: Queryable, caseId: string): Promise<EvidenceView[]> {
  const rows = await tx.query(
    `SELECT ${EVIDENCE_COLUMNS} FROM case_evidence WHERE case_id = $1 ORDER BY id`,
    [caseId],
  );
  return rows.map(evidenceView);
}

/** One evidence file with its bytes, re-hashed on the way out: a mismatch is never served. */
export async function readEvidence(
  db: Queryable,
  platformId: string,
  caseId: string,
  evidenceId: string,
): Promise<CaseResult<EvidenceView & { content: Buffer }>> {
  const rows = await db.query(
    `SELECT ${EVIDENCE_COLUMNS}, content FROM case_evidence
     WHERE id = $1 AND case_id = $2 AND platform_id = $3`,
    [evidenceId, caseId, platformId],
  );
  const row = rows[0];
  if (row === undefined) return caseFailure('unknown_evidence', `evidence ${evidenceId} not found`);
  const content = Buffer.from(row.content as Uint8Array);
  const view = evidenceView(row);
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (sha256 !== view.sha256) throw new Error(`evidence ${evidenceId} no longer matches its hash`);
  return caseSuccess({ ...view, content });
}
