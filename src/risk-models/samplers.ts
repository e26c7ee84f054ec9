import { assert } from '../assert.js';
import type { Xoshiro128 } from './prng.js';
import { logGamma } from './special-functions.js';

/**
 * Random variates from one generator. Rejection loops are bounded: their acceptance rates are
 * above 0.5, so reaching the bound means the generator is broken, and that is asserted.
 */
export const REJECTION_TRIES_MAX = 10_000;
/** Below this mean the Poisson sampler inverts the distribution; above it, PTRS. */
export const POISSON_INVERSION_MEAN_MAX = 30;

/** A standard normal variate (Marsaglia's polar method; the pair's second value is kept). */
export function sampleNormal(rng: Xoshiro128): number {
  const spare = rng.spareNormal;
  if (spare === spare) {
    rng.spareNormal = Number.NaN;
    return spare;
  }
  for (let tries = 0; tries < REJECTION_TRIES_MAX; tries += 1) {
    const u = 2 * rng.nextOpen01() - 1;
    const v = 2 * rng.nextOpen01() - 1;
    const s = u * u + v * v;
    if (s >= 1 || s === 0) continue;
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    rng.spareNormal = v * factor;
    return u * factor;
  }
  assert(false, 'normal sampler did not accept');
}

export function sampleLognormal(rng: Xoshiro128, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * sampleNormal(rng));
}

/** Pareto type I with scale (minimum) xm and tail index alpha, by inversion. */
export function samplePareto(rng: Xoshiro128, scale: number, alpha: number): number {
  return scale * Math.pow(rng.nextOpen01(), -1 / alpha);
}

/** Gamma(shape, scale) by Marsaglia–Tsang; a shape below one is boosted by U^(1/shape). */
export function sampleGamma(rng: Xoshiro128, shape: number, scale: number): number {
  assert(shape > 0 && scale > 0, 'gamma shape and scale are positive');
  if (shape < 1) {
    const boosted = sampleGamma(rng, shape + 1, scale);
    return boosted * Math.pow(rng.nextOpen01(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let tries = 0; tries < REJECTION_TRIES_MAX; tries += 1) {
    const x = sampleNormal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.nextOpen01();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
  }
  assert(false, 'gamma sampler did not accept');
}

/** Inversion for a mean below 30, given e^(−mean) (the kernel computes it once per risk). */
export function samplePoissonInversion(
  rng: Xoshiro128,
  mean: number,
  expNegativeMean: number,
): number {
  const u = rng.nextOpen01();
  let probability = expNegativeMean;
  let cumulative = probability;
  let k = 0;
  // For means below 30 the mass beyond 400 is far below 2^-53, so the bound never binds.
  while (u > cumulative && k < 400) {
    k += 1;
    probability *= mean / k;
    cumulative += probability;
  }
  return k;
}

/** Hörmann's transformed rejection with squeeze (PTRS), for large means. */
function samplePoissonPtrs(rng: Xoshiro128, mean: number): number {
  const sqrtMean = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * sqrtMean;
  const a = -0.059 + 0.02483 * b;
  const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (let tries = 0; tries < REJECTION_TRIES_MAX; tries += 1) {
    const u = rng.nextOpen01() - 0.5;
    const v = rng.nextOpen01();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const left = Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b);
    if (left <= -mean + k * logMean - logGamma(k + 1)) return k;
  }
  assert(false, 'Poisson sampler did not accept');
}

export function samplePoisson(rng: Xoshiro128, mean: number): number {
  assert(mean >= 0, 'Poisson mean >= 0');
  if (mean === 0) return 0;
  if (mean < POISSON_INVERSION_MEAN_MAX) return samplePoissonInversion(rng, mean, Math.exp(-mean));
  return samplePoissonPtrs(rng, mean);
}

/**
 * Negative binomial with the given mean and size r (variance mean + mean²/r), as a gamma
 * mixture of Poissons: Λ ~ Gamma(r, mean/r), N ~ Poisson(Λ).
 */
export function sampleNegativeBinomial(rng: Xoshiro128, mean: number, size: number): number {
  if (mean === 0) return 0;
  return samplePoisson(rng, sampleGamma(rng, size, mean / size));
}
