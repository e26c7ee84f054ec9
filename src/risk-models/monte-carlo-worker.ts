import { parentPort, workerData } from 'node:worker_threads';
import { assert } from '../assert.js';
import { simulateBlocks, type BlockRange } from './monte-carlo-kernel.js';

/**
 * One worker thread of a Monte Carlo run: simulates its range of blocks straight into the
 * shared loss and per-risk arrays and reports progress every few blocks.
 */
export interface MonteCarloWorkerData {
  packed: Float64Array;
  range: BlockRange;
  losses: SharedArrayBuffer;
  riskSums: SharedArrayBuffer;
  progressEveryBlocks: number;
}

export type MonteCarloWorkerMessage =
  { kind: 'progress'; blocksDone: number } | { kind: 'done'; blocksDone: number };

const data = workerData as MonteCarloWorkerData;
const port = parentPort;
assert(port !== null, 'monte-carlo-worker runs as a worker thread');
let blocksDone = 0;
simulateBlocks(
  data.packed,
  data.range,
  new Float64Array(data.losses),
  new Float64Array(data.riskSums),
  () => {
    blocksDone += 1;
    if (blocksDone % data.progressEveryBlocks === 0) {
      port.postMessage({ kind: 'progress', blocksDone } satisfies MonteCarloWorkerMessage);
    }
  },
);
port.postMessage({ kind: 'done', blocksDone } satisfies MonteCarloWorkerMessage);
