import type { ApprovalRow } from '../approvals/approval-actions.js';
import { ApprovalExecutionRefused } from '../approvals/approval-execution-refused.js';
import { decideApproval } from '../approvals/approvals.js';
import { assert } from '../assert.js';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { PostingPlan } from '../ledger/index.js';
import type { Principal } from '../security/index.js';
import { toBigInt, type Database, type Queryable } from '../store/index.js';
import { freezeScope } from './decide-batch.js';
import { failure, success, type Result } from './errors.js';
import { loadFreezes, lockAccounts } from './load-batch-state.js';
import { audit } from './platform-ops.js';
import { updateAccounts } from './write-batch.js';

interface HeldInstruction {
  id: string;
  platformId: string;
  status: string;
  debitAccountId: string;
  creditAccountId: string;
  amountMinor: bigint;
  currency: string;
  holdReason: string | null;
  /** Review workflows that must clear before a release (voiding needs none). */
  holdReviewsPending: string[];
  submittedBy: string;
  reversesInstructionId: string | null;
}

async function lockInstruction(
  tx: Queryable,
  platformId: string,
  id: string,
): Promise<HeldInstruction | null> {
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT id, platform_id, status, debit_account_id, credit_account_id, amount_minor, currency,
       hold_reason, hold_reviews_pending, submitted_by, reverses_instruction_id
     FROM instructions WHERE id = $1 AND platform_id = $2 FOR UPDATE`,
    [id, platformId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return {
    id: String(row.id),
    platformId: String(row.platform_id),
    status: String(row.status),
    debitAccountId: String(row.debit_account_id),
    creditAccountId: String(row.credit_account_id),
    amountMinor: toBigInt(row.amount_minor),
    currency: String(row.currency),
    holdReason: (row.hold_reason as string | null) ?? null,
    holdReviewsPending: ((row.hold_reviews_pending as string[] | null) ?? []).map(String),
    submittedBy: String(row.submitted_by),
    reversesInstructionId: (row.reverses_instruction_id as string | null) ?? null,
  };
}

/** Why a release is refused while review workflows (say, screening) have not cleared. */
export function pendingReviewsMessage(reviews: readonly string[]): string {
  return `this instruction is held until its ${reviews.join(' and ')} review is cleared`;
}

/**
 * Posts or voids a held instruction. Releasing one that needs approval is a four-eyes step:
 * it is the decision of the instruction's open `instruction.release` approval request, so only
 * a member of staff allowed to settle holds who did not submit it may do it. No release, by
 * approval or not, passes while a review workflow the hold waits for (`hold_reviews_pending`,
 * e.g. screening's) is open: the review clears it. Voiding returns the held funds and needs no
 * second person and no review.
 */
export async function settleHold(
  db: Database,
  actor: Principal,
  platformId: string,
  instructionId: string,
  decision: 'release' | 'void',
  reason: string,
): Promise<Result<{ instructionId: string; status: 'posted' | 'voided' }>> {
  if (decision === 'release') {
    const approvals = await db.query<{ id: string }>(
      `SELECT a.id FROM approvals a JOIN instructions i ON i.id = $1 AND i.platform_id = $2
       WHERE a.action = 'instruction.release' AND a.status = 'open'
         AND a.payload->>'instructionId' = $1 AND i.hold_reason = 'approval_required'`,
      [instructionId, platformId],
    );
    const approval = approvals[0];
    if (approval !== undefined) {
      const decided = await decideApproval(db, actor, approval.id, 'approve', reason);
      if (!decided.ok) return decided;
      return success({ instructionId, status: 'posted' });
    }
  }
  return db.transaction((tx) =>
    settleHeldInTransaction(tx, actor, platformId, instructionId, decision, reason, false),
  );
}

/** Releases a held instruction whose `instruction.release` request a second person approved. */
export async function executeHeldRelease(
  tx: Queryable,
  approval: ApprovalRow,
  decider: Principal,
): Promise<void> {
  const platformId = approval.platform_id;
  assert(platformId !== null, 'an instruction release names its platform');
  const settled = await settleHeldInTransaction(
    tx,
    decider,
    platformId,
    String(approval.payload.instructionId),
    'release',
    `approval ${approval.id}`,
    true,
  );
  if (!settled.ok) throw new ApprovalExecutionRefused(settled.error);
}

async function settleHeldInTransaction(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  instructionId: string,
  decision: 'release' | 'void',
  reason: string,
  approved: boolean,
): Promise<Result<{ instructionId: string; status: 'posted' | 'voided' }>> {
  {
    const held = await lockInstruction(tx, platformId, instructionId);
    if (held === null)
      return failure('unknown_instruction', `instruction ${instructionId} not found`);
    if (held.status !== 'pending')
      return failure('invalid_state', `instruction is ${held.status}, not pending`);
    if (decision === 'release' && held.holdReviewsPending.length > 0)
      return failure('invalid_state', pendingReviewsMessage(held.holdReviewsPending));
    if (decision === 'release' && held.holdReason === 'approval_required' && !approved)
      return failure('invalid_state', 'this instruction is released by approving its request');
    if (decision === 'release' && held.reversesInstructionId !== null) {
      const over = await reversalWouldExceed(tx, held.reversesInstructionId, held.amountMinor);
      if (over) return failure('validation_failed', 'reversals would exceed the original amount');
    }
    const accounts = await lockAccounts(tx, [held.debitAccountId, held.creditAccountId].sort());
    if (decision === 'release') {
      const frozen = await releaseBlockedByFreeze(tx, accounts, held.debitAccountId);
      if (frozen !== null) return failure('account_frozen', `account ${frozen} is frozen`);
    }
    const plan = new PostingPlan(accounts);
    const phase = decision === 'release' ? 'post_pending' : 'void_pending';
    const outcome = plan.tryApply({
      debitAccountId: held.debitAccountId,
      creditAccountId: held.creditAccountId,
      amountMinor: held.amountMinor,
      currency: held.currency,
      phase,
    });
    if (!outcome.ok)
      return failure(
        outcome.error.code === 'insufficient_funds' ? 'insufficient_funds' : 'invalid_state',
        outcome.error.code,
      );
    plan.assertBalanced();
    const status = decision === 'release' ? 'posted' : 'voided';
    await updateAccounts(tx, plan.changedAccounts());
    await tx.query(
      `INSERT INTO transfers (platform_id, instruction_id, phase, debit_account_id, credit_account_id,
         amount_minor, currency) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        platformId,
        held.id,
        phase,
        held.debitAccountId,
        held.creditAccountId,
        held.amountMinor.toString(),
        held.currency,
      ],
    );
    await tx.query('UPDATE instructions SET status = $2, updated_at = now() WHERE id = $1', [
      held.id,
      status,
    ]);
    await tx.query(
      'INSERT INTO instruction_events (instruction_id, event, actor, detail) VALUES ($1, $2, $3, $4)',
      [
        held.id,
        decision === 'release' ? 'released' : 'voided',
        actor.id,
        JSON.stringify({ reason }),
      ],
    );
    await appendAuditRecords(tx, [
      audit(actor, platformId, `instruction.${status}`, 'instruction', held.id, {
        decision,
        reason,
        amountMinor: held.amountMinor.toString(),
        currency: held.currency,
      }),
    ]);
    return success({ instructionId: held.id, status });
  }
}

