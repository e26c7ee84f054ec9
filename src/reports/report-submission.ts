import { z } from 'zod';
import { ApprovalExecutionRefused, openApproval, type ApprovalRow } from '../approvals/index.js';
import { shareVault } from '../complaints/sealed-text.js';
import { failure, success, type Result } from '../custody/index.js';
import { personalDataVaultOf, type Principal } from '../security/index.js';
import type { Database, Queryable } from '../store/index.js';
import { exportReportCamlmac } from './camlmac/camlmac-export.js';
import {
  camlmacMismatch,
  camlmacOutcomeOf,
  camlmacSummaryOf,
  storeCamlmacOutcome,
  type CamlmacSummary,
} from './camlmac/camlmac-files.js';
import { exportReportXml } from './report-export.js';
import { findReportFile, storeReportFile } from './report-files.js';
import { findReport, reportAudit } from './report-store.js';
import { hasOpenSubmission } from './str-reports.js';

const SubmitPayloadSchema = z.object({
  reportId: z.string(),
  version: z.number().int().min(1),
  sha256: z.string(),
  /** Absent from requests made before migration 0022, which stored no CAMLMAC outcome. */
  camlmac: z
    .union([
      z.object({ sha256: z.string(), fileName: z.string() }),
      z.object({ missingFields: z.array(z.string()) }),
    ])
    .optional(),
});

/**
 * Asks for a report to be approved for submission. The current version must export cleanly in
 * goAML (no missing mandatory field); a different person holding compliance.write decides. The
 * goAML file is rendered here, once, dated now, and stored sealed: the approval's payload names
 * its SHA-256, and it is what the approver decides on and what the export returns once
 * approved. The CAMLMAC file is rendered and stored beside it, dated the same, with its own
 * SHA-256 in the payload; a version CAMLMAC cannot render (a mandatory CAMLMAC field missing)
 * is not refused, since goAML alone can be filed: the payload names the missing fields instead,
 * and no CAMLMAC file is put up for approval.
 */
export async function requestReportSubmission(
  db: Database,
  actor: Principal,
  platformId: string,
  reportId: string,
  reason: string,
): Promise<Result<{ approvalId: string; version: number; camlmac: CamlmacSummary }>> {
  const vault = personalDataVaultOf(db);
  return db.transaction(async (tx) => {
    shareVault(db, tx);
    const report = await findReport(tx, platformId, reportId, true);
    if (report === null) return failure('not_found', `report ${reportId} not found`);
    if (report.status !== 'draft') return failure('invalid_state', `report is ${report.status}`);
    if (await hasOpenSubmission(tx, report.submitApprovalId))
      return failure('invalid_state', 'submission is already awaiting approval');
    const version = report.currentVersion;
    // Both files carry the same report date: the moment of the request.
    const rendering = { version, vault, fresh: true, nowMs: Date.now() };
    const exported = await exportReportXml(tx, platformId, reportId, rendering);
    if (!exported.ok) return exported;
    const outcome = camlmacOutcomeOf(
      await exportReportCamlmac(tx, platformId, reportId, rendering),
    );
    if (!outcome.ok) return outcome;
    const camlmac = camlmacSummaryOf(outcome.value);
    const { sha256, fileName, reportCode, xml } = exported.value;
    const approvalId = await openApproval(tx, actor, {
      platformId,
      action: 'report.submit',
      payload: { reportId, version, sha256, fileName, camlmac },
      reason,
    });
    await storeReportFile(
      tx,
      platformId,
      { approvalId, reportId, version, reportCode, fileName, sha256, xml },
      actor.id,
    );
    const request = { approvalId, reportId, version };
    await storeCamlmacOutcome(tx, platformId, request, outcome.value, actor.id);
    await tx.query(
      `UPDATE reports SET submit_approval_id = $2, submit_requested_by = $3, updated_at = now()
       WHERE id = $1`,
      [reportId, approvalId, actor.id],
    );
    await reportAudit(tx, actor.id, platformId, 'report.submission_requested', reportId, {
      approvalId,
      version,
      fileName,
      sha256,
      camlmac,
    });
    return success({ approvalId, version, camlmac });
  });
}

