import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Principal } from '../security/index.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { failure, success, type Result } from './errors.js';
import type { FreezeScope } from './decide-batch.js';
import { audit } from './platform-ops.js';
import type { ApprovalRow } from '../approvals/approval-actions.js';
import { openApproval } from '../approvals/approvals.js';

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
    const approvalId = await openApproval(tx, actor, {
      platformId,
      action: 'freeze.lift',
      payload: { freezeId },
      reason,
    });
    return success({ approvalId });
  });
}

/** Lifts a freeze once a second person approved the request (approval action `freeze.lift`). */
export async function executeFreezeLift(
  tx: Queryable,
  approval: ApprovalRow,
  decider: Principal,
): Promise<void> {
  const freezeId = String(approval.payload.freezeId);
  await tx.query(
    `UPDATE freezes SET lifted_at = now(), lifted_by = $2, lift_approved_by = $3
     WHERE id = $1 AND lifted_at IS NULL`,
    [freezeId, approval.requested_by, decider.id],
  );
  await appendAuditRecords(tx, [
    audit(decider, approval.platform_id, 'freeze.lifted', 'freeze', freezeId, {
      requestedBy: approval.requested_by,
      approvedBy: decider.id,
    }),
  ]);
}