async function releaseBlockedByFreeze(
  tx: Queryable,
  accounts: { id: string; customerId: string | null }[],
  debitAccountId: string,
): Promise<string | null> {
  const customerIds = accounts.flatMap((a) => (a.customerId === null ? [] : [a.customerId]));
  const freezes = await loadFreezes(
    tx,
    customerIds,
    accounts.map((a) => a.id),
  );
  for (const account of accounts) {
    const scope = freezeScope(freezes, account);
    if (scope === 'all' || (scope === 'debits' && account.id === debitAccountId)) return account.id;
  }
  return null;
}

/** Locks the original and checks that posted reversals plus this one stay within it. */
async function reversalWouldExceed(
  tx: Queryable,
  originalId: string,
  amountMinor: bigint,
): Promise<boolean> {
  const rows = await tx.query<{ amount_minor: string; reversed_minor: string }>(
    `SELECT i.amount_minor, COALESCE((SELECT sum(r.amount_minor) FROM instructions r
       WHERE r.reverses_instruction_id = i.id AND r.status = 'posted'), 0) AS reversed_minor
     FROM instructions i WHERE i.id = $1 FOR UPDATE`,
    [originalId],
  );
  const row = rows[0];
  if (row === undefined) return true;
  return toBigInt(row.reversed_minor) + amountMinor > toBigInt(row.amount_minor);
}
