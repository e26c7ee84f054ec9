import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { NODE_FLAGS } from '../bin/node-flags.js';
import { Custody, type InstructionInput } from '../src/custody/index.js';
import { formatAmount } from '../src/money/index.js';
import {
  localMasterKeyProvider,
  openPersonalDataVault,
} from '../src/security/field-encryption/index.js';
import { migrate, openDatabase, type Database } from '../src/store/index.js';
import { waitForExit } from '../test/support/server-process.js';
import { createBenchBooks, makeInstruction, MIX, type MixKind } from './bench-books.js';
import { postgresBackend } from './posting-bench.js';
import { median } from './stats.js';

/**
 * The whole path over HTTP on PostgreSQL: signed (or mandate-authorized) instructions in, the
 * synchronous monitoring check, grouped posting, asynchronous evaluation and alerts written,
 * with the load generator (autocannon) in its own process. Figures are medians of RUNS runs.
 */
export const RUNS = 3;
export const CONNECTIONS = 64;
export const RUN_DURATION_MS = 8_000;
/** Instructions signed up front per run: more than the server can take in RUN_DURATION_MS. */
export const INSTRUCTIONS_PER_RUN_MAX = 50_000;
const LAG_WAIT_MS_MAX = 300_000;

export interface RunFigures {
  instructionsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** From the last response until the monitor's position passed the last committed leaf. */
  monitorLagMs: number;
}

export interface MonitorHttpFigures {
  runs: RunFigures[];
  median: RunFigures;
  alerts: number;
  cpuProfile: string | null;
}

interface LoadSpec {
  url: string;
  path: string;
  apiKey: string;
  durationMs: number;
  connections: number;
  bodiesFile: string;
}

function requestBody(input: InstructionInput): string {
  const { amountMinor, idempotencyKey: _key, ...rest } = input;
  return JSON.stringify({ ...rest, amount: formatAmount(amountMinor, input.currency) });
}

/** The load generator's side (in its own process): every request a new instruction. */
async function generateLoad(spec: LoadSpec): Promise<void> {
  const bodies = fs
    .readFileSync(spec.bodiesFile, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as { key: string; body: string });
  let next = 0;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationMs / 1_000,
    // Ends at the duration, or earlier when every prepared instruction was sent once.
    maxOverallRequests: bodies.length,
    requests: [
      {
        method: 'POST',
        path: spec.path,
        setupRequest: (request) => {
          const item = bodies[next % bodies.length];
          next += 1;
          return {
            ...request,
            body: item?.body ?? '',
            headers: {
              authorization: `Bearer ${spec.apiKey}`,
              'content-type': 'application/json',
              'idempotency-key': item?.key ?? '',
            },
          };
        },
      },
    ],
  });
  const figures = {
    completed: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    durationMs: result.duration * 1_000,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function runLoadProcess(spec: LoadSpec): Promise<{
  completed: number;
  non2xx: number;
  errors: number;
  durationMs: number;
  p50Ms: number;
  p99Ms: number;
}> {
  const specFile = `${spec.bodiesFile}.spec.json`;
  fs.writeFileSync(specFile, JSON.stringify(spec));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--load', specFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '{}'));
    });
  });
}

