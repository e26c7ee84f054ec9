import { failure, success, type Result } from '../../custody/index.js';
import { openApproval } from '../../approvals/approvals.js';
import type { Principal } from '../../security/index.js';
import type { Database, Queryable } from '../../store/index.js';
import { lockBreak, settleBreakWithEntry } from './break-resolution.js';
import { ADJUSTMENT_ACCOUNT_TYPES, type AdjustmentAccountType } from './post-recon-entry.js';

export const RECON_ADJUST_ACTION = 'recon.adjust' as const;

/**
 * Asks for an adjusting entry for a break. Never one person's decision: it opens an approval
 * request; when a different member of staff approves it, `executeReconAdjustment` posts the
 * entry in the approval's transaction.
 */
export async function requestBreakAdjustment(
  db: Database,
  actor: Principal,
  platformId: string,
  breakId: string,
  input: { counterAccountType: AdjustmentAccountType; reason: string },
): Promise<Result<{ approvalId: string }>> {
  return db.transaction(async (tx) => {
    const locked = await lockBreak(tx, platformId, breakId);
    if (!locked.ok) return locked;
    if (locked.value.awaitingApproval) {
      return failure('duplicate', 'an adjusting entry for this break already awaits approval');
    }
    const approvalId = await openApproval(tx, actor, {
      platformId,
      action: RECON_ADJUST_ACTION,
      payload: { breakId, counterAccountType: input.counterAccountType },
      reason: input.reason,
    });
    await tx.query(
      `UPDATE breaks SET state = 'awaiting_approval', approval_id = $2 WHERE id = $1`,
      [breakId, approvalId],
    );
    return success({ approvalId });
  });
}

/**
 * Runs an approved `recon.adjust` request (called by decideApproval). A break that was
 * resolved meanwhile (say, matched by a later run) is left alone: the approval then changes
 * nothing, which the audit record of the approval shows.
 */
export async function executeReconAdjustment(
  tx: Queryable,
  approval: { platform_id: string | null; payload: Record<string, unknown>; requested_by: string },
  approverId: string,
): Promise<void> {
  const platformId = approval.platform_id;
  const breakId = String(approval.payload.breakId);
  const counterType = String(approval.payload.counterAccountType) as AdjustmentAccountType;
  if (
    platformId === null ||
    !(ADJUSTMENT_ACCOUNT_TYPES as readonly string[]).includes(counterType)
  ) {
    throw new Error('recon.adjust approval without platform or with a bad account type');
  }
  const locked = await lockBreak(tx, platformId, breakId);
  if (!locked.ok) return;
  const settled = await settleBreakWithEntry(
    tx,
    approverId,
    platformId,
    locked.value,
    counterType,
    'adjusted',
    `requested by ${approval.requested_by}, approved by ${approverId}`,
  );
  if (!settled.ok) {
    // The entry would break a balance floor: the break stays open for another resolution.
    await tx.query(`UPDATE breaks SET state = 'open', approval_id = NULL WHERE id = $1`, [breakId]);
  }
}
