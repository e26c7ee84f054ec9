import { assert } from '../assert.js';
import { blockSeedWords, Xoshiro128 } from './prng.js';
import {
  POISSON_INVERSION_MEAN_MAX,
  sampleLognormal,
  sampleNegativeBinomial,
  samplePareto,
  samplePoisson,
  samplePoissonInversion,
} from './samplers.js';
import type { RiskModel } from './risk-model-types.js';

/**
 * The simulation loop, shared by the calling thread and the workers: pure, no I/O, no
 * allocation per trial. Each block of trials draws from its own generator seeded by
 * (seed, block index), so a run's numbers depend on the seed and the trial count only,
 * never on how many workers ran it or in which order blocks finished.
 */
export const RISK_PARAMS_STRIDE = 8;
const FREQUENCY_POISSON = 0;
const FREQUENCY_NEGATIVE_BINOMIAL = 1;
const SEVERITY_LOGNORMAL = 0;
const SEVERITY_PARETO = 1;

/** Flattens models into numbers: what a worker receives. */
export function packRiskModels(models: readonly RiskModel[]): Float64Array {
  const packed = new Float64Array(models.length * RISK_PARAMS_STRIDE);
  models.forEach((model, index) => {
    const base = index * RISK_PARAMS_STRIDE;
    const f = model.frequency;
    const s = model.severity;
    packed[base] = f.kind === 'poisson' ? FREQUENCY_POISSON : FREQUENCY_NEGATIVE_BINOMIAL;
    packed[base + 1] = f.meanPerYear;
    packed[base + 2] = f.kind === 'negative_binomial' ? f.size : 0;
    packed[base + 3] = s.kind === 'lognormal' ? SEVERITY_LOGNORMAL : SEVERITY_PARETO;
    packed[base + 4] = s.kind === 'lognormal' ? s.mu : s.scaleMinor;
    packed[base + 5] = s.kind === 'lognormal' ? s.sigma : s.alpha;
    packed[base + 6] = model.perEventCapMinor ?? Number.POSITIVE_INFINITY;
    packed[base + 7] = Math.exp(-f.meanPerYear);
  });
  return packed;
}

export interface BlockRange {
  seed: number;
  trials: number;
  blockTrials: number;
  firstBlock: number;
  /** One past the last block. */
  endBlock: number;
}

/**
 * Simulates blocks [firstBlock, endBlock): losses[t] receives trial t's aggregate annual loss,
 * riskSums[block × risks + r] the sum of risk r's losses over the block's trials.
 * onBlock is called after every block (progress).
 */
export function simulateBlocks(
  packed: Float64Array,
  range: BlockRange,
  losses: Float64Array,
  riskSums: Float64Array,
  onBlock: (block: number) => void = () => undefined,
): void {
  const riskCount = packed.length / RISK_PARAMS_STRIDE;
  assert(Number.isInteger(riskCount) && riskCount >= 1, 'at least one packed risk');
  assert(losses.length === range.trials, 'one loss slot per trial');
  assert(range.firstBlock <= range.endBlock, 'block range ordered');
  const rng = new Xoshiro128([1, 2, 3, 4]);
  // One accumulator per risk for the block in flight: the only allocation of a run.
  const blockSums = new Float64Array(riskCount);
  for (let block = range.firstBlock; block < range.endBlock; block += 1) {
    rng.reseed(blockSeedWords(range.seed, block));
    const start = block * range.blockTrials;
    const end = Math.min(range.trials, start + range.blockTrials);
    assert(start < end, 'block inside the run');
    blockSums.fill(0);
    for (let trial = start; trial < end; trial += 1) {
      let total = 0;
      for (let r = 0; r < riskCount; r += 1) {
        const riskLoss = simulateRiskYear(rng, packed, r * RISK_PARAMS_STRIDE);
        blockSums[r] = (blockSums[r] ?? 0) + riskLoss;
        total += riskLoss;
      }
      losses[trial] = total;
    }
    riskSums.set(blockSums, block * riskCount);
    onBlock(block);
  }
}

function simulateRiskYear(rng: Xoshiro128, packed: Float64Array, base: number): number {
  const mean = packed[base + 1] ?? 0;
  let count: number;
  if (packed[base] !== FREQUENCY_POISSON) {
    count = sampleNegativeBinomial(rng, mean, packed[base + 2] ?? 1);
  } else if (mean > 0 && mean < POISSON_INVERSION_MEAN_MAX) {
    count = samplePoissonInversion(rng, mean, packed[base + 7] ?? 0);
  } else {
    count = samplePoisson(rng, mean);
  }
  if (count === 0) return 0;
  const lognormal = packed[base + 3] === SEVERITY_LOGNORMAL;
  const p1 = packed[base + 4] ?? 0;
  const p2 = packed[base + 5] ?? 0;
  const cap = packed[base + 6] ?? Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let event = 0; event < count; event += 1) {
    const loss = lognormal ? sampleLognormal(rng, p1, p2) : samplePareto(rng, p1, p2);
    sum += loss < cap ? loss : cap;
  }
  return sum;
}

export function blockCountOf(trials: number, blockTrials: number): number {
  return Math.ceil(trials / blockTrials);
}
