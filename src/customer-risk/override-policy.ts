import type { RiskLevel } from './risk-model.js';

/**
 * An override by compliance takes effect at once, except lowering a computed high rating to
 * low: that needs a second person (approval `risk_rating.override`), because it switches off
 * enhanced due diligence for a customer the model found high risk.
 */
export function overrideNeedsApproval(computed: RiskLevel, requested: RiskLevel): boolean {
  return computed === 'high' && requested === 'low';
}

/**
 * An override stands until new risk information arrives: a later computation whose score is
 * above the score the override was set against lapses it.
 */
export function overrideLapses(overrideBaseScore: number, newScore: number): boolean {
  return newScore > overrideBaseScore;
}
