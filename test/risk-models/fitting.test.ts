import { describe, expect, it } from 'vitest';
import { annualCounts, fitFrequency } from '../../src/risk-models/fit-frequency.js';
import { compoundMoments } from '../../src/risk-models/compound-moments.js';
import { fitRiskModel, type LossEvent } from '../../src/risk-models/fit-risk-model.js';
import { fitLognormal, fitParetoTail } from '../../src/risk-models/fit-severity.js';
import { blockSeedWords, Xoshiro128 } from '../../src/risk-models/prng.js';
import {
  sampleLognormal,
  sampleNegativeBinomial,
  samplePareto,
  samplePoisson,
} from '../../src/risk-models/samplers.js';
import { normalCdf } from '../../src/risk-models/special-functions.js';

// Goal: each fit recovers the parameters of synthetic data drawn from a known distribution,
// prefers the right family, and the minimum-sample rule keeps expert parameters and says so.

const rng = new Xoshiro128(blockSeedWords(101202303404, 0));

describe('frequency fits', () => {
  it('recovers a Poisson mean and keeps Poisson for equidispersed counts', () => {
    const counts = Array.from({ length: 3000 }, () => samplePoisson(rng, 6.5));
    const fit = fitFrequency(counts);
    expect(fit.model.kind).toBe('poisson');
    expect(Math.abs(fit.model.meanPerYear - 6.5)).toBeLessThan(4 * Math.sqrt(6.5 / 3000));
    expect(fit.dispersionIndex).toBeGreaterThan(0.9);
    expect(fit.dispersionIndex).toBeLessThan(1.1);
  });

  it('recovers a negative binomial size from overdispersed counts', () => {
    const counts = Array.from({ length: 5000 }, () => sampleNegativeBinomial(rng, 5, 2));
    const fit = fitFrequency(counts);
    expect(fit.model.kind).toBe('negative_binomial');
    if (fit.model.kind !== 'negative_binomial') return;
    expect(Math.abs(fit.model.meanPerYear - 5)).toBeLessThan(0.15);
    expect(Math.abs(fit.model.size - 2)).toBeLessThan(0.3);
  });

  it('counts events per whole year back from the end of the window', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    const counts = annualCounts(
      [
        day('2023-06-01'),
        day('2024-06-01'),
        day('2024-07-01'),
        day('2026-01-01'),
        day('2019-01-01'),
      ],
      day('2023-01-01'),
      day('2026-01-01') + 86_399_999,
    );
    expect(counts).toEqual([1, 2, 1]);
  });
});

describe('severity fits', () => {
  it('recovers lognormal mu and sigma', () => {
    const losses = Array.from({ length: 20_000 }, () => sampleLognormal(rng, 11, 1.3));
    const fit = fitLognormal(losses);
    expect(fit.model.kind).toBe('lognormal');
    if (fit.model.kind !== 'lognormal') return;
    expect(Math.abs(fit.model.mu - 11)).toBeLessThan(4 * (fit.standardErrors[0] ?? 0));
    expect(Math.abs(fit.model.sigma - 1.3)).toBeLessThan(4 * (fit.standardErrors[1] ?? 0));
    expect(fit.ksPValue).toBeGreaterThan(0.001);
  });

  it('recovers a Pareto tail index above a threshold', () => {
    const losses = Array.from({ length: 20_000 }, () => samplePareto(rng, 100_000, 2.2));
    const fit = fitParetoTail(losses, 100_000);
    if (fit.model.kind !== 'pareto') throw new Error('pareto expected');
    expect(Math.abs(fit.model.alpha - 2.2)).toBeLessThan(4 * (fit.standardErrors[1] ?? 0));
    const lognormal = fitLognormal(losses);
    expect(fit.aic).toBeLessThan(lognormal.aic);
    expect(lognormal.ksDistance).toBeGreaterThan(fit.ksDistance);
  });
});

