import { assert } from '../assert.js';
import type { FrequencyModel } from './risk-model-types.js';
import { logGamma } from './special-functions.js';

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365;

/**
 * Loss counts per year of observation: whole 365-day years counted back from the end of the
 * window (an event on the last day belongs to the latest year). Events before the first whole
 * year, or after the end, are left out.
 */
export function annualCounts(
  occurredOnMs: readonly number[],
  observedFromMs: number,
  observedToMs: number,
): number[] {
  assert(observedToMs > observedFromMs, 'observation window ordered');
  const years = Math.floor((observedToMs - observedFromMs) / DAY_MS / YEAR_DAYS);
  const counts = new Array<number>(years).fill(0);
  for (const atMs of occurredOnMs) {
    if (atMs > observedToMs) continue;
    const back = Math.floor((observedToMs - atMs) / DAY_MS / YEAR_DAYS);
    if (back < years) counts[years - 1 - back] = (counts[years - 1 - back] ?? 0) + 1;
  }
  return counts;
}

export interface FrequencyFit {
  model: FrequencyModel;
  years: number;
  mean: number;
  variance: number;
  /** variance / mean: 1 for Poisson, above 1 overdispersed. */
  dispersionIndex: number;
  aicPoisson: number;
  aicNegativeBinomial: number | null;
}

function poissonLogLikelihood(counts: readonly number[], mean: number): number {
  if (mean === 0) return counts.every((c) => c === 0) ? 0 : Number.NEGATIVE_INFINITY;
  return counts.reduce((sum, k) => sum + k * Math.log(mean) - mean - logGamma(k + 1), 0);
}

function negativeBinomialLogLikelihood(
  counts: readonly number[],
  mean: number,
  size: number,
): number {
  const p = size / (size + mean);
  return counts.reduce(
    (sum, k) =>
      sum +
      logGamma(k + size) -
      logGamma(size) -
      logGamma(k + 1) +
      size * Math.log(p) +
      k * Math.log(1 - p),
    0,
  );
}

/**
 * Poisson by maximum likelihood (the mean count); negative binomial by the method of moments
 * when the counts are overdispersed (size = mean² / (variance − mean)). The negative binomial
 * is chosen only when its AIC is lower: one more parameter must pay for itself.
 */
export function fitFrequency(counts: readonly number[]): FrequencyFit {
  assert(counts.length >= 2, 'a frequency fit needs two years');
  const n = counts.length;
  const mean = counts.reduce((s, c) => s + c, 0) / n;
  const variance = counts.reduce((s, c) => s + (c - mean) * (c - mean), 0) / (n - 1);
  const aicPoisson = 2 - 2 * poissonLogLikelihood(counts, mean);
  let aicNegativeBinomial: number | null = null;
  let model: FrequencyModel = { kind: 'poisson', meanPerYear: mean };
  if (mean > 0 && variance > mean) {
    const size = (mean * mean) / (variance - mean);
    aicNegativeBinomial = 4 - 2 * negativeBinomialLogLikelihood(counts, mean, size);
    if (aicNegativeBinomial < aicPoisson) {
      model = { kind: 'negative_binomial', meanPerYear: mean, size };
    }
  }
  return {
    model,
    years: n,
    mean,
    variance,
    dispersionIndex: mean > 0 ? variance / mean : 0,
    aicPoisson,
    aicNegativeBinomial,
  };
}
