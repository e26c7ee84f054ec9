import type { FrequencyModel, RiskModel, SeverityModel } from './risk-model-types.js';

/**
 * Closed-form mean and variance of a compound annual loss S = X₁ + … + X_N with N and the Xᵢ
 * independent: E[S] = E[N]·E[X], Var[S] = E[N]·Var[X] + Var[N]·E[X]². Used to check the
 * simulation and shown beside it. Infinite where the severity's moment does not exist
 * (Pareto alpha ≤ 1 or ≤ 2); null with a per-event cap, which has no simple closed form here.
 */
export interface CompoundMoments {
  mean: number;
  variance: number;
}

function frequencyMoments(model: FrequencyModel): { mean: number; variance: number } {
  if (model.kind === 'poisson') return { mean: model.meanPerYear, variance: model.meanPerYear };
  const mean = model.meanPerYear;
  return { mean, variance: mean + (mean * mean) / model.size };
}

function severityMoments(model: SeverityModel): { mean: number; secondMoment: number } {
  if (model.kind === 'lognormal') {
    const s2 = model.sigma * model.sigma;
    return {
      mean: Math.exp(model.mu + s2 / 2),
      secondMoment: Math.exp(2 * model.mu + 2 * s2),
    };
  }
  const { alpha, scaleMinor } = model;
  return {
    mean: alpha > 1 ? (alpha * scaleMinor) / (alpha - 1) : Number.POSITIVE_INFINITY,
    secondMoment:
      alpha > 2 ? (alpha * scaleMinor * scaleMinor) / (alpha - 2) : Number.POSITIVE_INFINITY,
  };
}

export function compoundMoments(model: RiskModel): CompoundMoments | null {
  if (model.perEventCapMinor !== null) return null;
  const n = frequencyMoments(model.frequency);
  const x = severityMoments(model.severity);
  const severityVariance = x.secondMoment - x.mean * x.mean;
  return {
    mean: n.mean * x.mean,
    variance: n.mean * severityVariance + n.variance * x.mean * x.mean,
  };
}

/** Moments of the sum of independent risks: means and variances add. */
export function portfolioMoments(models: readonly RiskModel[]): CompoundMoments | null {
  let mean = 0;
  let variance = 0;
  for (const model of models) {
    const moments = compoundMoments(model);
    if (moments === null) return null;
    mean += moments.mean;
    variance += moments.variance;
  }
  return { mean, variance };
}
