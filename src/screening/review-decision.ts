import type { ReviewStatus } from './store/review-store.js';

/** A false positive at or above this score is released only by a second person. */
export const STRONG_HIT_SCORE_DEFAULT = 0.95;

export type ReviewDecision = 'true_match' | 'false_positive';

export type DecisionPlan =
  | { kind: 'confirm' }
  | { kind: 'propose_release' }
  | { kind: 'clear' }
  | { kind: 'refuse'; code: 'invalid_state' | 'self_approval'; message: string };

/**
 * What a reviewer's decision does to a review (pure):
 * - a true match is confirmed by one person, also over a pending release proposal (the
 *   conservative direction needs no second opinion);
 * - a false positive below the strong-hit score is cleared by one person;
 * - a false positive at or above it is first proposed, then cleared by a different person;
 * - a decided review stays decided.
 */
export function planDecision(
  review: { status: ReviewStatus; score: number; proposedBy: string | null },
  actorId: string,
  decision: ReviewDecision,
  strongScore: number = STRONG_HIT_SCORE_DEFAULT,
): DecisionPlan {
  if (review.status === 'true_match' || review.status === 'false_positive')
    return {
      kind: 'refuse',
      code: 'invalid_state',
      message: `review is already decided (${review.status})`,
    };
  if (decision === 'true_match') return { kind: 'confirm' };
  if (review.status === 'release_proposed') {
    if (review.proposedBy === actorId)
      return {
        kind: 'refuse',
        code: 'self_approval',
        message: 'a second person must confirm the release of a strong hit',
      };
    return { kind: 'clear' };
  }
  return review.score >= strongScore ? { kind: 'propose_release' } : { kind: 'clear' };
}
