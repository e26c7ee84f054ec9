import { openApproval } from '../approvals/approvals.js';
import type { ApprovalRow } from '../approvals/approval-actions.js';
import { ApprovalExecutionRefused } from '../approvals/approval-execution-refused.js';
import { assert } from '../assert.js';
import { failure, success, type Result } from '../custody/errors.js';
import type { Database, Queryable } from '../store/index.js';
import { highestFloor, overrideNeedsApproval } from './override-policy.js';
import { loadActiveModel } from './risk-model-store.js';
import { RISK_LEVELS, type RiskLevel } from './risk-model.js';
import type { RiskReason } from './risk-score.js';
import { nextReviewDate } from './review-schedule.js';
import type { RatingState } from './rating-state.js';
import { loadStates, lockPlatformRatings, newRatingId, writeRatings } from './rating-store.js';

export const OVERRIDE_REASON_CHARS_MIN = 10;

export type OverrideOutcome =
  | { status: 'applied'; ratingId: string; level: RiskLevel }
  | { status: 'pending_approval'; approvalId: string };

async function latestReasons(tx: Queryable, ratingId: string): Promise<RiskReason[]> {
  const rows = await tx.query<{ reasons: RiskReason[] }>(
    'SELECT reasons FROM customer_risk_ratings WHERE id = $1',
    [ratingId],
  );
  return rows[0]?.reasons ?? [];
}

async function approvalPending(tx: Queryable, approvalId: string): Promise<boolean> {
  const rows = await tx.query<{ pending: boolean }>(
    `SELECT status = 'open' AND expires_at > now() AS pending FROM approvals WHERE id = $1`,
    [approvalId],
  );
  return rows[0]?.pending === true;
}

/** Writes the override as a rating of its own (trigger `override`) and the state in force. */
async function applyOverride(
  tx: Queryable,
  actor: string,
  platformId: string,
  customerId: string,
  state: RatingState,
  change: { level: RiskLevel | null; reason: string; by: string; approvedBy: string | null },
  nowMs: number,
): Promise<{ ratingId: string; level: RiskLevel }> {
  const active = await loadActiveModel(tx, platformId);
  const level = change.level ?? state.computedLevel;
  const next: RatingState = {
    ...state,
    ratingId: newRatingId(nowMs),
    level,
    override:
      change.level === null
        ? null
        : {
            level: change.level,
            reason: change.reason,
            by: change.by,
            approvedBy: change.approvedBy,
            baseScore: state.score,
            baseLevel: state.computedLevel,
            modelVersion: active.version,
          },
    overrideApprovalId: null,
    nextReviewDate: nextReviewDate(active.model, level, state.lastReviewedAtMs),
  };
  if (next.nextReviewDate !== state.nextReviewDate) next.reviewAlertedFor = null;
  await writeRatings(
    tx,
    actor,
    platformId,
    active.model,
    [
      {
        customerId,
        modelVersion: active.version,
        score: state.score,
        computedLevel: state.computedLevel,
        level,
        reasons: await latestReasons(tx, state.ratingId),
        trigger: 'override',
        note: change.level === null ? `override cleared: ${change.reason}` : change.reason,
        state: next,
      },
    ],
    nowMs,
  );
  return { ratingId: next.ratingId, level };
}

/**
 * Compliance sets a customer's level by hand, with a written reason, or clears its override
 * (`level` null). Lowering a computed high, or below a floor the model imposed, opens a
 * four-eyes request instead; the
 * change is made when a different person approves it (`executeRiskOverride`).
 */
export async function overrideRating(
  db: Database,
  actor: { id: string },
  platformId: string,
  customerId: string,
  level: RiskLevel | null,
  reason: string,
  nowMs = Date.now(),
): Promise<Result<OverrideOutcome>> {
  if (reason.trim().length < OVERRIDE_REASON_CHARS_MIN)
    return failure(
      'validation_failed',
      `a reason of at least ${OVERRIDE_REASON_CHARS_MIN} characters`,
    );
  return db.transaction(async (tx) => {
    await lockPlatformRatings(tx, platformId);
    const state = (await loadStates(tx, platformId, [customerId])).get(customerId);
    if (state === undefined)
      return failure<OverrideOutcome>(
        'not_found',
        `customer ${customerId} has no rating yet: rate it first`,
      );
    if (level === null && state.override === null)
      return failure<OverrideOutcome>('invalid_state', `customer ${customerId} has no override`);
    const floor = highestFloor(await latestReasons(tx, state.ratingId));
    if (level !== null && overrideNeedsApproval(state.computedLevel, level, floor)) {
      if (
        state.overrideApprovalId !== null &&
        (await approvalPending(tx, state.overrideApprovalId))
      )
        return failure<OverrideOutcome>(
          'invalid_state',
          `an override of ${customerId} awaits approval (${state.overrideApprovalId})`,
        );
      const approvalId = await openApproval(tx, actor, {
        platformId,
        action: 'risk_rating.override',
        payload: { customerId, level, reason, baseScore: state.score },
        reason,
      });
      await tx.query(
        'UPDATE customer_risk_state SET override_approval_id = $3 WHERE platform_id = $1 AND customer_id = $2',
        [platformId, customerId, approvalId],
      );
      return success<OverrideOutcome>({ status: 'pending_approval', approvalId });
    }
    const applied = await applyOverride(
      tx,
      actor.id,
      platformId,
      customerId,
      state,
      { level, reason, by: actor.id, approvedBy: null },
      nowMs,
    );
    return success<OverrideOutcome>({ status: 'applied', ...applied });
  });
}

/**
 * Approval executor of `risk_rating.override`: applies the requested override in the deciding
 * transaction, unless the customer's score rose since the request (new risk information makes
 * the request stale) or the request is no longer the one waiting.
 */
export async function executeRiskOverride(
  tx: Queryable,
  approval: ApprovalRow,
  decider: { id: string },
): Promise<void> {
  const platformId = approval.platform_id;
  assert(platformId !== null, 'a risk override belongs to a platform');
  const { customerId, level, reason, baseScore } = approval.payload as {
    customerId: string;
    level: RiskLevel;
    reason: string;
    baseScore: number;
  };
  assert(RISK_LEVELS.includes(level), 'an override level');
  await lockPlatformRatings(tx, platformId);
  const state = (await loadStates(tx, platformId, [customerId])).get(customerId);
  if (state?.overrideApprovalId !== approval.id)
    throw new ApprovalExecutionRefused({
      code: 'invalid_state',
      message: `the override of ${customerId} is no longer pending`,
    });
  if (state.score > baseScore)
    throw new ApprovalExecutionRefused({
      code: 'invalid_state',
      message: `the score of ${customerId} rose from ${baseScore} to ${state.score} since the request`,
    });
  await applyOverride(
    tx,
    decider.id,
    platformId,
    customerId,
    state,
    { level, reason, by: approval.requested_by, approvedBy: decider.id },
    Date.now(),
  );
}
