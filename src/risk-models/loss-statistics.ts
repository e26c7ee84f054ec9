import { assert } from '../assert.js';

/**
 * Figures of a simulated loss distribution, from the trial losses in trial order. Quantiles
 * are empirical: VaR at level a is the ⌈a·n⌉-th smallest loss, ES the mean of the
 * k = max(1, n − ⌈a·n⌉) largest losses (the ones beyond VaR), so ES ≥ VaR and both rise with
 * the level.
 */
export interface TailFigure {
  level: number;
  valueAtRisk: number;
  expectedShortfall: number;
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface ConvergencePoint {
  trials: number;
  mean: number;
  standardError: number;
}

export interface LossStatistics {
  trials: number;
  mean: number;
  standardDeviation: number;
  standardErrorOfMean: number;
  minimum: number;
  maximum: number;
  tail: TailFigure[];
  /** Share of trials whose loss exceeds the reserve, and that share's standard error. */
  reserveExceedance: { reserve: number; probability: number; standardError: number } | null;
  histogram: { bins: HistogramBin[]; overflowFrom: number; overflowCount: number };
  convergence: ConvergencePoint[];
}

/** Index of the VaR order statistic at a level, in the sorted losses. */
export function tailIndex(trials: number, level: number): number {
  assert(trials >= 1, 'at least one trial');
  assert(level > 0 && level < 1, 'level in (0, 1)');
  return Math.min(trials - 1, Math.max(0, Math.ceil(level * trials) - 1));
}

/** How many of the largest losses the expected shortfall at a level averages. */
export function tailCount(trials: number, level: number): number {
  return Math.max(1, trials - (tailIndex(trials, level) + 1));
}

export function tailFigure(sorted: Float64Array, level: number): TailFigure {
  const index = tailIndex(sorted.length, level);
  const count = tailCount(sorted.length, level);
  let sum = 0;
  for (let i = sorted.length - count; i < sorted.length; i += 1) sum += sorted[i] ?? 0;
  const valueAtRisk = sorted[index] ?? 0;
  const expectedShortfall = sum / count;
  // Rounding in the sum must not put the mean of a tail below its smallest member.
  return { level, valueAtRisk, expectedShortfall: Math.max(expectedShortfall, valueAtRisk) };
}

/** Running mean and its standard error at evenly spaced checkpoints (Welford's update). */
export function convergencePoints(losses: Float64Array, checkpoints: number): ConvergencePoint[] {
  assert(checkpoints >= 1, 'at least one checkpoint');
  const points: ConvergencePoint[] = [];
  const step = losses.length / checkpoints;
  let next = 1;
  let mean = 0;
  let squares = 0;
  for (let i = 0; i < losses.length; i += 1) {
    const x = losses[i] ?? 0;
    const delta = x - mean;
    mean += delta / (i + 1);
    squares += delta * (x - mean);
    if (i + 1 >= Math.round(next * step)) {
      const n = i + 1;
      const variance = n > 1 ? squares / (n - 1) : 0;
      points.push({ trials: n, mean, standardError: Math.sqrt(variance / n) });
      next += 1;
    }
  }
  return points;
}

function histogramOf(
  sorted: Float64Array,
  binCount: number,
  upper: number,
): LossStatistics['histogram'] {
  const lower = sorted[0] ?? 0;
  // A range too small to split (below the smallest double per bin) gets unit-wide bins.
  const spread = (upper - lower) / binCount;
  const width = upper > lower && spread > 0 ? spread : 1;
  const bins: HistogramBin[] = Array.from({ length: binCount }, (_, index) => ({
    from: lower + index * width,
    to: lower + (index + 1) * width,
    count: 0,
  }));
  let overflowCount = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const x = sorted[i] ?? 0;
    if (x > upper) {
      overflowCount += 1;
      continue;
    }
    const index = Math.min(binCount - 1, Math.floor((x - lower) / width));
    const bin = bins[index];
    assert(bin !== undefined, 'histogram bin exists');
    bin.count += 1;
  }
  return { bins, overflowFrom: upper, overflowCount };
}

export interface StatisticsOptions {
  levels: readonly number[];
  reserve: number | null;
  histogramBins: number;
  convergenceCheckpoints: number;
}

export function lossStatistics(losses: Float64Array, options: StatisticsOptions): LossStatistics {
  const n = losses.length;
  assert(n >= 2, 'statistics need two trials');
  const convergence = convergencePoints(losses, options.convergenceCheckpoints);
  const last = convergence.at(-1);
  assert(last !== undefined && last.trials === n, 'convergence ends at the last trial');
  const sorted = Float64Array.from(losses).sort();
  let exceeding = 0;
  if (options.reserve !== null) {
    // Sorted: the first index above the reserve, by binary search.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] ?? 0) > options.reserve) hi = mid;
      else lo = mid + 1;
    }
    exceeding = n - lo;
  }
  const probability = exceeding / n;
  const tail = options.levels.map((level) => tailFigure(sorted, level));
  const histogramUpper = tailFigure(sorted, 0.999).valueAtRisk;
  return {
    trials: n,
    mean: last.mean,
    standardDeviation: last.standardError * Math.sqrt(n),
    standardErrorOfMean: last.standardError,
    minimum: sorted[0] ?? 0,
    maximum: sorted[n - 1] ?? 0,
    tail,
    reserveExceedance:
      options.reserve === null
        ? null
        : {
            reserve: options.reserve,
            probability,
            standardError: Math.sqrt((probability * (1 - probability)) / n),
          },
    histogram: histogramOf(sorted, options.histogramBins, histogramUpper),
    convergence,
  };
}
