import {
  localMasterKeyProvider,
  openPersonalDataVault,
} from '../src/security/field-encryption/index.js';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { workerSignatureVerifier } from '../src/crypto/index.js';
import { Custody, type InstructionInput } from '../src/custody/index.js';
import { migrate, openDatabase, type Database, type DatabaseTarget } from '../src/store/index.js';
import {
  createBenchBooks,
  makeInstruction,
  MIX,
  type BenchBooks,
  type MixKind,
} from './bench-books.js';
import { naivePost } from './naive-baseline.js';
import { clearProgress, median, progressLine, runBounded } from './stats.js';

export const RUNS = 3;

export interface Backend {
  name: 'PGlite' | 'PostgreSQL';
  target: DatabaseTarget;
  drop: () => Promise<void>;
}

export async function pgliteBackend(): Promise<Backend> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-bench-'));
  return {
    name: 'PGlite',
    target: { kind: 'pglite', dataDir },
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

export async function postgresBackend(adminUrl: string): Promise<Backend | null> {
  const name = `custos_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    process.stdout.write(`  PostgreSQL at ${adminUrl} not reachable (${String(error)}); skipped\n`);
    return null;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name: 'PostgreSQL',
    target: { kind: 'postgres', url: url.toString(), poolSize: 8 },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface PostingFigures {
  backend: string;
  naivePerSecond: number;
  groupedMixPerSecond: number;
  groupedDepositsPerSecond: number;
  groupedSignedPerSecond: number;
}

async function measureGrouped(
  custody: Custody,
  books: BenchBooks,
  inputs: InstructionInput[],
  label: string,
): Promise<number> {
  const show = progressLine(label);
  let failures = 0;
  const elapsedMs = await runBounded(
    inputs.length,
    4_000,
    async (index) => {
      const input = inputs[index];
      if (input === undefined) return;
      const result = await custody.submit(books.platform, books.platformId, input);
      if (!result.ok) failures += 1;
    },
    (done) => show(done, inputs.length),
  );
  clearProgress();
  if (failures > 0) throw new Error(`${label}: ${failures} instructions refused`);
  return (inputs.length / elapsedMs) * 1_000;
}

/** Naive baseline against the grouped path on one backend, each the median of RUNS runs. */
export async function benchPosting(
  backend: Backend,
  sizes: { naive: number; grouped: number },
): Promise<PostingFigures> {
  const db: Database = await openDatabase(backend.target);
  try {
    await migrate(db);
    await openPersonalDataVault(db, localMasterKeyProvider(randomBytes(32)));
    const custody = new Custody(db, {
      batchSizeMax: 1_000,
      queueLengthMax: 20_000,
      signatureVerifier: workerSignatureVerifier(),
    });
    const books = await createBenchBooks(db, custody, 1_000);
    await custody.directory.ensure({
      accountIds: books.customers.map((c) => c.accountId),
      platformIds: [books.platformId],
      bankAccountIds: [],
      keyIds: books.customers.map((c) => c.keyId),
    });
    const custodyBank = custody.directory.systemAccount(books.platformId, 'custody_bank', 'CNY');
    if (custodyBank === undefined) throw new Error('no custody bank account');
    const naive: number[] = [];
    const mix: number[] = [];
    const deposits: number[] = [];
    const signed: number[] = [];
    const concurrency = db.kind === 'postgres' ? 8 : 1;
    let offset = 0;
    const batch = (kinds: readonly MixKind[], count: number) => {
      const inputs = Array.from({ length: count }, (_, index) =>
        makeInstruction(books, offset + index, kinds[index % kinds.length] as MixKind),
      );
      offset += count;
      return inputs;
    };
    for (let run = 1; run <= RUNS; run += 1) {
      const show = progressLine(`${backend.name} naive run ${run}`);
      const naiveMs = await runBounded(
        sizes.naive,
        concurrency,
        (index) => naivePost(db, books, index, custodyBank.id),
        (done) => show(done, sizes.naive),
      );
      clearProgress();
      naive.push((sizes.naive / naiveMs) * 1_000);
      mix.push(
        await measureGrouped(
          custody,
          books,
          batch(MIX, sizes.grouped),
          `${backend.name} mix run ${run}`,
        ),
      );
      deposits.push(
        await measureGrouped(
          custody,
          books,
          batch(['deposit'], sizes.grouped),
          `${backend.name} deposits run ${run}`,
        ),
      );
      signed.push(
        await measureGrouped(
          custody,
          books,
          batch(['signed_transfer'], Math.floor(sizes.grouped / 2)),
          `${backend.name} signed run ${run}`,
        ),
      );
    }
    await custody.close();
    return {
      backend: backend.name,
      naivePerSecond: median(naive),
      groupedMixPerSecond: median(mix),
      groupedDepositsPerSecond: median(deposits),
      groupedSignedPerSecond: median(signed),
    };
  } finally {
    await db.close();
  }
}
