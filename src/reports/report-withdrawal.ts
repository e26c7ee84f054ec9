import { appendAuditRecords, type AuditRecordInput } from '../audit/audit-record-store.js';
import { assert } from '../assert.js';
import { failure, success, type CustodyError, type Result } from '../custody/index.js';
import type { Principal } from '../security/index.js';
import type { Database, Queryable } from '../store/index.js';
import { REPORT_LIMITS } from './report-limits.js';
import { findReport, type ReportView } from './report-store.js';

export interface ReportWithdrawal {
  reportId: string;
  withdrawnBy: string;
  withdrawnAt: string;
  /** The submission request closed by the withdrawal, if one was awaiting approval. */
  closedApprovalId: string | null;
}

/**
 * Why a report cannot be withdrawn, or null when it can: only a suspicious transaction report
 * that was never approved (a draft, possibly awaiting approval of its submission request).
 */
export function withdrawalRefusal(
  report: Pick<ReportView, 'kind' | 'status'>,
): CustodyError | null {
  const detail = { field: 'reportId', status: report.status };
  if (report.kind !== 'str')
    return {
      code: 'invalid_state',
      message: 'a large-value report is not withdrawn: its day is run again instead',
      detail,
    };
  if (report.status === 'withdrawn')
    return { code: 'invalid_state', message: 'the report is already withdrawn', detail };
  if (report.status !== 'draft')
    return {
      code: 'invalid_state',
      message:
        `the report is ${report.status}: only a report never approved is withdrawn` +
        (report.status === 'submitted' ? ' (file a deletion follow-up instead)' : ''),
      detail,
    };
  return null;
}

/** The submission request was replaced between reading the report and locking it. */
const REQUEST_REPLACED = Symbol('request replaced');

/**
 * Withdraws a suspicious transaction report started by mistake: a draft, or one whose
 * submission request still awaits approval. The report is kept with who, when and why, is no
 * longer the open follow-up of its original (a new one can be started) and is never overdue.
 * A submission request still open is closed as expired in the same transaction, so it can no
 * longer be approved; were it approved anyway, `executeReportSubmit` refuses a report that is
 * not a draft. Approved and submitted reports are refused (`invalid_state`).
 */
export async function withdrawReport(
  db: Database,
  actor: Principal,
  platformId: string,
  reportId: string,
  reason: string,
): Promise<Result<ReportWithdrawal>> {
  if (reason.length === 0 || reason.length > REPORT_LIMITS.withdrawalReasonCharsMax)
    return failure(
      'validation_failed',
      `a withdrawal needs a reason of at most ${REPORT_LIMITS.withdrawalReasonCharsMax} characters`,
      { field: 'reason' },
    );
  for (let attempt = 1; attempt <= REPORT_LIMITS.withdrawalAttemptsMax; attempt += 1) {
    const outcome = await db.transaction((tx) =>
      withdrawOnce(tx, actor, platformId, reportId, reason),
    );
    if (outcome !== REQUEST_REPLACED) return outcome;
  }
  return failure('invalid_state', 'submission of the report kept being requested: try again', {
    field: 'reportId',
  });
}

async function withdrawOnce(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  reportId: string,
  reason: string,
): Promise<Result<ReportWithdrawal> | typeof REQUEST_REPLACED> {
  const seen = await findReport(tx, platformId, reportId);
  if (seen === null) return failure('not_found', `report ${reportId} not found`);
  // The deciding path locks the approval, then the report (executeReportSubmit): taking them
  // in the same order means a withdrawal and an approval of the same request never deadlock.
  if (seen.submitApprovalId !== null)
    await tx.query('SELECT id FROM approvals WHERE id = $1 FOR UPDATE', [seen.submitApprovalId]);
  const report = await findReport(tx, platformId, reportId, true);
  assert(report !== null, 'reports are never deleted');
  // A submission request made in between: start again, locking its approval first.
  if (report.submitApprovalId !== seen.submitApprovalId) return REQUEST_REPLACED;
  const refusal = withdrawalRefusal(report);
  if (refusal !== null) return { ok: false, error: refusal };
  const closedApprovalId = await closeSubmissionRequest(tx, report, reason);
  const rows = await tx.query<{ withdrawn_at: Date }>(
    `UPDATE reports SET status = 'withdrawn', withdrawn_by = $2, withdrawn_at = now(),
       withdrawal_reason = $3, updated_at = now()
     WHERE id = $1 AND status = 'draft' RETURNING withdrawn_at`,
    [report.id, actor.id, reason],
  );
  assert(rows.length === 1, 'the locked draft is withdrawn once');
  const withdrawnAt = new Date(rows[0]?.withdrawn_at ?? Date.now()).toISOString();
  await appendAuditRecords(tx, withdrawalAudit(actor, report, reason, closedApprovalId));
  return success({ reportId: report.id, withdrawnBy: actor.id, withdrawnAt, closedApprovalId });
}

/**
 * Closes the report's open submission request as expired (as a revoked key's activation
 * request is): nobody decided it, and it can no longer be decided. The withdrawal is its
 * recorded reason. Answers the closed request's id, or null when none was open.
 */
async function closeSubmissionRequest(
  tx: Queryable,
  report: ReportView,
  reason: string,
): Promise<string | null> {
  if (report.submitApprovalId === null) return null;
  const rows = await tx.query<{ id: string }>(
    `UPDATE approvals SET status = 'expired', decided_at = now(), decision_reason = $2
     WHERE id = $1 AND action = 'report.submit' AND status = 'open' RETURNING id`,
    [report.submitApprovalId, `report withdrawn: ${reason}`],
  );
  return rows[0]?.id ?? null;
}

function withdrawalAudit(
  actor: Principal,
  report: ReportView,
  reason: string,
  closedApprovalId: string | null,
): AuditRecordInput[] {
  const atMs = Date.now();
  const withdrawn: AuditRecordInput = {
    platformId: report.platformId,
    actor: actor.id,
    action: 'report.withdrawn',
    subjectType: 'report',
    subjectId: report.id,
    payload: {
      reason,
      version: report.currentVersion,
      purpose: report.purpose,
      originalReportId: report.originalReportId,
      closedApprovalId,
    },
    atMs,
  };
  if (closedApprovalId === null) return [withdrawn];
  const closed: AuditRecordInput = {
    platformId: report.platformId,
    actor: actor.id,
    action: 'approval.expired',
    subjectType: 'approval',
    subjectId: closedApprovalId,
    payload: { action: 'report.submit', reportId: report.id, reason: 'report withdrawn' },
    atMs,
  };
  return [withdrawn, closed];
}
