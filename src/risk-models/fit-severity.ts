import { assert } from '../assert.js';
import type { SeverityModel } from './risk-model-types.js';
import { kolmogorovUpperTail, normalCdf } from './special-functions.js';

/**
 * Severity fits by maximum likelihood, each with its Kolmogorov–Smirnov distance to the data
 * and an approximate p-value (Stephens' small-sample form; optimistic, since the parameters
 * come from the same data) and the AIC, so two fits on the same losses can be compared.
 */
export interface SeverityFit {
  model: SeverityModel;
  sampleSize: number;
  logLikelihood: number;
  aic: number;
  ksDistance: number;
  ksPValue: number;
  /** Standard errors of the parameters, in the model's order. */
  standardErrors: number[];
}

export function ksDistance(sortedAscending: readonly number[], cdf: (x: number) => number): number {
  const n = sortedAscending.length;
  let distance = 0;
  sortedAscending.forEach((x, i) => {
    const f = cdf(x);
    distance = Math.max(distance, (i + 1) / n - f, f - i / n);
  });
  return distance;
}

function ksPValue(distance: number, n: number): number {
  const root = Math.sqrt(n);
  return kolmogorovUpperTail((root + 0.12 + 0.11 / root) * distance);
}

export function fitLognormal(lossesMinor: readonly number[]): SeverityFit {
  const n = lossesMinor.length;
  assert(n >= 2, 'a lognormal fit needs two losses');
  assert(
    lossesMinor.every((x) => x > 0),
    'losses are positive',
  );
  const logs = lossesMinor.map((x) => Math.log(x));
  const mu = logs.reduce((s, y) => s + y, 0) / n;
  const sigma = Math.sqrt(logs.reduce((s, y) => s + (y - mu) * (y - mu), 0) / n);
  const safeSigma = Math.max(sigma, 1e-9);
  const logLikelihood = logs.reduce(
    (s, y) =>
      s -
      y -
      Math.log(safeSigma) -
      0.5 * Math.log(2 * Math.PI) -
      ((y - mu) * (y - mu)) / (2 * safeSigma * safeSigma),
    0,
  );
  const sorted = [...lossesMinor].sort((a, b) => a - b);
  const distance = ksDistance(sorted, (x) => normalCdf((Math.log(x) - mu) / safeSigma));
  return {
    model: { kind: 'lognormal', mu, sigma: safeSigma },
    sampleSize: n,
    logLikelihood,
    aic: 4 - 2 * logLikelihood,
    ksDistance: distance,
    ksPValue: ksPValue(distance, n),
    standardErrors: [safeSigma / Math.sqrt(n), safeSigma / Math.sqrt(2 * n)],
  };
}

/**
 * Pareto above a threshold u: alpha = k / Σ ln(xᵢ / u) over the k losses at or above u (the
 * Hill estimator with a fixed threshold, which is the maximum-likelihood estimate).
 */
export function fitParetoTail(lossesMinor: readonly number[], thresholdMinor: number): SeverityFit {
  assert(thresholdMinor > 0, 'Pareto threshold is positive');
  const exceedances = lossesMinor.filter((x) => x >= thresholdMinor);
  const k = exceedances.length;
  assert(k >= 2, 'a Pareto fit needs two exceedances');
  const logExcess = exceedances.reduce((s, x) => s + Math.log(x / thresholdMinor), 0);
  assert(logExcess > 0, 'exceedances are not all at the threshold');
  const alpha = k / logExcess;
  const logLikelihood = exceedances.reduce(
    (s, x) => s + Math.log(alpha) + alpha * Math.log(thresholdMinor) - (alpha + 1) * Math.log(x),
    0,
  );
  const sorted = [...exceedances].sort((a, b) => a - b);
  const distance = ksDistance(sorted, (x) => 1 - Math.pow(thresholdMinor / x, alpha));
  return {
    model: { kind: 'pareto', scaleMinor: thresholdMinor, alpha },
    sampleSize: k,
    logLikelihood,
    aic: 2 - 2 * logLikelihood,
    ksDistance: distance,
    ksPValue: ksPValue(distance, k),
    standardErrors: [0, alpha / Math.sqrt(k)],
  };
}
