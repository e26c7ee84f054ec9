import { settleHold } from '../custody/index.js';
import type { Principal } from '../security/index.js';
import type { Database } from '../store/index.js';
import { SCREENING_HOLD_REASON, SCREENING_REVIEW } from './screening-hold.js';

export interface HoldAfterReview {
  released: boolean;
  /** Why the instruction stays held, when it does. */
  stillHeldBecause: string | null;
}

/** Why an instruction whose screening reviews are all cleared is still held (pure). */
export function otherHoldMessage(holdReason: string | null, reviewsPending: string[]): string {
  if (reviewsPending.length > 0)
    return `its ${reviewsPending.join(' and ')} review is not cleared yet`;
  switch (holdReason) {
    case 'monitoring_review':
      return 'monitoring also holds this instruction: release it from its case';
    case 'monitoring_unavailable':
      return 'monitoring also holds this instruction (it was unavailable when the instruction was checked): release it from its case';
    case 'approval_required':
      return 'the instruction also awaits the approval of its release request';
    default:
      return `the instruction is also held (${holdReason ?? 'unknown'}): settle it as that hold requires`;
  }
}

/**
 * After a false positive on a review of an instruction: once no screening review of it is left
 * uncleared, screening stops holding it (its 'screening' review marker is removed, under the
 * instruction's row lock, in one transaction with the count), and the hold is released only
 * when screening was the only gate that held it (`screening_review`). Any other hold stays.
 */
export async function clearScreeningHold(
  db: Database,
  actor: Principal,
  platformId: string,
  instructionId: string,
  reason: string,
): Promise<HoldAfterReview> {
  const cleared = await db.transaction(async (tx) => {
    const rows = await tx.query<{
      status: string;
      hold_reason: string | null;
      hold_reviews_pending: string[];
    }>(
      `SELECT status, hold_reason, hold_reviews_pending FROM instructions
       WHERE id = $1 AND platform_id = $2 FOR UPDATE`,
      [instructionId, platformId],
    );
    const row = rows[0];
    if (row === undefined) return { kind: 'gone' as const };
    const open = await tx.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM screening_reviews WHERE platform_id = $1
         AND subject_kind = 'instruction' AND subject_id = $2 AND status <> 'false_positive'`,
      [platformId, instructionId],
    );
    if (Number(open[0]?.n ?? 0) > 0) return { kind: 'reviews_open' as const };
    const updated = await tx.query<{ hold_reviews_pending: string[] }>(
      `UPDATE instructions SET hold_reviews_pending = array_remove(hold_reviews_pending, $2)
       WHERE id = $1 RETURNING hold_reviews_pending`,
      [instructionId, SCREENING_REVIEW],
    );
    return {
      kind: 'cleared' as const,
      status: row.status,
      holdReason: row.hold_reason,
      reviewsPending: (updated[0]?.hold_reviews_pending ?? []).map(String),
    };
  });
  if (cleared.kind === 'gone')
    return { released: false, stillHeldBecause: `instruction ${instructionId} not found` };
  if (cleared.kind === 'reviews_open')
    return {
      released: false,
      stillHeldBecause: 'other screening reviews of this instruction are not cleared',
    };
  if (cleared.status !== 'pending')
    return { released: false, stillHeldBecause: `instruction is ${cleared.status}, not pending` };
  if (cleared.holdReason !== SCREENING_HOLD_REASON || cleared.reviewsPending.length > 0)
    return {
      released: false,
      stillHeldBecause: otherHoldMessage(cleared.holdReason, cleared.reviewsPending),
    };
  // After the marker is gone (committed above), settleHold's pending-review guard passes.
  const settled = await settleHold(
    db,
    actor,
    platformId,
    instructionId,
    'release',
    `screening false positive: ${reason}`,
  );
  return settled.ok
    ? { released: true, stillHeldBecause: null }
    : { released: false, stillHeldBecause: settled.error.message };
}