/** The server (src/main.ts) in its own process, as `npm start` runs it, with extra Node flags such as --cpu-prof. */
async function startServer(
  env: Record<string, string>,
  port: number,
  nodeArgs: string[],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, ...nodeArgs, '--import', 'tsx', path.resolve('src/main.ts')],
    {
      env: { ...process.env, ...env, PORT: String(port), CUSTOS_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${log}`);
}

async function waitForMonitor(db: Database, lastLeaf: number): Promise<number> {
  const startedMs = performance.now();
  while (performance.now() - startedMs < LAG_WAIT_MS_MAX) {
    const rows = await db.query<{ leaf_index: string }>(
      "SELECT leaf_index FROM monitoring_cursor WHERE consumer = 'monitor'",
    );
    if (Number(rows[0]?.leaf_index ?? -1) >= lastLeaf) return performance.now() - startedMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number.POSITIVE_INFINITY;
}

/** Self time per function across the profiles in `dir`, largest first. */
export function topSelfTime(
  dir: string,
  count = 15,
): { name: string; ms: number; share: number }[] {
  const totals = new Map<string, number>();
  let all = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
      nodes: {
        id: number;
        callFrame: { functionName: string; url: string; lineNumber: number };
      }[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, index) => {
      const frame = byId.get(id)?.callFrame;
      const deltaUs = profile.timeDeltas[index] ?? 0;
      if (frame === undefined || frame.functionName === '(idle)') return;
      const where =
        frame.url === ''
          ? ''
          : ` ${frame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${frame.lineNumber + 1}`;
      const name = `${frame.functionName || '(anonymous)'}${where}`;
      totals.set(name, (totals.get(name) ?? 0) + deltaUs);
      all += deltaUs;
    });
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, ms: us / 1_000, share: all === 0 ? 0 : us / all }));
}

export async function benchMonitorHttp(options: {
  adminUrl: string;
  port: number;
  runs?: number;
  durationMs?: number;
  cpuProfile?: boolean;
  say?: (line: string) => void;
}): Promise<MonitorHttpFigures | null> {
  const say = options.say ?? (() => undefined);
  const backend = await postgresBackend(options.adminUrl);
  if (backend === null || backend.target.kind !== 'postgres') return null;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-monitor-bench-'));
  const runs = options.runs ?? RUNS;
  const durationMs = options.durationMs ?? RUN_DURATION_MS;
  try {
    const db = await openDatabase(backend.target);
    const masterKey = randomBytes(32);
    await migrate(db);
    await openPersonalDataVault(db, localMasterKeyProvider(masterKey));
    const custody = new Custody(db);
    const books = await createBenchBooks(db, custody, 500);
    await custody.close();
    say(`books ready; signing ${runs} × ${INSTRUCTIONS_PER_RUN_MAX} instructions`);
    const files: string[] = [];
    for (let run = 0; run < runs; run += 1) {
      const file = path.join(workDir, `bodies-${run}.jsonl`);
      const lines: string[] = [];
      for (let index = 0; index < INSTRUCTIONS_PER_RUN_MAX; index += 1) {
        const n = run * INSTRUCTIONS_PER_RUN_MAX + index;
        const input = makeInstruction(books, n, MIX[n % MIX.length] as MixKind);
        lines.push(JSON.stringify({ key: input.idempotencyKey, body: requestBody(input) }));
      }
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      files.push(file);
    }
    const profileDir = path.join(workDir, 'profile');
    const env: Record<string, string> = {
      DATABASE_URL: backend.target.url,
      CUSTOS_MASTER_KEY: masterKey.toString('base64'),
      CUSTOS_RATE_LIMIT_PER_MINUTE: '10000000',
    };
    const nodeArgs =
      options.cpuProfile === true ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const server = await startServer(env, options.port, nodeArgs);
    const figures: RunFigures[] = [];
    try {
      for (const [run, bodiesFile] of files.entries()) {
        const load = await runLoadProcess({
          url: server.url,
          path: `/v1/platforms/${books.platformId}/instructions`,
          apiKey: books.apiKey,
          durationMs,
          connections: CONNECTIONS,
          bodiesFile,
        });
        const head = await db.query<{ last: string }>(
          'SELECT max(leaf_index) AS last FROM audit_records',
        );
        const monitorLagMs = await waitForMonitor(db, Number(head[0]?.last ?? -1));
        const figure: RunFigures = {
          instructionsPerSecond: (load.completed / load.durationMs) * 1_000,
          p50Ms: load.p50Ms,
          p99Ms: load.p99Ms,
          non2xx: load.non2xx,
          errors: load.errors,
          monitorLagMs,
        };
        figures.push(figure);
        say(
          `run ${run + 1}: ${Math.round(figure.instructionsPerSecond)}/s, p50 ${figure.p50Ms} ms, p99 ${figure.p99Ms} ms, non-2xx ${figure.non2xx}, errors ${figure.errors}, monitor lag ${Math.round(monitorLagMs)} ms`,
        );
      }
    } finally {
      server.child.kill('SIGTERM');
      await waitForExit(server.child);
    }
    const alerts = await db.query<{ n: string }>('SELECT count(*) AS n FROM alerts');
    await db.close();
    const pick = (key: keyof RunFigures) => median(figures.map((f) => f[key]));
    return {
      runs: figures,
      median: {
        instructionsPerSecond: pick('instructionsPerSecond'),
        p50Ms: pick('p50Ms'),
        p99Ms: pick('p99Ms'),
        non2xx: pick('non2xx'),
        errors: pick('errors'),
        monitorLagMs: pick('monitorLagMs'),
      },
      alerts: Number(alerts[0]?.n ?? 0),
      cpuProfile: options.cpuProfile === true ? profileDir : null,
    };
  } finally {
    await backend.drop();
    if (options.cpuProfile !== true) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const loadAt = process.argv.indexOf('--load');
  if (loadAt >= 0) {
    const specFile = process.argv[loadAt + 1];
    if (specFile === undefined) throw new Error('--load needs a spec file');
    return generateLoad(JSON.parse(fs.readFileSync(specFile, 'utf8')) as LoadSpec);
  }
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const cpuProfile = process.argv.includes('--cpu-prof');
  out(
    `Whole path over HTTP on PostgreSQL, monitoring on: ${CONNECTIONS} connections, ${RUNS} runs of ${RUN_DURATION_MS / 1_000} s, load generator in its own process`,
  );
  const figures = await benchMonitorHttp({
    adminUrl,
    port: 24_000 + Math.floor(Math.random() * 1_000),
    cpuProfile,
    say: (line) => out(`  ${line}`),
  });
  if (figures === null) return;
  const m = figures.median;
  out(
    `  median: ${Math.round(m.instructionsPerSecond).toLocaleString('en-US')} instructions/s, p50 ${m.p50Ms.toFixed(1)} ms, p99 ${m.p99Ms.toFixed(1)} ms, monitor lag ${Math.round(m.monitorLagMs)} ms; ${figures.alerts} alerts written`,
  );
  out(`  target: ≥ 5,000 instructions/s with p99 ≤ 25 ms on two cores`);
  if (figures.cpuProfile !== null) {
    out(`  server CPU profile (${figures.cpuProfile}), top self time:`);
    for (const item of topSelfTime(figures.cpuProfile))
      out(
        `    ${(item.share * 100).toFixed(1).padStart(5)}%  ${item.ms.toFixed(0).padStart(7)} ms  ${item.name}`,
      );
  }
}

if (
  process.argv[1] !== undefined &&
  fileURLToPath(import.meta.url) === path.resolve(process.argv[1])
)
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
