/**
 * A risk's quantitative model: how often losses happen in a year and how large each one is.
 * Severity is in minor units of the model's currency.
 */
export type FrequencyModel =
  | { kind: 'poisson'; meanPerYear: number }
  /** Variance meanPerYear + meanPerYear² / size: overdispersed counts. */
  | { kind: 'negative_binomial'; meanPerYear: number; size: number };

export type SeverityModel =
  /** ln(loss in minor units) ~ Normal(mu, sigma). */
  | { kind: 'lognormal'; mu: number; sigma: number }
  /** Pareto type I: P(X > x) = (scaleMinor / x)^alpha for x ≥ scaleMinor. */
  | { kind: 'pareto'; scaleMinor: number; alpha: number };

export interface RiskModel {
  riskId: string;
  frequency: FrequencyModel;
  severity: SeverityModel;
  /** Largest loss one event can cause (an insured limit, the exposure); null: unbounded. */
  perEventCapMinor: number | null;
}

/** Where a model's parameters came from. */
export type ModelSource = 'expert' | 'fitted';
