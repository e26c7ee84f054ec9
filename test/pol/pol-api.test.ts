import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proofForCustomer, verifyPolProof, type PolProof } from '../../src/pol/index.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

let api: ApiHarness;
let base: string;
let regulatorKey: string;
const deposits = ['100.00', '0.01', '2500.50'];

beforeAll(async () => {
  api = await createApiHarness();
  base = `/v1/platforms/${api.books.platformId}`;
  for (const [index, amount] of deposits.entries()) {
    const funded = await api.call('POST', `${base}/instructions`, {
      body: {
        type: 'deposit',
        amount,
        currency: 'CNY',
        purpose: 'top_up',
        payeeAccountId: api.books.customers[index]?.accountId,
      },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(funded.status).toBe(201);
  }
  const regulator = await api.db.transaction((tx) =>
    createPrincipalWithKey(tx, {
      kind: 'staff',
      platformId: null,
      role: 'regulator',
      name: 'pol regulator',
    }),
  );
  await api.db.query(
    'INSERT INTO principal_platforms (principal_id, platform_id) VALUES ($1, $2)',
    [regulator.principal.id, api.books.platformId],
  );
  regulatorKey = regulator.apiKey;
}, 120_000);
afterAll(() => api.close());

const countRows = async () => {
  const [row] = await api.db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM pol_trees) || '/' || (SELECT count(*) FROM pol_leaves) || '/' ||
       (SELECT count(*) FROM audit_records WHERE action = 'pol.root_published') AS n`,
  );
  return row?.n;
};

describe('proof-of-liabilities API', () => {
  let treeId = '';
  let rootHash = '';

  it('builds a root per currency, stores every customer leaf and publishes the root in the audit log', async () => {
    const built = await api.call('POST', `${base}/pol/build`, {
      key: api.books.staffKey,
      body: {},
    });
    expect(built.status).toBe(200);
    const [root] = built.body.roots as {
      treeId: string;
      currency: string;
      customerCount: number;
      rootHash: string;
      height: number;
    }[];
    expect(root).toMatchObject({ currency: 'CNY', customerCount: 3, height: 4 });
    treeId = root?.treeId ?? '';
    rootHash = root?.rootHash ?? '';
    const [record] = await api.db.query<{ entry: string }>(
      "SELECT entry FROM audit_records WHERE action = 'pol.root_published' AND subject_id = $1",
      [treeId],
    );
    expect(record?.entry).toContain(rootHash);
    expect(await countRows()).toBe('1/3/1');
    const listed = await api.call('GET', `${base}/pol/roots?currency=CNY`);
    expect((listed.body.roots as { treeId: string }[]).map((r) => r.treeId)).toEqual([treeId]);
  });

  it("hands out each customer's proof, which verifies offline against the published root", async () => {
    for (const [index, customer] of api.books.customers.entries()) {
      const reply = await api.call('GET', `${base}/pol/proofs/${customer.customerId}?currency=CNY`);
      expect(reply.status).toBe(200);
      const expected = BigInt(Math.round(Number(deposits[index]) * 100));
      expect(
        verifyPolProof(reply.body, { customerId: customer.customerId, rootHash }),
      ).toMatchObject({
        ok: true,
        balanceMinor: expected,
      });
      // No other customer's id or balance appears in the document.
      const text = JSON.stringify(reply.body);
      for (const other of api.books.customers.filter((c) => c !== customer))
        expect(text).not.toContain(other.customerId);
    }
    const direct = (await proofForCustomer(
      api.db,
      api.books.platformId,
      api.books.customers[0]?.customerId ?? '',
    )) as PolProof;
    expect(direct.treeId).toBe(treeId);
    expect(verifyPolProof(direct).ok).toBe(true);
  });

  it('answers 404 for an unknown customer, another platform or a date without a tree, and 400 for a bad date', async () => {
    expect((await api.call('GET', `${base}/pol/proofs/cus_unknown`)).status).toBe(404);
    const customerId = api.books.customers[0]?.customerId ?? '';
    expect((await api.call('GET', `${base}/pol/proofs/${customerId}?date=2001-01-01`)).status).toBe(
      404,
    );
    expect((await api.call('GET', `${base}/pol/proofs/${customerId}?date=yesterday`)).status).toBe(
      400,
    );
    expect(await proofForCustomer(api.db, 'plt_other', customerId)).toBeUndefined();
  });

  it('opens the total to the regulator, checks the rebuild and compares with the safeguarding figures', async () => {
    const checked = await api.call('POST', `${base}/reconciliation/safeguarding`, {
      key: api.books.staffKey,
      body: { asOf: new Date().toISOString().slice(0, 10) },
    });
    expect(checked.status).toBeLessThan(300);
    const opened = await api.call('POST', `${base}/pol/trees/${treeId}/open`, {
      key: regulatorKey,
      body: {},
    });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      total: { amountMinor: '260051', currency: 'CNY' },
      openingMatches: true,
      rebuildMatches: true,
      safeguarding: { customerLiabilities: { amountMinor: '260051' }, matches: true },
    });
    const [record] = await api.db.query(
      "SELECT entry FROM audit_records WHERE action = 'pol.total_opened'",
    );
    expect(record).toBeDefined();
    const platformTry = await api.call('POST', `${base}/pol/trees/${treeId}/open`, { body: {} });
    expect(platformTry.status).toBe(403);
    expect(
      (
        await api.call('POST', `${base}/pol/trees/pol_unknown/open`, {
          key: regulatorKey,
          body: {},
        })
      ).status,
    ).toBe(404);
  });

  it('serves the public transparency report without sign-in and without personal data', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: `/v1/transparency/${api.books.platformId}`,
    });
    expect(response.statusCode).toBe(200);
    const report = JSON.parse(response.body) as Record<string, unknown>;
    expect(report).toMatchObject({
      platformId: api.books.platformId,
      customerCount: 3,
      currencies: [
        {
          currency: 'CNY',
          customerAccounts: 3,
          custodyBalance: { amountMinor: '260051' },
          proofOfLiabilities: { treeId, rootHash, customerCount: 3 },
        },
      ],
    });
    for (const customer of api.books.customers)
      expect(response.body).not.toContain(customer.customerId);
    expect(response.body).not.toMatch(/Customer \d|1101011990/);
    expect(
      (await api.app.inject({ method: 'GET', url: '/v1/transparency/plt_unknown' })).statusCode,
    ).toBe(404);
  });

  it('keeps stored trees immutable', async () => {
    await expect(api.db.query('UPDATE pol_leaves SET balance_minor = 0')).rejects.toThrow();
    await expect(api.db.query('DELETE FROM pol_trees')).rejects.toThrow();
  });
});