describe('fitRiskModel', () => {
  const expert = {
    riskId: 'rsk_x',
    frequency: { kind: 'poisson' as const, meanPerYear: 2 },
    severity: { kind: 'lognormal' as const, mu: 9, sigma: 1 },
    perEventCapMinor: 5_000_000,
  };

  function syntheticEvents(years: number, meanPerYear: number): LossEvent[] {
    const events: LossEvent[] = [];
    for (let year = 0; year < years; year += 1) {
      const count = samplePoisson(rng, meanPerYear);
      for (let i = 0; i < count; i += 1) {
        const loss = BigInt(Math.max(1, Math.round(sampleLognormal(rng, 12, 0.9))));
        const month = String(1 + (i % 12)).padStart(2, '0');
        events.push({
          occurredOn: `${2000 + year}-${month}-15`,
          netLossMinor: loss,
          currency: 'CNY',
        });
      }
    }
    return events;
  }

  it('fits both parts when the data suffice', () => {
    const events = syntheticEvents(20, 40);
    events.push({ occurredOn: '2010-01-01', netLossMinor: 500n, currency: 'USD' });
    const fitted = fitRiskModel({
      riskId: 'rsk_x',
      currency: 'CNY',
      events,
      observedFrom: '2000-01-01',
      observedTo: '2019-12-31',
      severity: 'auto',
      thresholdMinor: null,
      expert,
    });
    expect(fitted.ok).toBe(true);
    if (!fitted.ok) return;
    expect(fitted.value.frequencySource).toBe('fitted');
    expect(fitted.value.severitySource).toBe('fitted');
    expect(fitted.value.model.severity.kind).toBe('lognormal');
    expect(Math.abs(fitted.value.model.frequency.meanPerYear - 40)).toBeLessThan(6);
    expect(fitted.value.eventsLeftOut).toBe(1);
    expect(fitted.value.model.perEventCapMinor).toBe(5_000_000);
  });

  it('keeps expert parameters below the minimum sample, and says so', () => {
    const events = syntheticEvents(2, 5);
    const fitted = fitRiskModel({
      riskId: 'rsk_x',
      currency: 'CNY',
      events,
      observedFrom: '2000-01-01',
      observedTo: '2001-12-31',
      severity: 'lognormal',
      thresholdMinor: null,
      expert,
    });
    expect(fitted.ok).toBe(true);
    if (!fitted.ok) return;
    expect(fitted.value.frequencySource).toBe('expert');
    expect(fitted.value.severitySource).toBe('expert');
    expect(fitted.value.model.frequency).toEqual(expert.frequency);
    expect(fitted.value.notes.join(' ')).toMatch(/expert parameters kept/);
  });

  it('refuses when data are too few and there are no expert parameters', () => {
    const fitted = fitRiskModel({
      riskId: 'rsk_x',
      currency: 'CNY',
      events: [],
      observedFrom: '2020-01-01',
      observedTo: '2021-01-01',
      severity: 'auto',
      thresholdMinor: null,
      expert: null,
    });
    expect(fitted.ok).toBe(false);
  });

  describe('with a threshold at the 80th percentile of lognormal losses', () => {
    // 200 losses of lognormal(μ = 12, σ = 1), 20 a year over 10 years.
    const tailRng = new Xoshiro128(blockSeedWords(5_550_001, 0));
    const events: LossEvent[] = Array.from({ length: 200 }, (_, i) => ({
      occurredOn: `${2010 + Math.floor(i / 20)}-${String(1 + (i % 12)).padStart(2, '0')}-10`,
      netLossMinor: BigInt(Math.max(1, Math.round(sampleLognormal(tailRng, 12, 1)))),
      currency: 'CNY',
    }));
    const sorted = events.map((e) => Number(e.netLossMinor)).sort((a, b) => a - b);
    const threshold = sorted[160] ?? 0;
    const trueMean = 20 * Math.exp(12.5);
    // E[X; X ≥ u] of lognormal(μ, σ) is e^(μ+σ²/2) Φ(σ − (ln u − μ)/σ).
    const trueTailMean = trueMean * normalCdf(1 - (Math.log(threshold) - 12));

    for (const severity of ['auto', 'pareto'] as const) {
      it(`${severity}: counts and fits exceedances only, so the expected loss is near the true one`, () => {
        const fitted = fitRiskModel({
          riskId: 'rsk_x',
          currency: 'CNY',
          events,
          observedFrom: '2010-01-01',
          observedTo: '2019-12-31',
          severity,
          thresholdMinor: threshold,
          expert: null,
        });
        expect(fitted.ok).toBe(true);
        if (!fitted.ok) return;
        const { model, severityFits, frequencyFit } = fitted.value;
        expect(frequencyFit?.mean).toBe(4);
        for (const fit of severityFits) expect(fit.sampleSize).toBe(40);
        const mean = compoundMoments(model)?.mean ?? Number.NaN;
        expect(mean / trueTailMean).toBeGreaterThan(0.6);
        expect(mean / trueTailMean).toBeLessThan(1.6);
        expect(mean).toBeLessThan(1.2 * trueMean);
      });
    }
  });
});