function refuse(message: string): never {
  throw new ApprovalExecutionRefused({ code: 'invalid_state', message });
}

/**
 * The 'report.submit' executor: runs in the deciding transaction and approves exactly the
 * version and the stored files that were asked for. A report edited or approved since is
 * refused, and so is a request without a stored file of the hash its payload names (goAML, and
 * CAMLMAC for a request made since migration 0022). Pointing `approved_file_id` at the request
 * promotes both files: the CAMLMAC row is keyed by the same request.
 */
export async function executeReportSubmit(
  tx: Queryable,
  approval: ApprovalRow,
  decider: Principal,
): Promise<void> {
  const payload = SubmitPayloadSchema.parse(approval.payload);
  if (approval.platform_id === null) refuse('a report approval names its platform');
  const report = await findReport(tx, approval.platform_id, payload.reportId, true);
  if (report === null) refuse(`report ${payload.reportId} not found`);
  if (report.status !== 'draft') refuse(`report is ${report.status}`);
  if (report.submitApprovalId !== approval.id) refuse('a newer submission request replaced this');
  if (report.currentVersion !== payload.version) refuse('the report changed after the request');
  const file = await findReportFile(tx, report.platformId, approval.id);
  if (file === null) refuse('the request has no stored file: reject it and ask again');
  // The retention run leaves a request awaiting its decision alone; one expired meanwhile not.
  if (file.purge !== null)
    refuse('the stored file was purged under the retention policy: reject it and ask again');
  if (
    file.reportId !== report.id ||
    file.version !== payload.version ||
    file.sha256 !== payload.sha256
  )
    refuse('the stored file is not the one the request names');
  const camlmacRefusal = await camlmacMismatch(tx, report.platformId, approval.id, payload);
  if (camlmacRefusal !== null) refuse(camlmacRefusal);
  await tx.query(
    `UPDATE reports SET status = 'approved', approved_by = $2, approved_version = $3,
       approved_at = now(), approved_file_id = $4, submit_approval_id = NULL, updated_at = now()
     WHERE id = $1`,
    [report.id, decider.id, payload.version, approval.id],
  );
  await reportAudit(tx, decider.id, report.platformId, 'report.approved', report.id, {
    approvalId: approval.id,
    version: payload.version,
    requestedBy: approval.requested_by,
    fileName: file.fileName,
    sha256: file.sha256,
    // Null for a request made before migration 0022: no CAMLMAC file was stored then.
    camlmac: payload.camlmac ?? null,
  });
}

/**
 * Records that an approved report was filed with the FIU (goAML web or CAMLMAC), with the
 * FIU's reference when it gives one. A case's STR draft is marked filed with it.
 */
export async function markReportSubmitted(
  db: Database,
  actor: Principal,
  platformId: string,
  reportId: string,
  fiuRefNumber: string | null,
): Promise<Result<{ submittedAt: string }>> {
  return db.transaction(async (tx) => {
    const report = await findReport(tx, platformId, reportId, true);
    if (report === null) return failure('not_found', `report ${reportId} not found`);
    if (report.status !== 'approved')
      return failure(
        'invalid_state',
        `only an approved report is submitted (it is ${report.status})`,
      );
    const rows = await tx.query<{ submitted_at: Date }>(
      `UPDATE reports SET status = 'submitted', submitted_by = $2, submitted_at = now(),
         fiu_ref_number = $3, updated_at = now()
       WHERE id = $1 RETURNING submitted_at`,
      [reportId, actor.id, fiuRefNumber],
    );
    if (report.strDraftId !== null)
      await tx.query(`UPDATE str_drafts SET status = 'filed', updated_at = now() WHERE id = $1`, [
        report.strDraftId,
      ]);
    await reportAudit(tx, actor.id, platformId, 'report.submitted', reportId, {
      version: report.approvedVersion,
      sha256: report.approvedSha256,
      camlmacSha256: report.approvedCamlmacSha256,
      fiuRefNumber,
    });
    return success({ submittedAt: new Date(rows[0]?.submitted_at ?? Date.now()).toISOString() });
  });
}
