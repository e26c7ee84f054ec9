import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { signInstruction } from '../support/books.js';

// Every kind of bad input gets a problem+json reply with a stable type, and writes nothing:
// the counts of every table that a posting touches are compared before and after.
let api: ApiHarness;
let url: string;

beforeAll(async () => {
  api = await createApiHarness({ bodyBytesMax: 4_096 });
  url = `/v1/platforms/${api.books.platformId}/instructions`;
  const [alice] = api.books.customers;
  const funded = await api.call('POST', url, {
    body: {
      type: 'deposit',
      amount: '100.00',
      currency: 'CNY',
      purpose: 'top_up',
      payeeAccountId: alice?.accountId,
    },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(funded.status).toBe(201);
});
afterAll(() => api.close());

async function tableCounts(): Promise<string> {
  const rows = await api.db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM instructions) || '/' || (SELECT count(*) FROM transfers) || '/' ||
       (SELECT sum(debits_posted + credits_posted + debits_pending + credits_pending) FROM accounts) AS n`,
  );
  return rows[0]?.n ?? '';
}

describe('bad input is refused with a problem and writes nothing', () => {
  const cases: [
    string,
    string,
    () => { raw?: string; body?: unknown; key?: string; headers?: Record<string, string> },
  ][] = [];
  const deposit = (extra: Record<string, unknown> = {}) => ({
    type: 'deposit',
    amount: '1.00',
    currency: 'CNY',
    purpose: 'top_up',
    payeeAccountId: api.books.customers[0]?.accountId,
    ...extra,
  });
  const withKey = (body: unknown) => ({ body, headers: { 'idempotency-key': randomUUID() } });
  cases.push([
    'malformed JSON',
    'malformed_json',
    () => ({ raw: '{"type": "deposit",', headers: { 'idempotency-key': randomUUID() } }),
  ]);
  cases.push(['unknown field', 'unknown_field', () => withKey(deposit({ colour: 'red' }))]);
  cases.push([
    'oversized body',
    'body_too_large',
    () => withKey(deposit({ purpose: 'x'.repeat(10_000) })),
  ]);
  cases.push(['negative amount', 'bad_amount', () => withKey(deposit({ amount: '-1.00' }))]);
  cases.push(['too many decimals', 'bad_amount', () => withKey(deposit({ amount: '1.001' }))]);
  cases.push(['amount not a number', 'bad_amount', () => withKey(deposit({ amount: 'ten' }))]);
  cases.push(['amount as JSON number', 'bad_amount', () => withKey(deposit({ amount: 1.5 }))]);
  cases.push(['zero amount', 'bad_amount', () => withKey(deposit({ amount: '0' }))]);
  cases.push(['unknown currency', 'unknown_currency', () => withKey(deposit({ currency: 'XXZ' }))]);
  cases.push([
    'unknown account',
    'unknown_account',
    () => withKey(deposit({ payeeAccountId: 'acc_doesnotexist' })),
  ]);
  cases.push([
    'currency the platform does not hold',
    'unknown_account',
    () => withKey(deposit({ currency: 'USD' })),
  ]);
  cases.push(['no idempotency key', 'validation_failed', () => ({ body: deposit() })]);
  cases.push([
    'missing authorization',
    'authorization_missing',
    () =>
      withKey({
        type: 'transfer',
        amount: '1.00',
        currency: 'CNY',
        purpose: 'investment',
        payerAccountId: api.books.customers[0]?.accountId,
        payeeAccountId: api.books.customers[1]?.accountId,
      }),
  ]);
  cases.push([
    'no API key',
    'unauthenticated',
    () => ({ ...withKey(deposit()), key: 'csk_wrong' }),
  ]);

  for (const [name, code, make] of cases) {
    it(`${name} → ${code}`, async () => {
      const before = await tableCounts();
      const response = await api.call('POST', url, make());
      expect(response.body.code, JSON.stringify(response.body)).toBe(code);
      expect(response.body.type).toBe(`/problems/${code}`);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await tableCounts()).toBe(before);
    });
  }

  it('currency mismatch between the instruction and an existing USD account', async () => {
    const [alice] = api.books.customers;
    const opened = await api.call(
      'POST',
      `/v1/platforms/${api.books.platformId}/customers/${alice?.customerId}/accounts`,
      { body: { currency: 'USD' } },
    );
    expect(opened.status).toBe(201);
    const before = await tableCounts();
    const response = await api.call(
      'POST',
      url,
      withKey({
        type: 'deposit',
        amount: '1.00',
        currency: 'CNY',
        purpose: 'top_up',
        payeeAccountId: opened.body.id,
      }),
    );
    expect(response.body.code).toBe('currency_mismatch');
    expect(await tableCounts()).toBe(before);
  });

  it('insufficient funds, frozen account and bad signature', async () => {
    const { books } = api;
    const [alice, bob] = books.customers;
    if (!alice || !bob) throw new Error('setup');
    const transfer = (amountMinor: bigint) =>
      signInstruction(
        books.platformId,
        alice,
        {
          type: 'transfer',
          idempotencyKey: randomUUID(),
          currency: 'CNY',
          amountMinor,
          purpose: 'investment',
          payerAccountId: alice.accountId,
          payeeAccountId: bob.accountId,
        },
        bob.accountId,
      );
    const asBody = (input: ReturnType<typeof transfer>, amount: string) => {
      const { amountMinor: _minor, idempotencyKey, ...rest } = input;
      return { body: { ...rest, amount }, headers: { 'idempotency-key': idempotencyKey } };
    };
    const before = await tableCounts();
    expect((await api.call('POST', url, asBody(transfer(1_000_000n), '10000.00'))).body.code).toBe(
      'insufficient_funds',
    );
    expect((await api.call('POST', url, asBody(transfer(100n), '1.01'))).body.code).toBe(
      'bad_signature',
    );
    const frozen = await api.call('POST', `/v1/platforms/${books.platformId}/freezes`, {
      body: { accountId: alice.accountId, scope: 'all', reasonCode: 'court_order' },
    });
    expect(frozen.status).toBe(201);
    const afterFreeze = await tableCounts();
    expect((await api.call('POST', url, asBody(transfer(100n), '1.00'))).body.code).toBe(
      'account_frozen',
    );
    expect(await tableCounts()).toBe(afterFreeze);
    expect(afterFreeze).toBe(before);
  });

  it('an idempotency key reused with another payload is a 409 conflict', async () => {
    const key = randomUUID();
    const bobDeposit = (extra: Record<string, unknown> = {}) =>
      deposit({ payeeAccountId: api.books.customers[1]?.accountId, ...extra });
    const first = await api.call('POST', url, {
      body: bobDeposit(),
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    const replay = await api.call('POST', url, {
      body: bobDeposit(),
      headers: { 'idempotency-key': key },
    });
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    const before = await tableCounts();
    const conflict = await api.call('POST', url, {
      body: bobDeposit({ amount: '2.00' }),
      headers: { 'idempotency-key': key },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('idempotency_conflict');
    expect(await tableCounts()).toBe(before);
  });

  it("another platform's resources do not exist for a platform key", async () => {
    const other = await api.call('POST', '/v1/platforms', {
      key: api.books.staffKey,
      body: { name: 'Other', currencies: ['CNY'] },
    });
    expect(other.status).toBe(201);
    const otherKey = String(other.body.apiKey);
    const response = await api.call('GET', `/v1/platforms/${api.books.platformId}/accounts`, {
      key: otherKey,
    });
    expect(response.status).toBe(404);
    const created = await api.call('POST', '/v1/platforms', {
      key: otherKey,
      body: { name: 'Sneaky' },
    });
    expect(created.body.code).toBe('forbidden');
  });

  it('serves the OpenAPI 3.1 document and a reference page', async () => {
    const document = await api.call('GET', '/openapi.json');
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths as object)).toContain(
      '/v1/platforms/{platformId}/instructions',
    );
    const page = await api.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });
});
