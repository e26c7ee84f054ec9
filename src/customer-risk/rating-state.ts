import { assert } from '../assert.js';
import { overrideLapses } from './override-policy.js';
import { nextReviewDate } from './review-schedule.js';
import type { RiskLevel, RiskModel } from './risk-model.js';
import type { RiskScore } from './risk-score.js';

export const RATING_TRIGGERS = [
  'on_demand',
  'batch',
  'input_changed',
  'override',
  'review',
] as const;
export type RatingTrigger = (typeof RATING_TRIGGERS)[number];

/** The rating in force for a customer (customer_risk_state). */
export interface RatingState {
  ratingId: string;
  score: number;
  computedLevel: RiskLevel;
  level: RiskLevel;
  override: {
    level: RiskLevel;
    reason: string;
    by: string;
    approvedBy: string | null;
    baseScore: number;
    /** The computed level the override replaced, and the model version that computed it. */
    baseLevel: RiskLevel;
    modelVersion: number;
  } | null;
  /** An override waiting for a second person's approval. */
  overrideApprovalId: string | null;
  ratedAtMs: number;
  lastReviewedAtMs: number;
  nextReviewDate: string;
  reviewAlertedFor: string | null;
}

/**
 * The state after a computation. Pure. A first rating starts the review clock; a review
 * restarts it; an override stands unless it lapses (`overrideLapses`).
 * The next review date follows the level in force, so a customer turning high is due sooner.
 */
export function stateAfterRating(
  previous: RatingState | null,
  computed: RiskScore,
  model: RiskModel,
  ratingId: string,
  trigger: RatingTrigger,
  nowMs: number,
  modelVersion: number,
): RatingState {
  const next = { score: computed.score, level: computed.level, modelVersion };
  const override =
    previous?.override != null && !overrideLapses(previous.override, next)
      ? previous.override
      : null;
  const lastReviewedAtMs =
    previous === null || trigger === 'review' ? nowMs : previous.lastReviewedAtMs;
  const level = override?.level ?? computed.level;
  const reviewDate = nextReviewDate(model, level, lastReviewedAtMs);
  const state: RatingState = {
    ratingId,
    score: computed.score,
    computedLevel: computed.level,
    level,
    override,
    overrideApprovalId: previous?.overrideApprovalId ?? null,
    ratedAtMs: nowMs,
    lastReviewedAtMs,
    nextReviewDate: reviewDate,
    reviewAlertedFor: previous?.nextReviewDate === reviewDate ? previous.reviewAlertedFor : null,
  };
  assert(
    state.override !== null || state.level === state.computedLevel,
    'no override: computed level',
  );
  return state;
}
