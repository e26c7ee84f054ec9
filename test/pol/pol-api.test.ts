import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  proofForCustomer,
  transparencyReport,
  verifyPolProof,
  type PolProof,
} from '../../src/pol/index.js';
import { polWorkGate } from '../../src/pol/pol-work-gate.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { customerSession } from '../portal/portal-session.js';
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
    const direct = await proofForCustomer(
      api.db,
      api.books.platformId,
      api.books.customers[0]?.customerId ?? '',
    );
    expect(direct.ok).toBe(true);
    const proof = (direct as { proof: PolProof }).proof;
    expect(proof.treeId).toBe(treeId);
    expect(verifyPolProof(proof, { rootHash })).toMatchObject({ ok: true, anchored: true });
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
    expect(await proofForCustomer(api.db, 'plt_other', customerId)).toMatchObject({ ok: false });
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
          // Three customers: the exact total would nearly tell each one's balance.
          custodyBalance: null,
          custodyBalanceWithheld: 'withheld: fewer than 10 customers',
          proofOfLiabilities: { treeId, rootHash, customerCount: 3 },
        },
      ],
    });
    for (const customer of api.books.customers)
      expect(response.body).not.toContain(customer.customerId);
    expect(response.body).not.toMatch(/Customer \d|1101011990/);
    expect(response.body).not.toContain('260051');
    const exact = await transparencyReport(api.db, api.books.platformId, Date.now(), {
      minCustomers: 3,
    });
    expect(exact?.currencies[0]).toMatchObject({
      custodyBalanceMinor: 260_051n,
      custodyBalanceWithheld: null,
    });
    // Served from memory while the newest tree is the same: the same report again.
    const again = await api.app.inject({
      method: 'GET',
      url: `/v1/transparency/${api.books.platformId}`,
    });
    expect(JSON.parse(again.body)).toEqual(report);
    expect(
      (await api.app.inject({ method: 'GET', url: '/v1/transparency/plt_unknown' })).statusCode,
    ).toBe(404);
  });

  it('keeps stored trees immutable', async () => {
    await expect(api.db.query('UPDATE pol_leaves SET balance_minor = 0')).rejects.toThrow();
    await expect(api.db.query('DELETE FROM pol_trees')).rejects.toThrow();
  });

  it('gives a signed-in customer their own proof on the portal, the customer taken from the session', async () => {
    const customer = api.books.customers[1];
    const { cookie } = await customerSession(
      api.db,
      api.books.platformId,
      customer?.customerId ?? '',
    );
    const own = await api.call('GET', '/v1/portal/pol/proof?currency=CNY', {
      headers: { authorization: '', cookie },
    });
    expect(own.status).toBe(200);
    expect(
      verifyPolProof(own.body, { customerId: customer?.customerId ?? '', rootHash }),
    ).toMatchObject({ ok: true, anchored: true, balanceMinor: 1n });
    // The URL cannot name another customer.
    const other = await api.call(
      'GET',
      `/v1/portal/pol/proof?currency=CNY&customerId=${api.books.customers[0]?.customerId ?? ''}`,
      { headers: { authorization: '', cookie } },
    );
    expect(other.status).toBe(400);
    expect(
      (
        await api.call('GET', '/v1/portal/pol/proof?currency=USD', {
          headers: { authorization: '', cookie },
        })
      ).status,
    ).toBe(404);
    // A platform key is not a customer.
    expect((await api.call('GET', '/v1/portal/pol/proof')).status).toBe(403);
  });

  it('compares an opened total with the newest check of its own currency, however many others are newer', async () => {
    const [check] = await api.db.query<{ id: string }>(
      "SELECT id FROM safeguarding_checks WHERE platform_id = $1 AND currency = 'CNY' ORDER BY id DESC LIMIT 1",
      [api.books.platformId],
    );
    await api.db.query(
      `INSERT INTO safeguarding_checks
       SELECT (jsonb_populate_record(s, jsonb_build_object('id', 'sgc_zz' || lpad(g::text, 3, '0'),
         'currency', 'USD'))).*
       FROM safeguarding_checks s, generate_series(1, 60) g WHERE s.id = $1`,
      [check?.id],
    );
    const opened = await api.call('POST', `${base}/pol/trees/${treeId}/open`, {
      key: regulatorKey,
      body: {},
    });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      safeguarding: { customerLiabilities: { amountMinor: '260051' }, matches: true },
    });
  });

  it('turns away a second build or opening while one runs', async () => {
    let release: () => void = () => undefined;
    const held = polWorkGate.tryRun(() => new Promise<void>((resolve) => (release = resolve)));
    expect(held).toBeDefined();
    const open = await api.call('POST', `${base}/pol/trees/${treeId}/open`, {
      key: regulatorKey,
      body: {},
    });
    expect(open.status).toBe(503);
    const build = await api.call('POST', `${base}/pol/build`, {
      key: api.books.staffKey,
      body: {},
    });
    expect(build.status).toBe(503);
    release();
    await held;
    expect(polWorkGate.busy).toBe(false);
  });

  it('never serves a proof from an older tree when the newest one left the customer out, and its opening shows the mismatch', async () => {
    // A newer CNY tree whose stored leaves leave out the third customer but keep the stored
    // root, total and opening of the original: the leaves no longer match the root.
    const forged = 'pol_zzforged';
    const left = api.books.customers[2]?.customerId ?? '';
    await api.db.query(
      `INSERT INTO pol_trees (id, platform_id, currency, as_of, height, customer_count, total_minor,
         root_hash, root_sum, opening, seed, chunk_level, chunk_hashes, chunk_sums, built_by, built_at)
       SELECT $2, platform_id, currency, as_of, height, customer_count, total_minor, root_hash,
         root_sum, opening, seed, chunk_level, chunk_hashes, chunk_sums, built_by,
         built_at + interval '1 second'
       FROM pol_trees WHERE id = $1`,
      [treeId, forged],
    );
    await api.db.query(
      `INSERT INTO pol_leaves (tree_id, position, customer_id, balance_minor)
       SELECT $2, position, customer_id, balance_minor FROM pol_leaves
       WHERE tree_id = $1 AND customer_id <> $3`,
      [treeId, forged, left],
    );
    for (const query of ['?currency=CNY', '']) {
      const reply = await api.call('GET', `${base}/pol/proofs/${left}${query}`);
      expect(reply.status).toBe(404);
      expect(String(reply.body.detail)).toMatch(
        new RegExp(`customer ${left} not included in tree ${forged} of \\d{4}-\\d{2}-\\d{2}`),
      );
    }
    const { cookie } = await customerSession(api.db, api.books.platformId, left);
    const portal = await api.call('GET', '/v1/portal/pol/proof?currency=CNY', {
      headers: { authorization: '', cookie },
    });
    expect(portal.status).toBe(404);
    const kept = await api.call(
      'GET',
      `${base}/pol/proofs/${api.books.customers[0]?.customerId ?? ''}?currency=CNY`,
    );
    // The newest tree is chosen; its leaves no longer rebuild its stored nodes, so no proof.
    expect(kept.status).toBe(500);
    const opened = await api.call('POST', `${base}/pol/trees/${forged}/open`, {
      key: regulatorKey,
      body: {},
    });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ rebuildMatches: false, openingMatches: false });
    // The newest tree changed: the public report is built afresh, not served from memory.
    const report = await api.app.inject({
      method: 'GET',
      url: `/v1/transparency/${api.books.platformId}`,
    });
    expect(JSON.parse(report.body).currencies[0].proofOfLiabilities.treeId).toBe(forged);
  });
});
