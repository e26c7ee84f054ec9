import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portfolioMoments } from '../../src/risk-models/compound-moments.js';
import { lossStatistics, tailFigure } from '../../src/risk-models/loss-statistics.js';
import { simulateAggregateLoss } from '../../src/risk-models/monte-carlo-runner.js';
import { blockSeedWords, Xoshiro128 } from '../../src/risk-models/prng.js';
import {
  sampleGamma,
  sampleNegativeBinomial,
  samplePoisson,
} from '../../src/risk-models/samplers.js';
import type { RiskModel } from '../../src/risk-models/risk-model-types.js';

// Goal: the simulation agrees with closed forms within a few standard errors, a seeded run
// is reproducible to the last bit (also across worker counts), and the tail figures obey
// their order properties.

const POISSON_LOGNORMAL: RiskModel = {
  riskId: 'rsk_a',
  frequency: { kind: 'poisson', meanPerYear: 4 },
  severity: { kind: 'lognormal', mu: 10, sigma: 0.8 },
  perEventCapMinor: null,
};
const NB_PARETO: RiskModel = {
  riskId: 'rsk_b',
  frequency: { kind: 'negative_binomial', meanPerYear: 1.5, size: 2 },
  severity: { kind: 'pareto', scaleMinor: 50_000, alpha: 4.5 },
  perEventCapMinor: null,
};

function sampleMoments(draw: () => number, n: number): { mean: number; variance: number } {
  let mean = 0;
  let squares = 0;
  for (let i = 0; i < n; i += 1) {
    const x = draw();
    const delta = x - mean;
    mean += delta / (i + 1);
    squares += delta * (x - mean);
  }
  return { mean, variance: squares / (n - 1) };
}

