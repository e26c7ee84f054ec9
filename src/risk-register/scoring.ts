import { assert } from '../assert.js';
import type {
  ControlKind,
  ControlOutcome,
  Effectiveness,
  GridPoint,
  ScoreBand,
  ToleranceStatus,
} from './risk-types.js';

/**
 * Residual risk from inherent risk and the controls that mitigate it (pure).
 *
 * Method (RISK-REGISTER.md): a control's effectiveness is its declared rating, downgraded by
 * its latest automated test — a failed test makes it ineffective; an errored test, no test
 * at all, or a test older than twice the control's frequency (no evidence) one step weaker. An effective control takes two steps off the 5-point scale, a
 * partially effective one one step, others none. Preventive controls lower likelihood;
 * detective and corrective controls lower impact. Controls do not stack: the strongest
 * control of each kind counts, so ten weak controls never look like one good one. A transfer
 * treatment with named cover (insurance, a guarantee) takes one more step off impact.
 * Nothing goes below 1.
 */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
const EFFECTIVE_STEPS = 2;

export interface ControlForScoring {
  controlId: string;
  kind: ControlKind;
  declared: Effectiveness;
  latestOutcome: ControlOutcome | null;
}

export interface ControlBasis extends ControlForScoring {
  effectiveness: Effectiveness;
  steps: number;
}

export interface ResidualResult {
  residual: GridPoint;
  basis: ControlBasis[];
}

export function isScalePoint(value: number): boolean {
  return Number.isInteger(value) && value >= SCALE_MIN && value <= SCALE_MAX;
}

export function assertGridPoint(point: GridPoint): void {
  assert(isScalePoint(point.likelihood), `likelihood ${point.likelihood} is 1..5`);
  assert(isScalePoint(point.impact), `impact ${point.impact} is 1..5`);
}

export function scoreOf(point: GridPoint): number {
  assertGridPoint(point);
  return point.likelihood * point.impact;
}

/** Bands of the 25-point score: 1–4 low, 5–9 medium, 10–15 high, 16–25 critical. */
export function bandOf(score: number): ScoreBand {
  assert(Number.isInteger(score) && score >= 1 && score <= 25, `score ${score} is 1..25`);
  if (score <= 4) return 'low';
  if (score <= 9) return 'medium';
  if (score <= 15) return 'high';
  return 'critical';
}

const DOWNGRADE: Record<Effectiveness, Effectiveness> = {
  effective: 'partially_effective',
  partially_effective: 'ineffective',
  ineffective: 'ineffective',
  not_tested: 'not_tested',
};

/**
 * The declared rating, as the latest automated test leaves it. A pass never upgrades it; a
 * control never tested (or whose test is stale, `currentOutcome`) has no evidence and is one
 * step weaker, like an errored test.
 */
export function effectivenessAfterTest(
  declared: Effectiveness,
  latestOutcome: ControlOutcome | null,
): Effectiveness {
  if (latestOutcome === 'fail') return 'ineffective';
  if (latestOutcome === 'error' || latestOutcome === null) return DOWNGRADE[declared];
  return declared;
}

const DAY_MS = 86_400_000;
/** The longest gap between two runs of a control of each frequency. */
export const CONTROL_PERIOD_MS: Record<string, number> = {
  daily: DAY_MS,
  weekly: 7 * DAY_MS,
  monthly: 31 * DAY_MS,
  quarterly: 92 * DAY_MS,
};

/**
 * The outcome that still counts as evidence: a result older than twice the control's
 * frequency is as good as none (null). An unknown frequency keeps the result.
 */
export function currentOutcome(
  result: { outcome: ControlOutcome; ranAtMs: number } | null,
  frequency: string | null,
  nowMs: number,
): ControlOutcome | null {
  if (result === null) return null;
  const periodMs = frequency === null ? undefined : CONTROL_PERIOD_MS[frequency];
  if (periodMs !== undefined && nowMs - result.ranAtMs > 2 * periodMs) return null;
  return result.outcome;
}

export function stepsOf(effectiveness: Effectiveness): number {
  if (effectiveness === 'effective') return EFFECTIVE_STEPS;
  if (effectiveness === 'partially_effective') return 1;
  return 0;
}

export function residualOf(
  inherent: GridPoint,
  controls: readonly ControlForScoring[],
  transferCover: boolean,
): ResidualResult {
  assertGridPoint(inherent);
  const basis = controls.map((control) => {
    const effectiveness = effectivenessAfterTest(control.declared, control.latestOutcome);
    return { ...control, effectiveness, steps: stepsOf(effectiveness) };
  });
  const strongest = (kinds: readonly ControlKind[]) =>
    basis.filter((c) => kinds.includes(c.kind)).reduce((most, c) => Math.max(most, c.steps), 0);
  const likelihoodSteps = strongest(['preventive']);
  const impactSteps = strongest(['detective', 'corrective']) + (transferCover ? 1 : 0);
  const residual = {
    likelihood: Math.max(SCALE_MIN, inherent.likelihood - likelihoodSteps),
    impact: Math.max(SCALE_MIN, inherent.impact - impactSteps),
  };
  assert(residual.likelihood <= inherent.likelihood, 'residual likelihood within inherent');
  assert(residual.impact <= inherent.impact, 'residual impact within inherent');
  return { residual, basis };
}

/** Where a residual score stands against the risk's appetite and tolerance (both 1..25). */
export function toleranceStatusOf(
  residualScore: number,
  appetiteScore: number,
  toleranceScore: number,
): ToleranceStatus {
  assert(appetiteScore <= toleranceScore, 'appetite within tolerance');
  if (residualScore <= appetiteScore) return 'within_appetite';
  if (residualScore <= toleranceScore) return 'above_appetite';
  return 'above_tolerance';
}
