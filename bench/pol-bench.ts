/**
 * Proof of liabilities: builds the masked sum tree for 1,048,576 synthetic customers with one
 * and with two worker threads (median of 3 each), then prints the proof size and verify time.
 *   npx tsx bench/pol-bench.ts [customers]
 */
import { randomBytes } from 'node:crypto';
import { buildPolTree, type PolEntry } from '../src/pol/pol-build.js';
import { chunkLeavesFrom, polProofFromChunk } from '../src/pol/pol-path.js';
import { verifyPolProof } from '../src/pol/pol-proof.js';

const customers = Number(process.argv[2] ?? 1_048_576);
const RUNS = 3;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const entries: PolEntry[] = Array.from({ length: customers }, (_, index) => ({
  customerId: `cus_${index.toString(36).padStart(12, '0')}`,
  balanceMinor: BigInt(Math.floor(Math.random() * 10_000_000)),
}));
const seed = randomBytes(32);
let tree = await buildPolTree(entries, seed, { workers: 1 });
for (const workers of [1, 2]) {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    tree = await buildPolTree(entries, seed, { workers });
    times.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  // CPU time counts every thread of the process: on a shared machine it shows the work done
  // even when the wall clock waited for other processes.
  console.log(
    `pol build ${customers} customers, ${workers} thread(s): wall median ${(median(times) / 1000).toFixed(2)} s ` +
      `(runs ${times.map((t) => (t / 1000).toFixed(2)).join(', ')}), CPU median ${(median(cpuTimes) / 1000).toFixed(2)} s`,
  );
}
const chunkSize = 2 ** tree.chunkLevel;
const position = tree.positions[0] as number;
const chunkIndex = Math.floor(position / chunkSize);
const rows: { position: number; customerId: string; balanceMinor: bigint }[] = [];
tree.positions.forEach((at, index) => {
  if (Math.floor(at / chunkSize) === chunkIndex)
    rows.push({
      position: at,
      customerId: (entries[index] as PolEntry).customerId,
      balanceMinor: (entries[index] as PolEntry).balanceMinor,
    });
});
const stored = {
  treeId: 'bench',
  platformId: 'bench',
  currency: 'CNY',
  date: '2026-01-01',
  height: tree.height,
  seed,
  rootHash: tree.rootHash,
  rootSum: tree.rootSum,
  chunkLevel: tree.chunkLevel,
  chunkNodes: tree.chunkNodes,
};
const proofTimes: number[] = [];
let proofJson = '';
for (let run = 0; run < RUNS; run += 1) {
  const started = performance.now();
  proofJson = JSON.stringify(
    polProofFromChunk(stored, position, chunkLeavesFrom(tree.chunkLevel, chunkIndex, rows)),
  );
  proofTimes.push(performance.now() - started);
}
const verifyTimes: number[] = [];
for (let run = 0; run < 5; run += 1) {
  const started = performance.now();
  const result = verifyPolProof(JSON.parse(proofJson));
  verifyTimes.push(performance.now() - started);
  if (!result.ok) throw new Error(`proof did not verify: ${result.message}`);
}
console.log(
  `pol proof: height ${tree.height}, ${proofJson.length} bytes of JSON, ` +
    `made in ${median(proofTimes).toFixed(1)} ms (chunk rebuild), verified in ${median(verifyTimes).toFixed(2)} ms`,
);
