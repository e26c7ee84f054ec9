import os from 'node:os';
import {
  lossStatistics,
  simulateAggregateLoss,
  TAIL_LEVELS,
  type RiskModel,
} from '../src/risk-models/index.js';

// `npx tsx bench/monte-carlo-bench.ts`: time of one Monte Carlo run of the annual aggregate
// loss on 0 (this thread), 1 and 2 worker threads, median of 3, worker start-up included,
// then the statistics (sort, quantiles, histogram) on the trial losses. BENCH_QUICK=1 runs
// 100,000 trials instead of 1,000,000.
const trials = process.env.BENCH_QUICK === '1' ? 100_000 : 1_000_000;
const out = (line = '') => process.stdout.write(`${line}\n`);

/** A platform-sized register: eight risks, about 12 loss events a year in all. */
const MODELS: RiskModel[] = [
  {
    riskId: 'r1',
    frequency: { kind: 'poisson', meanPerYear: 4 },
    severity: { kind: 'lognormal', mu: 11, sigma: 1.2 },
    perEventCapMinor: null,
  },
  {
    riskId: 'r2',
    frequency: { kind: 'negative_binomial', meanPerYear: 2, size: 1.5 },
    severity: { kind: 'lognormal', mu: 13, sigma: 1.6 },
    perEventCapMinor: 5e10,
  },
  {
    riskId: 'r3',
    frequency: { kind: 'poisson', meanPerYear: 0.2 },
    severity: { kind: 'pareto', scaleMinor: 1e8, alpha: 1.8 },
    perEventCapMinor: 1e12,
  },
  {
    riskId: 'r4',
    frequency: { kind: 'poisson', meanPerYear: 3 },
    severity: { kind: 'lognormal', mu: 9, sigma: 0.8 },
    perEventCapMinor: null,
  },
  {
    riskId: 'r5',
    frequency: { kind: 'negative_binomial', meanPerYear: 1, size: 0.8 },
    severity: { kind: 'pareto', scaleMinor: 1e6, alpha: 2.5 },
    perEventCapMinor: null,
  },
  {
    riskId: 'r6',
    frequency: { kind: 'poisson', meanPerYear: 0.5 },
    severity: { kind: 'lognormal', mu: 15, sigma: 1 },
    perEventCapMinor: null,
  },
  {
    riskId: 'r7',
    frequency: { kind: 'poisson', meanPerYear: 1 },
    severity: { kind: 'lognormal', mu: 12, sigma: 2 },
    perEventCapMinor: 1e11,
  },
  {
    riskId: 'r8',
    frequency: { kind: 'poisson', meanPerYear: 0.3 },
    severity: { kind: 'pareto', scaleMinor: 5e7, alpha: 3 },
    perEventCapMinor: null,
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

out(
  `Monte Carlo: ${trials.toLocaleString('en-US')} trials, ${MODELS.length} risks, ${os.availableParallelism()} cores (median of 3)`,
);
let reference: Float64Array | null = null;
for (const workers of [0, 1, 2]) {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const cpuBefore = process.cpuUsage();
    const result = await simulateAggregateLoss({
      models: MODELS,
      trials,
      seed: 20_261_127,
      workers,
    });
    const cpu = process.cpuUsage(cpuBefore);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    times.push(result.elapsedMs);
    if (reference === null) reference = result.losses;
    else if (
      Buffer.compare(Buffer.from(reference.buffer), Buffer.from(result.losses.buffer)) !== 0
    ) {
      throw new Error(`workers ${workers}: losses differ from the first run`);
    }
  }
  const ms = median(times);
  const label = workers === 0 ? 'calling thread' : `${workers} worker${workers === 1 ? '' : 's'}`;
  const cpuMs = median(cpuTimes);
  out(
    `  ${label.padEnd(15)} ${(ms / 1000).toFixed(2)} s  ${Math.round((trials / ms) * 1000).toLocaleString('en-US')} trials/s  (process CPU ${(cpuMs / 1000).toFixed(2)} s)`,
  );
}
const startTimes: number[] = [];
for (let run = 0; run < 3; run += 1) {
  const result = await simulateAggregateLoss({
    models: MODELS,
    trials: 8_192,
    seed: 1,
    workers: 2,
  });
  startTimes.push(result.elapsedMs);
}
out(
  `  worker start-up ${(median(startTimes) / 1000).toFixed(2)} s  (2 workers, 8,192 trials: loading the TypeScript kernel)`,
);
const statsTimes: number[] = [];
for (let run = 0; run < 3; run += 1) {
  const started = performance.now();
  lossStatistics(reference ?? new Float64Array(2), {
    levels: TAIL_LEVELS,
    reserve: 1e10,
    histogramBins: 40,
    convergenceCheckpoints: 40,
  });
  statsTimes.push(performance.now() - started);
}
out(
  `  statistics      ${(median(statsTimes) / 1000).toFixed(2)} s  (sort, VaR/ES, histogram, convergence)`,
);
out('  every run gave bit-identical losses for the same seed, on any worker count');