describe('samplers', () => {
  it.each([0.3, 7, 29.9, 30, 250, 5000])('Poisson(%d) has mean and variance λ', (lambda) => {
    const rng = new Xoshiro128(blockSeedWords(11223344, 0));
    const n = 200_000;
    const m = sampleMoments(() => samplePoisson(rng, lambda), n);
    expect(Math.abs(m.mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
    expect(Math.abs(m.variance / lambda - 1)).toBeLessThan(0.03);
  });

  it.each([0.4, 1, 3.5])('Gamma(%d, 2) has mean 2k and variance 4k', (shape) => {
    const rng = new Xoshiro128(blockSeedWords(5678, 0));
    const m = sampleMoments(() => sampleGamma(rng, shape, 2), 200_000);
    expect(Math.abs(m.mean - 2 * shape)).toBeLessThan(5 * Math.sqrt((4 * shape) / 200_000));
    expect(Math.abs(m.variance / (4 * shape) - 1)).toBeLessThan(0.04);
  });

  it('negative binomial has variance mean + mean²/size', () => {
    const rng = new Xoshiro128(blockSeedWords(9876, 0));
    const m = sampleMoments(() => sampleNegativeBinomial(rng, 6, 1.5), 200_000);
    expect(Math.abs(m.mean - 6)).toBeLessThan(0.05);
    expect(Math.abs(m.variance / (6 + 36 / 1.5) - 1)).toBeLessThan(0.05);
  });
});

describe('aggregate loss simulation', () => {
  it('matches the compound mean and variance within a few standard errors', async () => {
    const models = [POISSON_LOGNORMAL, NB_PARETO];
    const closed = portfolioMoments(models);
    expect(closed).not.toBeNull();
    const out = await simulateAggregateLoss({ models, trials: 400_000, seed: 7, workers: 0 });
    const stats = lossStatistics(out.losses, {
      levels: [0.99],
      reserve: null,
      histogramBins: 10,
      convergenceCheckpoints: 4,
    });
    const expected = closed?.mean ?? 0;
    const variance = closed?.variance ?? 0;
    expect(Math.abs(stats.mean - expected)).toBeLessThan(4 * stats.standardErrorOfMean);
    // The sample variance of a heavy-ish sum converges slowly: a few percent.
    expect(Math.abs(stats.standardDeviation ** 2 / variance - 1)).toBeLessThan(0.06);
    expect(Math.abs((out.riskMeans[0] ?? 0) / (4 * Math.exp(10 + 0.32)) - 1)).toBeLessThan(0.02);
  });

  it('is reproducible for a seed, on any number of workers, and differs for another seed', async () => {
    const request = { models: [POISSON_LOGNORMAL, NB_PARETO], trials: 50_000, seed: 123 };
    const inline = await simulateAggregateLoss({ ...request, workers: 0 });
    const again = await simulateAggregateLoss({ ...request, workers: 0 });
    const two = await simulateAggregateLoss({ ...request, workers: 2 });
    const three = await simulateAggregateLoss({ ...request, workers: 3 });
    expect(Buffer.from(again.losses.buffer)).toEqual(Buffer.from(inline.losses.buffer));
    expect(Buffer.from(two.losses.buffer)).toEqual(Buffer.from(inline.losses.buffer));
    expect(Buffer.from(three.losses.buffer)).toEqual(Buffer.from(inline.losses.buffer));
    expect(two.riskMeans).toEqual(inline.riskMeans);
    const other = await simulateAggregateLoss({ ...request, seed: 124, workers: 0 });
    expect(Buffer.from(other.losses.buffer)).not.toEqual(Buffer.from(inline.losses.buffer));
  });

  it('reports progress up to the whole run', async () => {
    const seen: number[] = [];
    await simulateAggregateLoss({
      models: [POISSON_LOGNORMAL],
      trials: 20_000,
      seed: 1,
      workers: 0,
      onProgress: (done) => seen.push(done),
    });
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});

describe('tail figures', () => {
  const lossArrays = fc
    .array(fc.double({ min: 0, max: 1e12, noNaN: true }), { minLength: 2, maxLength: 300 })
    .map((xs) => Float64Array.from(xs).sort());

  it('ES ≥ VaR, and both rise with the level', () => {
    fc.assert(
      fc.property(
        lossArrays,
        fc.double({ min: 0.01, max: 0.98, noNaN: true }),
        fc.double({ min: 0.001, max: 0.019, noNaN: true }),
        (sorted, level, step) => {
          const low = tailFigure(sorted, level);
          const high = tailFigure(sorted, level + step);
          expect(low.expectedShortfall).toBeGreaterThanOrEqual(low.valueAtRisk);
          expect(high.valueAtRisk).toBeGreaterThanOrEqual(low.valueAtRisk);
          expect(high.expectedShortfall).toBeGreaterThanOrEqual(
            low.expectedShortfall * (1 - 1e-12),
          );
          expect(low.valueAtRisk).toBeLessThanOrEqual(sorted[sorted.length - 1] ?? 0);
        },
      ),
    );
  });

  it('averages the k = n − ⌈a·n⌉ largest losses for ES, not the VaR loss as well', () => {
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    const es99 = tailFigure(sorted, 0.99);
    expect(es99.valueAtRisk).toBe(990);
    expect(es99.expectedShortfall).toBe(995.5);
    expect(tailFigure(sorted, 0.999).expectedShortfall).toBe(1000);
    // Fewer trials than the level resolves: the largest loss alone.
    expect(tailFigure(Float64Array.from([1, 2, 3]), 0.999).expectedShortfall).toBe(3);
  });

  it('bins a range narrower than one double per bin', () => {
    const stats = lossStatistics(Float64Array.from([5e-324, 0]), {
      levels: [0.99],
      reserve: 0,
      histogramBins: 7,
      convergenceCheckpoints: 3,
    });
    const binned = stats.histogram.bins.reduce((s, b) => s + b.count, 0);
    expect(binned + stats.histogram.overflowCount).toBe(2);
  });

  it('counts every trial once in the histogram and the reserve exceedance', () => {
    fc.assert(
      fc.property(lossArrays, fc.double({ min: 0, max: 1e12, noNaN: true }), (sorted, reserve) => {
        const losses = Float64Array.from(sorted).reverse();
        const stats = lossStatistics(losses, {
          levels: [0.99, 0.999],
          reserve,
          histogramBins: 7,
          convergenceCheckpoints: 3,
        });
        const binned = stats.histogram.bins.reduce((s, b) => s + b.count, 0);
        expect(binned + stats.histogram.overflowCount).toBe(losses.length);
        const above = [...losses].filter((x) => x > reserve).length;
        expect(stats.reserveExceedance?.probability).toBe(above / losses.length);
        expect(stats.convergence.at(-1)?.trials).toBe(losses.length);
      }),
    );
  });
});
