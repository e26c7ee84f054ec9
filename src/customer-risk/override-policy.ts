import { levelRank, type RiskLevel } from './risk-model.js';

/**
 * An override by compliance takes effect at once unless it lowers the customer's risk against
 * the model: lowering a computed high (to medium or low), or lowering below a floor a factor
 * imposed (a PEP, a sanctions match, a call-for-action country, an STR filed). Those need a
 * second person (approval `risk_rating.override`), because they switch off due diligence the
 * model requires.
 */
export function overrideNeedsApproval(
  computed: RiskLevel,
  requested: RiskLevel,
  modelFloor: RiskLevel | null,
): boolean {
  if (computed === 'high' && levelRank(requested) < levelRank('high')) return true;
  return modelFloor !== null && levelRank(requested) < levelRank(modelFloor);
}

/** The highest floor the factors of a rating imposed, or null when none did. */
export function highestFloor(reasons: readonly { floor?: RiskLevel }[]): RiskLevel | null {
  let floor: RiskLevel | null = null;
  for (const reason of reasons) {
    if (reason.floor === undefined) continue;
    if (floor === null || levelRank(reason.floor) > levelRank(floor)) floor = reason.floor;
  }
  return floor;
}

/** What an override was set against: the computation it replaced. */
export interface OverrideBase {
  baseScore: number;
  baseLevel: RiskLevel;
  modelVersion: number;
}

/**
 * An override stands until new risk information or a new model arrives: a later computation
 * whose score is above the score the override was set against, whose computed level is above
 * the level it replaced, or that was made with another model version lapses it.
 */
export function overrideLapses(
  base: OverrideBase,
  next: { score: number; level: RiskLevel; modelVersion: number },
): boolean {
  return (
    next.score > base.baseScore ||
    levelRank(next.level) > levelRank(base.baseLevel) ||
    next.modelVersion !== base.modelVersion
  );
}
