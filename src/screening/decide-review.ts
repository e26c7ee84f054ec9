import { appendAuditRecords } from '../audit/audit-record-store.js';
import { raiseAlerts } from '../cases/raise-alerts.js';
import { createFreeze, failure, success, type Result } from '../custody/index.js';
import type { Principal } from '../security/index.js';
import { clearScreeningHold } from './clear-instruction-hold.js';
import { planDecision, type ReviewDecision } from './review-decision.js';
import type { ScreeningService } from './screening-service.js';
import { loadParty } from './store/party-source.js';
import { nameFingerprint, whitelistKey, type PartyKind } from './store/result-store.js';
import {
  reviewOf,
  SCREENING_CONFIRMED_RULE_ID,
  screeningAlert,
  type ReviewView,
} from './store/review-store.js';

export interface DecisionResult {
  review: ReviewView;
  /** A held instruction this decision released (false positive, no other hold or review). */
  instructionReleased: boolean;
  /** The freeze placed on the matched customer after a confirmed true match. */
  freezeId: string | null;
  /** Why an instruction stays held after a false positive, if it does. */
  stillHeldBecause: string | null;
}

/**
 * Records a reviewer's decision on a screening review (rules in `planDecision`):
 * - true match: the review is confirmed, a critical alert joins the case, the matched
 *   customer is frozen (all movement, reason sanctions_hit) and a held instruction stays held;
 * - false positive: the pair (party, entry) is whitelisted for the party's current name; once
 *   no screening review of a held instruction is left uncleared, screening stops holding it
 *   and it is released when screening was the only gate that held it (`clearScreeningHold`);
 *   a strong hit needs a second person (first call proposes, a different person's call clears).
 */
export async function decideReview(
  service: ScreeningService,
  actor: Principal,
  platformId: string,
  reviewId: string,
  decision: ReviewDecision,
  reason: string,
): Promise<Result<DecisionResult>> {
  const db = service.db;
  const atMs = Date.now();
  // The party's current name, read outside the transaction (the vault is bound to the pool):
  // a whitelist entry remembers it, so a renamed party is screened afresh.
  const peek = await db.query<{ party_kind: PartyKind; party_id: string }>(
    'SELECT party_kind, party_id FROM screening_reviews WHERE id = $1 AND platform_id = $2',
    [reviewId, platformId],
  );
  const party =
    peek[0] === undefined ? null : await loadParty(db, peek[0].party_kind, peek[0].party_id);
  const decided = await db.transaction(
    async (tx): Promise<Result<{ review: ReviewView; whitelisted: string | null }>> => {
      const rows = await tx.query(
        'SELECT * FROM screening_reviews WHERE id = $1 AND platform_id = $2 FOR UPDATE',
        [reviewId, platformId],
      );
      if (rows[0] === undefined)
        return failure('not_found', `screening review ${reviewId} not found`);
      const review = reviewOf(rows[0]);
      const plan = planDecision(review, actor.id, decision, service.strongScore);
      if (plan.kind === 'refuse') return failure(plan.code, plan.message);
      let updated: Record<string, unknown>[];
      let whitelisted: string | null = null;
      if (plan.kind === 'propose_release') {
        updated = await tx.query(
          `UPDATE screening_reviews SET status = 'release_proposed', proposed_by = $2,
           proposed_at = to_timestamp($3 / 1000.0), proposal_reason = $4 WHERE id = $1 RETURNING *`,
          [reviewId, actor.id, atMs, reason],
        );
      } else {
        updated = await tx.query(
          `UPDATE screening_reviews SET status = $2, decided_by = $3,
           decided_at = to_timestamp($4 / 1000.0), decision_reason = $5 WHERE id = $1 RETURNING *`,
          [
            reviewId,
            plan.kind === 'confirm' ? 'true_match' : 'false_positive',
            actor.id,
            atMs,
            reason,
          ],
        );
      }
      const after = reviewOf(updated[0]!);
      if (plan.kind === 'clear') {
        const fingerprint = nameFingerprint(party?.name ?? '');
        await tx.query(
          `INSERT INTO screening_whitelist (platform_id, party_kind, party_id, entry_key,
           name_fingerprint, review_id, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (platform_id, party_kind, party_id, entry_key) DO UPDATE SET
           name_fingerprint = EXCLUDED.name_fingerprint, review_id = EXCLUDED.review_id,
           created_by = EXCLUDED.created_by, created_at = now()`,
          [
            platformId,
            after.partyKind,
            after.partyId,
            after.entryKey,
            fingerprint,
            after.id,
            actor.id,
          ],
        );
        whitelisted = whitelistKey(
          platformId,
          after.partyKind,
          after.partyId,
          after.entryKey,
          fingerprint,
        );
      }
      if (plan.kind === 'confirm')
        await raiseAlerts(
          tx,
          [screeningAlert(after, SCREENING_CONFIRMED_RULE_ID, 'critical', atMs)],
          { nowMs: atMs },
        );
      await appendAuditRecords(tx, [
        {
          platformId,
          actor: actor.id,
          action: `screening.review_${plan.kind === 'propose_release' ? 'release_proposed' : after.status}`,
          subjectType: 'screening_review',
          subjectId: reviewId,
          payload: {
            decision,
            reason,
            entryKey: after.entryKey,
            subjectKind: after.subjectKind,
            subjectId: after.subjectId,
          },
          atMs,
        },
      ]);
      return success({ review: after, whitelisted });
    },
  );
  if (!decided.ok) return decided;
  let { review } = decided.value;
  if (decided.value.whitelisted !== null) service.rememberWhitelisted(decided.value.whitelisted);
  let freezeId: string | null = null;
  let instructionReleased = false;
  let stillHeldBecause: string | null = null;
  if (review.status === 'true_match' && review.customerId !== null) {
    const frozen = await createFreeze(db, actor, platformId, {
      customerId: review.customerId,
      scope: 'all',
      reasonCode: 'sanctions_hit',
      note: `screening review ${review.id}: ${review.entryKey}`.slice(0, 200),
    });
    if (frozen.ok) freezeId = frozen.value.freezeId;
  }
  if (review.status === 'false_positive' && review.subjectKind === 'instruction') {
    const after = await clearScreeningHold(db, actor, platformId, review.subjectId, reason);
    stillHeldBecause = after.stillHeldBecause;
    if (after.released) {
      instructionReleased = true;
      const rows = await db.query(
        'UPDATE screening_reviews SET instruction_released = true WHERE id = $1 RETURNING *',
        [review.id],
      );
      review = reviewOf(rows[0]!);
    }
  }
  return success({ review, instructionReleased, freezeId, stillHeldBecause });
}
