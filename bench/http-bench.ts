import { randomBytes } from 'node:crypto';
import {
  localMasterKeyProvider,
  openPersonalDataVault,
} from '../src/security/field-encryption/index.js';
import http from 'node:http';
import { Custody, type InstructionInput } from '../src/custody/index.js';
import { formatAmount } from '../src/money/index.js';
import { migrate, openDatabase } from '../src/store/index.js';
import { startServerProcess, waitForExit } from '../test/support/server-process.js';
import { createBenchBooks, makeInstruction, MIX, type MixKind } from './bench-books.js';
import type { Backend } from './posting-bench.js';
import { percentile } from './stats.js';

export const HTTP_CONNECTIONS = 64;
export const HTTP_DURATION_MS = 5_000;

export interface HttpFigures {
  backend: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

function body(input: InstructionInput): string {
  const { amountMinor, idempotencyKey: _key, ...rest } = input;
  return JSON.stringify({ ...rest, amount: formatAmount(amountMinor, input.currency) });
}

function post(
  agent: http.Agent,
  port: number,
  path: string,
  apiKey: string,
  input: InstructionInput,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const payload = body(input);
    const request = http.request(
      {
        agent,
        port,
        host: '127.0.0.1',
        path,
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'idempotency-key': input.idempotencyKey,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** p50/p99 latency of POST /instructions with 64 keep-alive connections against a server process. */
export async function benchHttp(backend: Backend, port: number): Promise<HttpFigures> {
  const db = await openDatabase(backend.target);
  const masterKey = randomBytes(32);
  await migrate(db);
  await openPersonalDataVault(db, localMasterKeyProvider(masterKey));
  const custody = new Custody(db);
  const books = await createBenchBooks(db, custody, 500);
  await custody.close();
  // Sign enough instructions up front so the client spends its time sending.
  const inputs = Array.from({ length: 150_000 }, (_, index) =>
    makeInstruction(books, index, MIX[index % MIX.length] as MixKind),
  );
  await db.close();
  const env: Record<string, string> =
    backend.target.kind === 'pglite'
      ? { CUSTOS_DATA_DIR: backend.target.dataDir, DATABASE_URL: '' }
      : { DATABASE_URL: backend.target.url };
  env.CUSTOS_MASTER_KEY = masterKey.toString('base64');
  env.CUSTOS_RATE_LIMIT_PER_MINUTE = '10000000';
  const server = await startServerProcess(env, port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: HTTP_CONNECTIONS });
  const latenciesMs: number[] = [];
  let errors = 0;
  let next = 0;
  const path = `/v1/platforms/${books.platformId}/instructions`;
  const stopAtMs = performance.now() + HTTP_DURATION_MS;
  const startedMs = performance.now();
  const connection = async () => {
    while (performance.now() < stopAtMs && next < inputs.length) {
      const input = inputs[next] as InstructionInput;
      next += 1;
      const sentMs = performance.now();
      const status = await post(agent, port, path, books.apiKey, input);
      latenciesMs.push(performance.now() - sentMs);
      if (status !== 201) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: HTTP_CONNECTIONS }, connection));
  const elapsedMs = performance.now() - startedMs;
  agent.destroy();
  server.child.kill('SIGTERM');
  await waitForExit(server.child);
  return {
    backend: backend.name,
    requestsPerSecond: (latenciesMs.length / elapsedMs) * 1_000,
    p50Ms: percentile(latenciesMs, 0.5),
    p99Ms: percentile(latenciesMs, 0.99),
    errors,
  };
}
