import { spawnSync } from 'node:child_process';
import { NODE_FLAGS } from '../bin/node-flags.js';
import { benchHttp } from './http-bench.js';
import { measureCeilings } from './ceilings.js';
import { benchAudit } from './audit-bench.js';
import { benchRecon } from './recon-bench.js';
import { benchPosting, pgliteBackend, postgresBackend, type Backend } from './posting-bench.js';

// `npm run bench`: every figure is the median of several runs in this one process, printed
// next to the ceiling or baseline it should be compared with. BENCH_QUICK=1 runs small sizes.
const quick = process.env.BENCH_QUICK === '1';
const postgresUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const out = (line = '') => process.stdout.write(`${line}\n`);
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;

out('Custos bench (medians of 3 runs unless noted)');
const ceilings = measureCeilings();
out(
  `  machine: Ed25519 verify ${rate(ceilings.ed25519VerifyPerSecond)} per core, SHA-256 (65 B) ${rate(ceilings.sha256PerSecond)} per core (node:crypto)`,
);
out();
out('Posting: naive one-transaction-per-instruction vs Custos group commit (in process)');
const backends: Backend[] = [await pgliteBackend()];
const postgres = await postgresBackend(postgresUrl);
if (postgres !== null) backends.push(postgres);
for (const backend of backends) {
  try {
    const sizes = quick
      ? { naive: 500, grouped: 4_000 }
      : backend.name === 'PGlite'
        ? { naive: 2_000, grouped: 20_000 }
        : { naive: 4_000, grouped: 40_000 };
    const figures = await benchPosting(backend, sizes);
    out(`  ${backend.name}:`);
    out(`    naive baseline (deposits)           ${rate(figures.naivePerSecond)}`);
    out(
      `    grouped, realistic mix              ${rate(figures.groupedMixPerSecond)}  (${(figures.groupedMixPerSecond / figures.naivePerSecond).toFixed(1)}× naive)`,
    );
    out(
      `    grouped, deposits only              ${rate(figures.groupedDepositsPerSecond)}  (${(figures.groupedDepositsPerSecond / figures.naivePerSecond).toFixed(1)}× naive)`,
    );
    out(
      `    grouped, signed transfers only      ${rate(figures.groupedSignedPerSecond)}  (${((100 * figures.groupedSignedPerSecond) / ceilings.ed25519VerifyPerSecond).toFixed(0)}% of one core's Ed25519 verify rate)`,
    );
  } finally {
    await backend.drop();
  }
}
out();
out(
  `HTTP: POST /instructions, realistic mix, ${64} keep-alive connections for 5 s, server in its own process (one run)`,
);
for (const make of [pgliteBackend, () => postgresBackend(postgresUrl)]) {
  const backend = await make();
  if (backend === null) continue;
  try {
    const figures = await benchHttp(backend, 23_000 + Math.floor(Math.random() * 1_000));
    out(
      `  ${backend.name}: ${rate(figures.requestsPerSecond)}, p50 ${figures.p50Ms.toFixed(1)} ms, p99 ${figures.p99Ms.toFixed(1)} ms, errors ${figures.errors}`,
    );
  } finally {
    await backend.drop();
  }
}
out();
out('Reconciliation: statement parsing and matching');
for (const line of await benchRecon()) out(`  ${line}`);
out();
out('Audit log: Merkle appends, proofs and verification');
for (const line of await benchAudit()) out(`  ${line}`);
out();
out('Monitoring: the engine in process, and the whole path over HTTP (their own processes)');
const child = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [...NODE_FLAGS, '--import', 'tsx', ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  }).status;
child(['--expose-gc', 'bench/monitor-engine.ts'], quick ? { MONITOR_BENCH_RUNS: '1' } : {});
child(['bench/monitor-http-bench.ts'], { DATABASE_URL: postgresUrl });
out();
out('Compliance and screening: LVTR batch, control tests, name screening (their own processes)');
child(['src/reports/bench-lvtr.ts']);
child(['bench/compliance-bench.ts', quick ? '5000' : '20000']);
child(['bench/screening-bench.ts', ...(quick ? ['--queries', '2000'] : [])]);
out();
out('Risk and users: Monte Carlo of annual loss, proof of liabilities (their own processes)');
child(['bench/monte-carlo-bench.ts']);
child(['bench/pol-bench.ts', quick ? '65536' : '1048576']);
