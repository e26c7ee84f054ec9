import { appendAuditRecords } from '../audit/audit-record-store.js';
import { assert } from '../assert.js';
import { failure, success, type Result } from '../custody/errors.js';
import type { Principal } from '../security/index.js';
import { roleHasPermission } from '../security/permissions.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import {
  APPROVAL_ACTIONS,
  APPROVAL_LIFETIME_MS,
  APPROVAL_REASON_LENGTH_MAX,
  isApprovalAction,
  type ApprovalAction,
  type ApprovalRow,
} from './approval-actions.js';
import { ApprovalExecutionRefused } from './approval-execution-refused.js';
import { approvalExecutor } from './approval-executors.js';

export interface ApprovalRequest {
  platformId: string | null;
  action: ApprovalAction;
  payload: Record<string, unknown>;
  reason: string;
}

/** Opens a four-eyes request in the caller's transaction; returns its id. */
export async function openApproval(
  tx: Queryable,
  requester: { id: string },
  request: ApprovalRequest,
): Promise<string> {
  assert(isApprovalAction(request.action), `unknown approval action ${request.action}`);
  assert(
    approvalExecutor(request.action) !== undefined,
    `approval action ${request.action} has no executor in this build`,
  );
  assert(request.reason.length <= APPROVAL_REASON_LENGTH_MAX, 'approval reason too long');
  const approvalId = newId('apr');
  await tx.query(
    `INSERT INTO approvals
       (id, platform_id, action, payload, reason, requested_by, expires_at, decider_permission)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      approvalId,
      request.platformId,
      request.action,
      JSON.stringify(request.payload),
      request.reason,
      requester.id,
      new Date(Date.now() + APPROVAL_LIFETIME_MS),
      APPROVAL_ACTIONS[request.action],
    ],
  );
  await appendAuditRecords(tx, [
    {
      platformId: request.platformId,
      actor: requester.id,
      action: 'approval.requested',
      subjectType: 'approval',
      subjectId: approvalId,
      payload: { action: request.action, payload: request.payload, reason: request.reason },
      atMs: Date.now(),
    },
  ]);
  return approvalId;
}

/**
 * Decides a request. The decider must hold the action's permission, must not be the requester
 * (the database refuses that too), and an expired request can no longer be decided. Approving
 * runs the action's executor in the same transaction: the decision and its effect commit
 * together or not at all.
 */
export async function decideApproval(
  db: Database,
  decider: Principal,
  approvalId: string,
  decision: 'approve' | 'reject',
  reason: string,
): Promise<Result<{ approvalId: string; status: 'approved' | 'rejected' }>> {
  if (reason.length === 0 || reason.length > APPROVAL_REASON_LENGTH_MAX)
    return failure('validation_failed', 'a decision needs a reason of at most 500 characters');
  try {
    return await decideInTransaction(db, decider, approvalId, decision, reason);
  } catch (error) {
    if (error instanceof ApprovalExecutionRefused) return { ok: false, error: error.error };
    throw error;
  }
}

async function decideInTransaction(
  db: Database,
  decider: Principal,
  approvalId: string,
  decision: 'approve' | 'reject',
  reason: string,
): Promise<Result<{ approvalId: string; status: 'approved' | 'rejected' }>> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<ApprovalRow & { status: string; expires_at: Date }>(
      `SELECT id, platform_id, action, payload, reason, requested_by, status, expires_at
       FROM approvals WHERE id = $1 FOR UPDATE`,
      [approvalId],
    );
    const approval = rows[0];
    if (approval === undefined)
      return failure('unknown_approval', `approval ${approvalId} not found`);
    if (!isApprovalAction(approval.action))
      return failure('invalid_state', `approval action ${approval.action} is not known`);
    if (!roleHasPermission(decider.role, APPROVAL_ACTIONS[approval.action]))
      return failure(
        'forbidden',
        `deciding ${approval.action} needs ${APPROVAL_ACTIONS[approval.action]}`,
      );
    if (approval.status !== 'open')
      return failure('invalid_state', `approval is ${approval.status}`);
    if (approval.requested_by === decider.id)
      return failure('self_approval', 'the requester cannot decide it');
    if (new Date(approval.expires_at).getTime() <= Date.now()) {
      await tx.query(`UPDATE approvals SET status = 'expired' WHERE id = $1`, [approvalId]);
      await appendAuditRecords(tx, [
        {
          platformId: approval.platform_id,
          actor: 'system',
          action: 'approval.expired',
          subjectType: 'approval',
          subjectId: approvalId,
          payload: { action: approval.action },
          atMs: Date.now(),
        },
      ]);
      return failure('approval_expired', 'the approval request has expired');
    }
    const status = decision === 'approve' ? 'approved' : 'rejected';
    if (status === 'approved') {
      const execute = approvalExecutor(approval.action);
      assert(execute !== undefined, `no executor registered for ${approval.action}`);
      await execute(tx, approval, decider);
    }
    await tx.query(
      `UPDATE approvals SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now() WHERE id = $1`,
      [approvalId, status, decider.id, reason],
    );
    await appendAuditRecords(tx, [
      {
        platformId: approval.platform_id,
        actor: decider.id,
        action: `approval.${status}`,
        subjectType: 'approval',
        subjectId: approvalId,
        payload: { action: approval.action, payload: approval.payload, reason },
        atMs: Date.now(),
      },
    ]);
    return success({ approvalId, status });
  });
}

/** Marks open requests past their expiry as expired; returns how many. */
export async function expireApprovals(db: Queryable, nowMs: number): Promise<number> {
  const rows = await db.query(
    `UPDATE approvals SET status = 'expired' WHERE status = 'open' AND expires_at <= $1 RETURNING id`,
    [new Date(nowMs)],
  );
  return rows.length;
}
