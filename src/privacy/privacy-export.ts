import { createHash } from 'node:crypto';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import {
  ComplaintRefusal,
  refusable,
  type ComplaintResult,
} from '../complaints/complaint-error.js';
import { openText, sealText } from '../complaints/sealed-text.js';
import type { Database } from '../store/index.js';
import { buildExportBundle } from './export-bundle.js';
import { PRIVACY_LIMITS } from './privacy-limits.js';
import { closeRequest, lockOpenRequest } from './privacy-requests.js';

const location = (platformId: string, requestId: string) => ({
  table: 'privacy_requests',
  column: 'export',
  recordId: requestId,
  platformId,
});

/**
 * Answers an export request: the bundle is generated, sealed, stored with its SHA-256 and
 * kept for one download within `exportTtlMs`. The audit record names the hash and size only.
 */
export async function completeExport(
  db: Database,
  actor: string,
  platformId: string,
  requestId: string,
  nowMs = Date.now(),
): Promise<ComplaintResult<{ sha256: string; bytes: number; expiresAt: string }>> {
  return refusable(db, async (tx) => {
    const request = await lockOpenRequest(tx, platformId, requestId, 'export');
    const bundle = await buildExportBundle(tx, platformId, request.customer_id, nowMs);
    const text = JSON.stringify(bundle, null, 2);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > PRIVACY_LIMITS.exportBytesMax)
      throw new ComplaintRefusal({
        code: 'validation_failed',
        message: `the export would be ${bytes} bytes, above the ${PRIVACY_LIMITS.exportBytesMax} limit`,
      });
    const sha256 = createHash('sha256').update(text, 'utf8').digest();
    const sealed = await sealText(
      tx,
      location(platformId, requestId),
      text,
      PRIVACY_LIMITS.exportChunksMax,
    );
    const expiresAt = new Date(nowMs + PRIVACY_LIMITS.exportTtlMs);
    await tx.query(
      `UPDATE privacy_requests SET export_sha256 = $2, export_bytes = $3, export_sealed = $4,
         export_expires_at = $5 WHERE id = $1`,
      [requestId, sha256, bytes, sealed, expiresAt],
    );
    const answer = {
      exported: true,
      sha256: sha256.toString('hex'),
      bytes,
      sections: Object.keys(bundle).filter((key) => Array.isArray(bundle[key])),
      expiresAt: expiresAt.toISOString(),
    };
    await closeRequest(tx, requestId, 'completed', actor, answer, nowMs);
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: 'privacy_request.exported',
        subjectType: 'privacy_request',
        subjectId: requestId,
        payload: answer,
        atMs: nowMs,
      },
    ]);
    return { sha256: answer.sha256, bytes, expiresAt: answer.expiresAt };
  });
}

/**
 * Hands the export over once: the sealed copy is erased in the same transaction, so a second
 * download (or one after expiry) finds nothing. The content's hash is checked before it leaves.
 */
export async function downloadExport(
  db: Database,
  actor: string,
  platformId: string,
  requestId: string,
  options: { customerId?: string; nowMs?: number } = {},
): Promise<ComplaintResult<{ content: string; sha256: string }>> {
  const nowMs = options.nowMs ?? Date.now();
  return refusable(db, async (tx) => {
    const rows = await tx.query<{
      customer_id: string;
      export_sha256: Buffer | null;
      export_sealed: string[] | null;
      export_expires_at: Date | null;
      export_downloaded_at: Date | null;
    }>(
      `SELECT customer_id, export_sha256, export_sealed, export_expires_at, export_downloaded_at
       FROM privacy_requests WHERE id = $1 AND platform_id = $2 AND kind = 'export' FOR UPDATE`,
      [requestId, platformId],
    );
    const row = rows[0];
    if (
      row === undefined ||
      (options.customerId !== undefined && row.customer_id !== options.customerId)
    )
      throw new ComplaintRefusal({
        code: 'unknown_privacy_request',
        message: `export ${requestId} not found`,
      });
    if (row.export_sealed === null || row.export_sha256 === null)
      throw new ComplaintRefusal({
        code: 'export_not_available',
        message:
          row.export_downloaded_at === null
            ? `export ${requestId} is not ready or has expired`
            : `export ${requestId} was downloaded at ${new Date(row.export_downloaded_at).toISOString()}; request a new one`,
      });
    if (row.export_expires_at !== null && new Date(row.export_expires_at).getTime() <= nowMs)
      throw new ComplaintRefusal({
        code: 'export_not_available',
        message: `export ${requestId} has expired`,
      });
    const content = await openText(tx, location(platformId, requestId), row.export_sealed);
    const sha256 = createHash('sha256').update(content, 'utf8').digest();
    if (!sha256.equals(Buffer.from(row.export_sha256)))
      throw new Error(`export ${requestId}: content does not match its stored hash`);
    await tx.query(
      `UPDATE privacy_requests SET export_sealed = NULL, export_downloaded_at = $2,
         export_downloaded_by = $3 WHERE id = $1`,
      [requestId, new Date(nowMs), actor],
    );
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: 'privacy_request.export_downloaded',
        subjectType: 'privacy_request',
        subjectId: requestId,
        payload: { sha256: sha256.toString('hex') },
        atMs: nowMs,
      },
    ]);
    return { content, sha256: sha256.toString('hex') };
  });
}
