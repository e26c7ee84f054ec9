import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authorizationMessage } from '../../src/custody/index.js';
import {
  ed25519GenerateRaw,
  ed25519PrivateKeyFromSeed,
  ed25519Sign,
} from '../../src/crypto/index.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { adminQuery, databaseUrl, testDatabaseName } from '../support/postgres-template.js';
import { startServerProcess, waitForExit } from '../support/server-process.js';
import { templateDir, testRunDir } from '../support/test-run-dir.js';

// Goal: an acknowledged instruction survives a crash exactly once; an unacknowledged one is
// either wholly there or wholly absent; the books balance after restart. Method: stream
// instructions over HTTP from several clients, SIGKILL the server mid-stream, restart it,
// replay every instruction and inspect the journal.

const ADMIN_KEY = `csk_test_${randomBytes(24).toString('base64url')}`;
const STREAM_MS = 4_000;
const CLIENTS = 8;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

interface Sent {
  key: string;
  body: Record<string, unknown>;
  ackedId: string | null;
}

async function api(
  url: string,
  key: string,
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url + route, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function setUpBooks(url: string) {
  const platform = await api(url, ADMIN_KEY, 'POST', '/v1/platforms', {
    name: 'Crash',
    currencies: ['CNY'],
  });
  const platformId = String((platform.body.platform as { id: string }).id);
  const key = String(platform.body.apiKey);
  const customers: { accountId: string; keyId: string; seed: Buffer }[] = [];
  for (let index = 0; index < 4; index += 1) {
    const customer = await api(url, key, 'POST', `/v1/platforms/${platformId}/customers`, {
      kind: 'person',
      externalRef: `c${index}`,
      name: `C${index}`,
    });
    const customerId = String(customer.body.id);
    const account = await api(
      url,
      key,
      'POST',
      `/v1/platforms/${platformId}/customers/${customerId}/accounts`,
      { currency: 'CNY' },
    );
    const pair = ed25519GenerateRaw();
    const registered = await api(
      url,
      key,
      'POST',
      `/v1/platforms/${platformId}/customers/${customerId}/keys`,
      { publicKey: pair.publicKey.toString('base64') },
    );
    customers.push({
      accountId: String(account.body.id),
      keyId: String(registered.body.id),
      seed: pair.seed,
    });
    const funded = await api(
      url,
      key,
      'POST',
      `/v1/platforms/${platformId}/instructions`,
      {
        type: 'deposit',
        amount: '1000000.00',
        currency: 'CNY',
        purpose: 'top_up',
        payeeAccountId: account.body.id,
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(funded.status).toBe(201);
  }
  return { platformId, key, customers };
}

function nextInstruction(
  books: Awaited<ReturnType<typeof setUpBooks>>,
  counter: number,
): Record<string, unknown> {
  const payer = books.customers[counter % books.customers.length];
  const payee = books.customers[(counter + 1) % books.customers.length];
  if (payer === undefined || payee === undefined) throw new Error('setup');
  if (counter % 2 === 0)
    return {
      type: 'deposit',
      amount: '1.25',
      currency: 'CNY',
      purpose: 'top_up',
      payeeAccountId: payee.accountId,
    };
  const nonce = randomUUID();
  const expiresAt = new Date(Date.now() + 600_000).toISOString();
  const message = authorizationMessage({
    platformId: books.platformId,
    type: 'transfer',
    payerAccountId: payer.accountId,
    payeeAccountId: payee.accountId,
    amountMinor: 50n,
    currency: 'CNY',
    purpose: 'investment',
    nonce,
    expiresAt,
  });
  const signature = ed25519Sign(ed25519PrivateKeyFromSeed(payer.seed), message).toString('base64');
  return {
    type: 'transfer',
    amount: '0.50',
    currency: 'CNY',
    purpose: 'investment',
    payerAccountId: payer.accountId,
    payeeAccountId: payee.accountId,
    authorization: { kind: 'signature', keyId: payer.keyId, nonce, expiresAt, signature },
  };
}

async function stream(
  url: string,
  books: Awaited<ReturnType<typeof setUpBooks>>,
  stopAtMs: number,
): Promise<Sent[]> {
  const sent: Sent[] = [];
  let counter = 0;
  const client = async () => {
    while (Date.now() < stopAtMs + 5_000) {
      const item: Sent = {
        key: randomUUID(),
        body: nextInstruction(books, (counter += 1)),
        ackedId: null,
      };
      sent.push(item);
      try {
        const response = await api(
          url,
          books.key,
          'POST',
          `/v1/platforms/${books.platformId}/instructions`,
          item.body,
          { 'idempotency-key': item.key },
        );
        if (response.status === 201 || response.status === 200)
          item.ackedId = String(response.body.id);
      } catch {
        return; // The server is gone.
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return sent;
}

async function checkJournal(db: Database, platformId: string, sent: Sent[]): Promise<void> {
  const keys = sent.map((item) => item.key);
  const rows = await db.query<{ idempotency_key: string; id: string; transfers: string }>(
    `SELECT i.idempotency_key, i.id, (SELECT count(*) FROM transfers t WHERE t.instruction_id = i.id) AS transfers
     FROM instructions i WHERE i.platform_id = $1 AND i.idempotency_key = ANY($2::text[])`,
    [platformId, keys],
  );
  const byKey = new Map(rows.map((row) => [row.idempotency_key, row]));
  expect(byKey.size).toBe(rows.length);
  for (const item of sent) {
    const row = byKey.get(item.key);
    if (item.ackedId !== null) expect(row?.id).toBe(item.ackedId);
    if (row !== undefined) expect(Number(row.transfers)).toBe(1);
  }
  // Counters equal what the journal says, and debits equal credits.
  const drift = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM accounts a WHERE a.platform_id = $1 AND (
       a.debits_posted <> COALESCE((SELECT sum(amount_minor) FROM transfers WHERE debit_account_id = a.id AND phase = 'single'), 0)
       OR a.credits_posted <> COALESCE((SELECT sum(amount_minor) FROM transfers WHERE credit_account_id = a.id AND phase = 'single'), 0))`,
    [platformId],
  );
  expect(Number(drift[0]?.n)).toBe(0);
  const totals = await db.query<{ d: string; c: string }>(
    'SELECT sum(debits_posted) AS d, sum(credits_posted) AS c FROM accounts WHERE platform_id = $1',
    [platformId],
  );
  expect(totals[0]?.d).toBe(totals[0]?.c);
}

async function crashAndRecover(env: Record<string, string>, openAfter: () => Promise<Database>) {
  const port = 21_000 + Math.floor(Math.random() * 2_000);
  const first = await startServerProcess(env, port);
  const books = await setUpBooks(first.url);
  const stopAtMs = Date.now() + STREAM_MS;
  const streaming = stream(first.url, books, stopAtMs);
  await new Promise((resolve) => setTimeout(resolve, STREAM_MS));
  first.child.kill('SIGKILL');
  await waitForExit(first.child);
  const sent = await streaming;
  const acked = sent.filter((item) => item.ackedId !== null);
  expect(acked.length).toBeGreaterThan(50);
  const second = await startServerProcess(env, port + 1);
  try {
    for (const item of acked.slice(0, 200)) {
      const replay = await api(
        second.url,
        books.key,
        'POST',
        `/v1/platforms/${books.platformId}/instructions`,
        item.body,
        { 'idempotency-key': item.key },
      );
      expect(replay.status).toBe(200);
      expect(replay.body.id).toBe(item.ackedId);
    }
  } finally {
    second.child.kill('SIGTERM');
    await waitForExit(second.child);
  }
  const db = await openAfter();
  try {
    await checkJournal(db, books.platformId, sent);
  } finally {
    await db.close();
  }
  return { sent: sent.length, acked: acked.length };
}

describe('crash safety', () => {
  it('PGlite: every acknowledged instruction survives SIGKILL exactly once', async () => {
    const dataDir = path.join(testRunDir(), `crash-${randomBytes(4).toString('hex')}`);
    fs.cpSync(templateDir(), dataDir, { recursive: true });
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env = { CUSTOS_DATA_DIR: dataDir, DATABASE_URL: '', CUSTOS_ADMIN_KEY: ADMIN_KEY };
    const result = await crashAndRecover(env, () => openDatabase({ kind: 'pglite', dataDir }));
    expect(result.acked).toBeLessThanOrEqual(result.sent);
  }, 180_000);

  it.skipIf(!process.env.DATABASE_URL)(
    'PostgreSQL: every acknowledged instruction survives SIGKILL exactly once',
    async () => {
      const adminUrl = process.env.DATABASE_URL ?? '';
      const name = testDatabaseName('crash');
      // An empty database: the server migrates it at its first start.
      await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
      const url = databaseUrl(adminUrl, name);
      cleanups.push(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      // Both server processes use one folder: it holds the master key of the personal data.
      const env = {
        DATABASE_URL: url,
        CUSTOS_ADMIN_KEY: ADMIN_KEY,
        CUSTOS_DATA_DIR: path.join(testRunDir(), `crash-pg-${randomBytes(4).toString('hex')}`),
      };
      await crashAndRecover(env, () => openDatabase({ kind: 'postgres', url }));
    },
    180_000,
  );
});
