import { ApprovalExecutionRefused, openApproval, type ApprovalRow } from '../approvals/index.js';
import { assert } from '../assert.js';
import type { Principal } from '../security/index.js';
import type { Database, Queryable } from '../store/index.js';
import { caseSuccess, type CaseResult } from './case-error.js';
import { recordCaseChange } from './case-change.js';
import { lockCase, type LockedCase } from './case-row.js';
import { applyCaseCommand, closeNeedsSecondPerson, type Disposition } from './case-state.js';
import { lockOpenCase } from './case-work.js';

export const CASE_CLOSE_ACTION = 'case.close' as const;
const APPROVAL_REASON_CHARS_MAX = 500;

export type CloseOutcome =
  | { caseId: string; status: 'closed' }
  | { caseId: string; status: 'awaiting_approval'; approvalId: string };

function checkClose(
  locked: LockedCase,
  disposition: string,
  reason: string,
): CaseResult<{ disposition: Disposition; reason: string }> {
  const view = locked.view;
  const next = applyCaseCommand(
    { state: view.state, disposition: view.disposition, closeReason: view.closeReason },
    { kind: 'close', disposition, reason },
  );
  if (!next.ok) return next;
  assert(next.value.disposition !== null && next.value.closeReason !== null, 'closed has both');
  return caseSuccess({ disposition: next.value.disposition, reason: next.value.closeReason });
}

/**
 * Closes a case with a disposition and a written reason. High and critical cases, and every
 * `confirmed_reported` decision, are four-eyes: this opens a `case.close` approval request and
 * the case closes when a different person approves it (`executeCaseClose`).
 */
export async function closeCase(
  db: Database,
  actor: Principal,
  platformId: string,
  caseId: string,
  input: { disposition: string; reason: string },
): Promise<CaseResult<CloseOutcome>> {
  return db.transaction(async (tx) => {
    const locked = await lockOpenCase(tx, platformId, caseId);
    if (!locked.ok) return locked;
    const checked = checkClose(locked.value, input.disposition, input.reason);
    if (!checked.ok) return checked;
    const { disposition, reason } = checked.value;
    if (!closeNeedsSecondPerson(locked.value.view.severity, disposition)) {
      await finishClose(tx, locked.value, {
        disposition,
        reason,
        closedBy: actor.id,
        approvedBy: null,
      });
      return caseSuccess({ caseId, status: 'closed' as const });
    }
    const approvalId = await openApproval(tx, actor, {
      platformId,
      action: CASE_CLOSE_ACTION,
      payload: { caseId, disposition, reason },
      reason: reason.slice(0, APPROVAL_REASON_CHARS_MAX),
    });
    await tx.query('UPDATE cases SET close_approval_id = $2, updated_at = now() WHERE id = $1', [
      caseId,
      approvalId,
    ]);
    await recordCaseChange(tx, {
      caseId,
      platformId,
      actor: actor.id,
      kind: 'close_requested',
      detail: { approvalId, disposition, reason, severity: locked.value.view.severity },
      notify: 'case.close_requested',
    });
    return caseSuccess({ caseId, status: 'awaiting_approval' as const, approvalId });
  });
}

async function finishClose(
  tx: Queryable,
  locked: LockedCase,
  close: { disposition: Disposition; reason: string; closedBy: string; approvedBy: string | null },
): Promise<void> {
  const { id, platformId } = locked.view;
  await tx.query(
    `UPDATE cases SET state = 'closed', disposition = $2, close_reason = $3, closed_by = $4,
       close_approved_by = $5, closed_at = now(), triaged_at = COALESCE(triaged_at, now()),
       updated_at = now()
     WHERE id = $1`,
    [id, close.disposition, close.reason, close.closedBy, close.approvedBy],
  );
  await recordCaseChange(tx, {
    caseId: id,
    platformId,
    actor: close.approvedBy ?? close.closedBy,
    kind: 'closed',
    detail: {
      from: locked.view.state,
      disposition: close.disposition,
      reason: close.reason,
      closedBy: close.closedBy,
      approvedBy: close.approvedBy,
    },
    notify: 'case.closed',
  });
}

/**
 * Executor of an approved `case.close` request, run inside `decideApproval`'s transaction.
 * The case must still be the one the request was made for (not closed meanwhile, and this
 * request still the one recorded on it); otherwise the decision is refused and rolled back.
 */
export async function executeCaseClose(
  tx: Queryable,
  approval: ApprovalRow,
  decider: Principal,
): Promise<void> {
  const platformId = approval.platform_id;
  assert(platformId !== null, 'a case.close request names its platform');
  const caseId = String(approval.payload.caseId);
  const locked = await lockCase(tx, platformId, caseId);
  if (locked === null) {
    throw new ApprovalExecutionRefused({
      code: 'invalid_state',
      message: `case ${caseId} is gone`,
    });
  }
  const rows = await tx.query<{ close_approval_id: string | null }>(
    'SELECT close_approval_id FROM cases WHERE id = $1',
    [caseId],
  );
  if (rows[0]?.close_approval_id !== approval.id) {
    throw new ApprovalExecutionRefused({
      code: 'invalid_state',
      message: `case ${caseId} is no longer waiting for this request`,
    });
  }
  const checked = checkClose(
    locked,
    String(approval.payload.disposition),
    String(approval.payload.reason),
  );
  if (!checked.ok) {
    throw new ApprovalExecutionRefused({ code: 'invalid_state', message: checked.error.message });
  }
  await finishClose(tx, locked, {
    ...checked.value,
    closedBy: approval.requested_by,
    approvedBy: decider.id,
  });
}
