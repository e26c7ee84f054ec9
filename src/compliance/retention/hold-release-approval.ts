import { z } from 'zod';
import { ApprovalExecutionRefused, openApproval, type ApprovalRow } from '../../approvals/index.js';
import { failure, success, type Result } from '../../custody/errors.js';
import type { Principal } from '../../security/index.js';
import type { Queryable } from '../../store/index.js';
import {
  holdReasonIssue,
  lockActiveHold,
  openReleaseRequestsOf,
  releaseRetentionHold,
  RETENTION_HOLD_SUBJECTS,
  type RetentionHoldSubject,
} from './retention-holds.js';

export interface HoldReleaseRequest {
  approvalId: string;
  holdId: string;
  subjectType: RetentionHoldSubject;
  subjectId: string;
}

const PayloadSchema = z.object({
  holdId: z.string().min(1).max(64),
  subjectType: z.enum(RETENTION_HOLD_SUBJECTS),
  subjectId: z.string().min(1).max(64),
});

/**
 * Asks to release an active hold, in the caller's transaction: a second person with
 * `compliance.write` must approve (`retention.hold_release`), since a release lets the daily
 * job destroy what the hold kept. The hold stays active until then. Refused for an unknown or
 * released hold, a reason out of bounds, or while another request to release it is open (it is
 * named).
 */
export async function requestHoldRelease(
  tx: Queryable,
  actor: Pick<Principal, 'id'>,
  platformId: string,
  holdId: string,
  reason: string,
): Promise<Result<HoldReleaseRequest>> {
  const issue = holdReasonIssue(reason);
  if (issue !== null) return failure('validation_failed', issue);
  // The hold's row lock serializes two requests for the same hold.
  const locked = await lockActiveHold(tx, platformId, holdId);
  if (!locked.ok) return locked;
  const open = await tx.query<{ id: string }>(
    `SELECT a.id FROM ${openReleaseRequestsOf('$1', '$2')} LIMIT 1`,
    [holdId, platformId],
  );
  if (open[0] !== undefined)
    return failure(
      'duplicate',
      `a request to release ${holdId} (${open[0].id}) is awaiting a decision`,
    );
  const { subjectType, subjectId } = locked.value;
  const approvalId = await openApproval(tx, actor, {
    platformId,
    action: 'retention.hold_release',
    payload: { holdId, subjectType, subjectId },
    reason: reason.trim(),
  });
  return success({ approvalId, holdId, subjectType, subjectId });
}

/**
 * The 'retention.hold_release' executor: records the release under the requester's name and
 * reason in the deciding transaction. Refused (nothing changes) when the hold was released
 * meanwhile.
 */
export async function executeHoldRelease(
  tx: Queryable,
  approval: ApprovalRow,
  decider: Principal,
): Promise<void> {
  const payload = PayloadSchema.parse(approval.payload);
  const platformId = approval.platform_id;
  if (platformId === null)
    throw new ApprovalExecutionRefused({
      code: 'invalid_state',
      message: 'a hold release names its platform',
    });
  const released = await releaseRetentionHold(tx, platformId, payload.holdId, {
    id: approval.id,
    requestedBy: approval.requested_by,
    reason: approval.reason,
    approvedBy: decider.id,
  });
  if (!released.ok) throw new ApprovalExecutionRefused(released.error);
}
