import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Principal } from '../security/index.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { failure, success, type Result } from './errors.js';
import type { FreezeScope } from './decide-batch.js';
import { audit } from './platform-ops.js';
import { executeReconAdjustment, RECON_ADJUST_ACTION } from '../recon/books/index.js';

export const FREEZE_REASON_CODES = [
  'suspected_fraud',
  'aml_investigation',
  'court_order',
  'regulator_request',
  'customer_request',
  'deceased',
  'sanctions_hit',
  'misappropriation_risk',
  'other',
] as const;
export type FreezeReasonCode = (typeof FREEZE_REASON_CODES)[number];
export const APPROVAL_LIFETIME_MS = 72 * 60 * 60 * 1000;

export interface FreezeInput {
  customerId?: string;
  accountId?: string;
  scope: FreezeScope;
  reasonCode: FreezeReasonCode;
  note?: string;
  caseRef?: string;
}

/**
 * Freezes a customer or one account. The target's account rows are locked first, so a freeze
 * and a batch of postings serialize: no posting decided before the freeze commits after it.
 */
export async function createFreeze(
  db: Database,
  actor: Principal,
  platformId: string,
  input: FreezeInput,
): Promise<Result<{ freezeId: string }>> {
  if ((input.customerId === undefined) === (input.accountId === undefined)) {
    return failure('validation_failed', 'name exactly one of customerId and accountId');
  }
  const freezeId = newId('frz');
  return db.transaction(async (tx) => {
    const locked = await tx.query(
      `SELECT id FROM accounts WHERE platform_id = $1 AND (id = $2 OR customer_id = $3)
       ORDER BY id FOR UPDATE`,
      [platformId, input.accountId ?? null, input.customerId ?? null],
    );
    if (input.accountId !== undefined && locked.length === 0) {
      return failure('unknown_account', `account ${input.accountId} not found`);
    }
    if (input.customerId !== undefined) {
      const found = await tx.query('SELECT 1 FROM customers WHERE id = $1 AND platform_id = $2', [
        input.customerId,
        platformId,
      ]);
      if (found.length === 0)
        return failure('unknown_customer', `customer ${input.customerId} not found`);
    }
    await tx.query(
      `INSERT INTO freezes (id, platform_id, customer_id, account_id, scope, reason_code, note, case_ref, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        freezeId,
        platformId,
        input.customerId ?? null,
        input.accountId ?? null,
        input.scope,
        input.reasonCode,
        input.note ?? null,
        input.caseRef ?? null,
        actor.id,
      ],
    );
    await appendAuditRecords(tx, [
      audit(actor, platformId, 'freeze.created', 'freeze', freezeId, { ...input }),
    ]);
    return success({ freezeId });
  });
}

/** Lifting a freeze is never one person's decision: it opens an approval request. */
export async function requestFreezeLift(
  db: Database,
  actor: Principal,
  platformId: string,
  freezeId: string,
  reason: string,
): Promise<Result<{ approvalId: string }>> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ lifted_at: unknown }>(
      'SELECT lifted_at FROM freezes WHERE id = $1 AND platform_id = $2 FOR UPDATE',
      [freezeId, platformId],
    );
    const freeze = rows[0];
    if (freeze === undefined) return failure('unknown_freeze', `freeze ${freezeId} not found`);
    if (freeze.lifted_at !== null) return failure('invalid_state', 'the freeze was already lifted');
    const open = await tx.query(
      `SELECT id FROM approvals WHERE action = 'freeze.lift' AND status = 'open'
       AND payload->>'freezeId' = $1 AND expires_at > now()`,
      [freezeId],
    );
    if (open.length > 0)
      return failure('duplicate', 'a request to lift this freeze is already open');
    const approvalId = await openApproval(
      tx,
      actor,
      platformId,
      'freeze.lift',
      { freezeId },
      reason,
    );
    return success({ approvalId });
  });
}

export async function openApproval(
  tx: Queryable,
  actor: Principal,
  platformId: string | null,
  action: string,
  payload: Record<string, unknown>,
  reason: string,
): Promise<string> {
  const approvalId = newId('apr');
  await tx.query(
    `INSERT INTO approvals (id, platform_id, action, payload, reason, requested_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      approvalId,
      platformId,
      action,
      JSON.stringify(payload),
      reason,
      actor.id,
      new Date(Date.now() + APPROVAL_LIFETIME_MS),
    ],
  );
  await appendAuditRecords(tx, [
    audit(actor, platformId, 'approval.requested', 'approval', approvalId, {
      action,
      payload,
      reason,
    }),
  ]);
  return approvalId;
}

/**
 * Decides an approval request. The decider must be staff and must not be the requester (the
 * database refuses that too); an expired request can no longer be approved.
 */
export async function decideApproval(
  db: Database,
  actor: Principal,
  approvalId: string,
  decision: 'approve' | 'reject',
  reason: string,
): Promise<Result<{ approvalId: string; status: 'approved' | 'rejected' }>> {
  if (actor.kind !== 'staff') return failure('forbidden', 'only staff decide approval requests');
  return db.transaction(async (tx) => {
    const rows = await tx.query<{
      platform_id: string | null;
      action: string;
      payload: Record<string, unknown>;
      requested_by: string;
      status: string;
      expires_at: Date;
    }>(
      'SELECT platform_id, action, payload, requested_by, status, expires_at FROM approvals WHERE id = $1 FOR UPDATE',
      [approvalId],
    );
    const approval = rows[0];
    if (approval === undefined)
      return failure('unknown_approval', `approval ${approvalId} not found`);
    if (approval.status !== 'open')
      return failure('invalid_state', `approval is ${approval.status}`);
    if (approval.requested_by === actor.id)
      return failure('self_approval', 'the requester cannot decide it');
    if (new Date(approval.expires_at).getTime() <= Date.now()) {
      await tx.query(`UPDATE approvals SET status = 'expired' WHERE id = $1`, [approvalId]);
      return failure('approval_expired', 'the approval request has expired');
    }
    const status = decision === 'approve' ? 'approved' : 'rejected';
    if (status === 'approved') await executeApproved(tx, approval, actor);
    await tx.query(
      `UPDATE approvals SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now() WHERE id = $1`,
      [approvalId, status, actor.id, reason],
    );
    await appendAuditRecords(tx, [
      audit(actor, approval.platform_id, `approval.${status}`, 'approval', approvalId, {
        action: approval.action,
        payload: approval.payload,
        reason,
      }),
    ]);
    return success({ approvalId, status });
  });
}

async function executeApproved(
  tx: Queryable,
  approval: {
    platform_id: string | null;
    action: string;
    payload: Record<string, unknown>;
    requested_by: string;
  },
  actor: Principal,
): Promise<void> {
  if (approval.action === 'freeze.lift') {
    const freezeId = String(approval.payload.freezeId);
    await tx.query(
      `UPDATE freezes SET lifted_at = now(), lifted_by = $2, lift_approved_by = $3
       WHERE id = $1 AND lifted_at IS NULL`,
      [freezeId, approval.requested_by, actor.id],
    );
    await appendAuditRecords(tx, [
      audit(actor, approval.platform_id, 'freeze.lifted', 'freeze', freezeId, {
        requestedBy: approval.requested_by,
        approvedBy: actor.id,
      }),
    ]);
    return;
  }
  if (approval.action === RECON_ADJUST_ACTION) {
    await executeReconAdjustment(tx, approval, actor.id);
    return;
  }
  throw new Error(`no executor for approval action ${approval.action}`);
}
