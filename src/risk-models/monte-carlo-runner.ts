import { Worker } from 'node:worker_threads';
import { assert } from '../assert.js';
import {
  blockCountOf,
  packRiskModels,
  simulateBlocks,
  type BlockRange,
} from './monte-carlo-kernel.js';
import type { MonteCarloWorkerData, MonteCarloWorkerMessage } from './monte-carlo-worker.js';
import { RISK_MODEL_LIMITS } from './risk-model-limits.js';
import type { RiskModel } from './risk-model-types.js';

/**
 * Runs the simulation on the calling thread (workers = 0) or on worker threads, each taking a
 * contiguous range of blocks. The trial losses land in one shared Float64Array in trial
 * order, so every statistic computed from it is the same for any worker count.
 */
export interface SimulationRequest {
  models: readonly RiskModel[];
  trials: number;
  seed: number;
  workers: number;
  /** Called with the share of blocks done, 0..1. */
  onProgress?: (done: number) => void;
}

export interface SimulationOutput {
  losses: Float64Array;
  /** Mean annual loss of each risk, in the order of the models. */
  riskMeans: number[];
  elapsedMs: number;
}

const PROGRESS_EVERY_BLOCKS = 8;

function runOnWorker(
  data: MonteCarloWorkerData,
  onBlocks: (blocks: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./monte-carlo-worker-entry.mjs', import.meta.url), {
      workerData: data,
    });
    let reported = 0;
    worker.on('message', (message: MonteCarloWorkerMessage) => {
      onBlocks(message.blocksDone - reported);
      reported = message.blocksDone;
      if (message.kind === 'done') resolve();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`Monte Carlo worker stopped with exit code ${code}`));
    });
  });
}

export function validateSimulationSize(
  models: readonly RiskModel[],
  trials: number,
): string | null {
  const limits = RISK_MODEL_LIMITS;
  if (models.length === 0) return 'no risk has a model';
  if (models.length > limits.risksMax) return `at most ${limits.risksMax} risks`;
  if (!Number.isInteger(trials) || trials < limits.trialsMin || trials > limits.trialsMax) {
    return `trials must be an integer from ${limits.trialsMin} to ${limits.trialsMax}`;
  }
  const eventsPerTrial = models.reduce((sum, m) => sum + m.frequency.meanPerYear, 0);
  if (eventsPerTrial > limits.expectedEventsPerTrialMax) {
    return `expected events per year over all risks is ${eventsPerTrial}, at most ${limits.expectedEventsPerTrialMax}`;
  }
  if (eventsPerTrial * trials > limits.severityDrawsMax) {
    return `trials × expected events (${Math.round(eventsPerTrial * trials)}) exceeds ${limits.severityDrawsMax}`;
  }
  return null;
}

export async function simulateAggregateLoss(request: SimulationRequest): Promise<SimulationOutput> {
  const { models, trials, seed } = request;
  assert(validateSimulationSize(models, trials) === null, 'simulation size validated');
  assert(request.workers >= 0 && request.workers <= RISK_MODEL_LIMITS.workersMax, 'workers');
  const startedMs = performance.now();
  const blockTrials = RISK_MODEL_LIMITS.blockTrials;
  const blocks = blockCountOf(trials, blockTrials);
  const packed = packRiskModels(models);
  const lossesBuffer = new SharedArrayBuffer(trials * 8);
  const riskSumsBuffer = new SharedArrayBuffer(blocks * models.length * 8);
  const losses = new Float64Array(lossesBuffer);
  const riskSums = new Float64Array(riskSumsBuffer);
  let blocksDone = 0;
  const progress = (count: number): void => {
    blocksDone += count;
    request.onProgress?.(blocksDone / blocks);
  };
  const range = (firstBlock: number, endBlock: number): BlockRange => ({
    seed,
    trials,
    blockTrials,
    firstBlock,
    endBlock,
  });
  if (request.workers === 0) {
    simulateBlocks(packed, range(0, blocks), losses, riskSums, () => progress(1));
  } else {
    const workers = Math.min(request.workers, blocks);
    const tasks: Promise<void>[] = [];
    for (let w = 0; w < workers; w += 1) {
      const first = Math.floor((w * blocks) / workers);
      const end = Math.floor(((w + 1) * blocks) / workers);
      const data: MonteCarloWorkerData = {
        packed,
        range: range(first, end),
        losses: lossesBuffer,
        riskSums: riskSumsBuffer,
        progressEveryBlocks: PROGRESS_EVERY_BLOCKS,
      };
      tasks.push(runOnWorker(data, progress));
    }
    await Promise.all(tasks);
  }
  assert(blocksDone === blocks, 'every block simulated once');
  const riskMeans = models.map((_, r) => {
    let sum = 0;
    for (let block = 0; block < blocks; block += 1) sum += riskSums[block * models.length + r] ?? 0;
    return sum / trials;
  });
  return { losses, riskMeans, elapsedMs: performance.now() - startedMs };
}
