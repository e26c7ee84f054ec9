import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { assert } from '../assert.js';
import { decideLvtr, LvtrAccumulator } from './lvtr-aggregate.js';
import type { PostedMovement } from './lvtr-legs.js';

export const BENCH_INSTRUCTIONS_DEFAULT = 1_000_000;
export const BENCH_RUNS_MAX = 9;
const BENCH_CUSTOMERS = 100_000;
const BENCH_RATES = new Map([
  ['USD', 7_100_000n],
  ['EUR', 7_750_000n],
]);

export interface LvtrBenchFigures {
  instructions: number;
  legs: number;
  items: number;
  runsMs: number[];
  medianMs: number;
  /** CPU time (user + system) of each run: wall time on a shared machine includes waiting. */
  runsCpuMs: number[];
  medianCpuMs: number;
  instructionsPerSecond: number;
}

const CHANNELS = [
  { cash: false, crossBorder: false },
  { cash: true, crossBorder: false },
  { cash: false, crossBorder: true },
] as const;

/**
 * A deterministic day of postings over 100,000 customers, a quarter of them entities: 5 % in
 * USD, 5 % cash, 3 % cross-border; amounts spread over five orders of magnitude (CNY 1 to
 * about CNY 100,000), so a few percent of customers reach a threshold.
 */
function generateDay(count: number): PostedMovement[] {
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const customer = (index: number) => ({
    id: `cus_${index.toString(36).padStart(8, '0')}`,
    kind: index % 4 === 0 ? ('entity' as const) : ('person' as const),
  });
  const movements: PostedMovement[] = [];
  for (let index = 0; index < count; index += 1) {
    const roll = next();
    const payer = customer(Math.floor(next() * BENCH_CUSTOMERS));
    const payee = customer(Math.floor(next() * BENCH_CUSTOMERS));
    const channelRoll = next();
    const type = roll < 0.4 ? 'deposit' : roll < 0.6 ? 'withdrawal' : 'transfer';
    movements.push({
      instructionId: `ins_${index.toString(36).padStart(26, '0')}`,
      type,
      currency: roll > 0.95 ? 'USD' : 'CNY',
      amountMinor: BigInt(Math.floor(100 * 10 ** (next() * 5))),
      channel: CHANNELS[channelRoll < 0.05 ? 1 : channelRoll < 0.08 ? 2 : 0],
      debitCustomer: type === 'deposit' ? null : payer,
      creditCustomer: type === 'withdrawal' ? null : payee,
    });
  }
  return movements;
}

/**
 * The large-value batch over one day of `instructions` postings, as the batch runs it after
 * reading: legs per customer side, sums per customer/direction/category, thresholds. Each run
 * starts from a fresh accumulator; the figure is the median of `runs`.
 */
export function benchLargeValueBatch(
  options: { instructions?: number; runs?: number } = {},
): LvtrBenchFigures {
  const instructions = options.instructions ?? BENCH_INSTRUCTIONS_DEFAULT;
  const runs = options.runs ?? 3;
  assert(runs >= 1 && runs <= BENCH_RUNS_MAX, `run count between 1 and ${BENCH_RUNS_MAX}`);
  const day = generateDay(instructions);
  const runsMs: number[] = [];
  const runsCpuMs: number[] = [];
  let legs = 0;
  let items = 0;
  for (let run = 0; run < runs; run += 1) {
    const startMs = performance.now();
    const startCpu = process.cpuUsage();
    const accumulator = new LvtrAccumulator();
    for (const movement of day) accumulator.addMovement(movement);
    items = decideLvtr(accumulator, BENCH_RATES).length;
    runsMs.push(performance.now() - startMs);
    const cpu = process.cpuUsage(startCpu);
    runsCpuMs.push((cpu.user + cpu.system) / 1000);
    legs = accumulator.legCount;
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const medianMs = median(runsMs);
  return {
    instructions,
    legs,
    items,
    runsMs,
    medianMs,
    runsCpuMs,
    medianCpuMs: median(runsCpuMs),
    instructionsPerSecond: medianMs === 0 ? 0 : Math.round((instructions / medianMs) * 1000),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = benchLargeValueBatch();
  process.stdout.write(
    `large-value batch: ${figures.instructions} instructions, ${figures.legs} legs, ` +
      `${figures.items} reportable items\n` +
      `runs (ms): ${figures.runsMs.map((ms) => ms.toFixed(0)).join(', ')}\n` +
      `median: ${figures.medianMs.toFixed(0)} ms (${figures.instructionsPerSecond} instructions/s)\n` +
      `cpu per run (ms): ${figures.runsCpuMs.map((ms) => ms.toFixed(0)).join(', ')}; ` +
      `median ${figures.medianCpuMs.toFixed(0)} ms\n`,
  );
}
