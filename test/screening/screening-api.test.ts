import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/index.js';
import { ScreeningService } from '../../src/screening/index.js';
import type { Database } from '../../src/store/index.js';
import { createStaff } from '../cases/case-support.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { injectJson } from '../support/inject-json.js';
import { createTestDatabase } from '../support/test-database.js';

const DIR = new URL('../../../shared/fixtures/sanctions/', import.meta.url);
const read = (name: string) => fs.readFileSync(new URL(name, DIR), 'utf8');

let db: Database;
let app: FastifyInstance;
let books: TestBooks;
let service: ScreeningService;
let complianceA: string;
let complianceB: string;
let auditorKey: string;

type Body = Record<string, unknown>;
const call = (method: string, url: string, key: string, body?: unknown) =>
  injectJson(app, method, url, key, body);

async function tableCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['screening_list_versions', 'screening_entries', 'audit_records'])
    out[t] = Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`))[0]!.n);
  return out;
}

async function waitFor<T>(probe: () => Promise<T | null>, what: string): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Registers a customer through the API (so onboarding screening runs) with a CNY account. */
async function customerNamed(name: string): Promise<{ customerId: string; accountId: string }> {
  const created = await call('POST', `/v1/platforms/${books.platformId}/customers`, books.apiKey, {
    kind: 'person',
    externalRef: `ref-${randomUUID()}`,
    name,
  });
  expect(created.status).toBe(201);
  const customerId = String(created.body.id);
  const account = await call(
    'POST',
    `/v1/platforms/${books.platformId}/customers/${customerId}/accounts`,
    books.apiKey,
    { currency: 'CNY' },
  );
  expect(account.status).toBe(201);
  return { customerId, accountId: String(account.body.id) };
}

async function deposit(accountId: string): Promise<Body> {
  const r = await call('POST', `/v1/platforms/${books.platformId}/instructions`, books.apiKey, {
    type: 'deposit',
    idempotencyKey: randomUUID(),
    amount: '100.00',
    currency: 'CNY',
    purpose: 'top_up',
    payeeAccountId: accountId,
  });
  expect(r.status).toBe(201);
  return r.body;
}

beforeAll(async () => {
  db = await createTestDatabase();
  books = await createTestBooks(db, 2);
  service = new ScreeningService(db);
  ({ app } = await buildServer({ database: db, port: 0, screening: service }));
  complianceA = (await createStaff(db, 'compliance_officer')).apiKey;
  complianceB = (await createStaff(db, 'compliance_officer')).apiKey;
  auditorKey = (await createStaff(db, 'auditor')).apiKey;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('screening API', () => {
  it('imports the UN list and OFAC files as versions; the same content again changes nothing', async () => {
    const un = await call('POST', '/v1/screening/lists/imports', complianceA, {
      kind: 'un',
      files: [{ name: 'UN_consolidated.xml', content: read('UN_consolidated.xml') }],
    });
    expect(un.status).toBe(201);
    expect(un.body.version).toMatchObject({
      listKind: 'un',
      listName: 'un',
      version: 1,
      entryCount: 1003,
      current: true,
    });
    const ofac = await call('POST', '/v1/screening/lists/imports', complianceA, {
      kind: 'ofac',
      files: [
        { name: 'sdn.csv', content: read('ofac_sample_sdn.csv') },
        { name: 'alt.csv', content: read('ofac_sample_alt.csv') },
        {
          name: 'add.csv',
          contentBase64: Buffer.from(read('ofac_sample_add.csv')).toString('base64'),
        },
      ],
    });
    expect(ofac.status).toBe(201);
    expect(ofac.body.rescreenRunId).toMatch(/^srr_/);
    await waitFor(async () => {
      const r = await call(
        'GET',
        `/v1/screening/rescreen-runs/${String(ofac.body.rescreenRunId)}`,
        auditorKey,
      );
      return r.body.status === 'running' ? null : r.body;
    }, 'the rescreen run');
    const before = await tableCounts();
    const again = await call('POST', '/v1/screening/lists/imports', complianceA, {
      kind: 'un',
      files: [{ name: 'UN_consolidated.xml', content: read('UN_consolidated.xml') }],
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true, rescreenRunId: null });
    expect(String(again.body.message)).toMatch(/same content as version 1/);
    expect(await tableCounts()).toEqual(before);
    const lists = await call('GET', '/v1/screening/lists', auditorKey);
    expect(lists.status).toBe(200);
    expect((lists.body.items as Body[]).map((v) => v.listKind).sort()).toEqual(['ofac', 'un']);
  });

  it('refuses a malformed list with the record named and writes nothing', async () => {
    const before = await tableCounts();
    const bad = await call('POST', '/v1/screening/lists/imports', complianceA, {
      kind: 'ofac',
      files: [
        { name: 'sdn.csv', content: read('ofac_sample_sdn.csv').replace('"MORENO, Daniel"', '""') },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toBe('sdn.csv line 4 (ent_num 15102): empty name');
    expect(await tableCounts()).toEqual(before);
    expect(
      (
        await call('POST', '/v1/screening/lists/imports', auditorKey, {
          kind: 'un',
          files: [{ name: 'x', content: 'x' }],
        })
      ).status,
    ).toBe(403);
  });

  it('screens a name ad hoc with an explanation', async () => {
    const r = await call('POST', '/v1/screening/screen', auditorKey, {
      name: 'Elvis Logan Morey',
      dob: '1963-07-28',
      country: 'Belize',
    });
    expect(r.status).toBe(200);
    const [hit] = r.body.hits as Body[];
    expect(hit).toMatchObject({ entryKey: 'ofac:10278', listKind: 'ofac', aboveThreshold: true });
    const explanation = hit!.explanation as {
      pairs: Body[];
      qualifiers: Body[];
      unmatchedEntry: string[];
    };
    expect(explanation.unmatchedEntry).toEqual(['angus']);
    expect(explanation.qualifiers.map((q) => q.kind)).toEqual(['dob_exact', 'country_match']);
    const bad = await call('POST', '/v1/screening/screen', auditorKey, {
      name: 'x',
      dob: '28/07/1963',
    });
    expect(bad.status).toBe(400);
  });

  it('screens customers at onboarding and holds an instruction paying a listed name', async () => {
    const listed = await customerNamed('Eric Badege');
    const onboarding = await call(
      'GET',
      `/v1/platforms/${books.platformId}/customers/${listed.customerId}/screening`,
      auditorKey,
    );
    expect(onboarding.status).toBe(200);
    const results = onboarding.body.results as Body[];
    expect(results[0]).toMatchObject({ partyKind: 'customer', hitCount: 1, trigger: 'onboarding' });
    const reviews = onboarding.body.reviews as Body[];
    expect(reviews).toEqual([
      expect.objectContaining({ subjectKind: 'customer', entryKey: 'un:CDi.001', status: 'open' }),
    ]);
    const alerts = await db.query('SELECT rule_id, severity FROM alerts WHERE alert_key = $1', [
      reviews[0]!.alertKey,
    ]);
    expect(alerts).toEqual([{ rule_id: 'screening.watchlist_match', severity: 'high' }]);

    const clean = await customerNamed('Li Xiaoming');
    const cleanDeposit = await deposit(clean.accountId);
    expect(cleanDeposit.status).toBe('posted');

    const held = await deposit(listed.accountId);
    expect(held.status).toBe('pending');
    const instructionId = String(held.id);
    const review = await waitFor(async () => {
      const r = await call(
        'GET',
        `/v1/platforms/${books.platformId}/screening/reviews?subjectKind=instruction`,
        auditorKey,
      );
      const found = (r.body.items as Body[]).find((i) => i.subjectId === instructionId);
      return found ?? null;
    }, 'the instruction review');
    expect(review).toMatchObject({
      entryKey: 'un:CDi.001',
      status: 'open',
      partyKind: 'customer',
      partyId: listed.customerId,
    });

    // Exact name: a strong hit. One person proposes the release, the same person cannot finish it.
    const reviewUrl = `/v1/platforms/${books.platformId}/screening/reviews/${String(review.id)}/decision`;
    const proposed = await call('POST', reviewUrl, complianceA, {
      decision: 'false_positive',
      reason: 'different person: DOB 1990',
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.review).toMatchObject({ status: 'release_proposed' });
    expect(proposed.body.instructionReleased).toBe(false);
    const self = await call('POST', reviewUrl, complianceA, {
      decision: 'false_positive',
      reason: 'again',
    });
    expect(self.status).toBe(403);
    const cleared = await call('POST', reviewUrl, complianceB, {
      decision: 'false_positive',
      reason: 'confirmed: not the listed person',
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      instructionReleased: true,
      review: expect.objectContaining({ status: 'false_positive' }),
    });
    const posted = await call(
      'GET',
      `/v1/platforms/${books.platformId}/instructions/${instructionId}`,
      auditorKey,
    );
    expect(posted.body.status).toBe('posted');
    expect(
      (await call('POST', reviewUrl, complianceB, { decision: 'true_match', reason: 'late' }))
        .status,
    ).toBe(409);

    // Whitelisted for this customer and entry: the next payment passes.
    const next = await deposit(listed.accountId);
    expect(next.status).toBe('posted');
  });

  it('confirms a true match: the customer is frozen and the instruction stays held', async () => {
    const listed = await customerNamed('Frank Kakolele Bwambale');
    const held = await deposit(listed.accountId);
    expect(held.status).toBe('pending');
    const review = await waitFor(async () => {
      const r = await call(
        'GET',
        `/v1/platforms/${books.platformId}/screening/reviews?status=pending&subjectKind=instruction`,
        auditorKey,
      );
      return (r.body.items as Body[]).find((i) => i.subjectId === held.id) ?? null;
    }, 'the instruction review');
    const url = `/v1/platforms/${books.platformId}/screening/reviews/${String(review.id)}/decision`;
    expect(
      (await call('POST', url, auditorKey, { decision: 'true_match', reason: 'x' })).status,
    ).toBe(403);
    const confirmed = await call('POST', url, complianceA, {
      decision: 'true_match',
      reason: 'same DOB and nationality',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.freezeId).toMatch(/^frz_/);
    expect(confirmed.body.instructionReleased).toBe(false);
    const instruction = await call(
      'GET',
      `/v1/platforms/${books.platformId}/instructions/${String(held.id)}`,
      auditorKey,
    );
    expect(instruction.body.status).toBe('pending');
    const critical = await db.query(
      "SELECT severity FROM alerts WHERE rule_id = 'screening.confirmed_match'",
    );
    expect(critical).toEqual([{ severity: 'critical' }]);
  });

  it('replaces an internal watchlist via the API and rescreens customers with progress', async () => {
    const customer = await customerNamed('Wang Jianguo');
    const created = await call('POST', '/v1/screening/internal-lists/watch/entries', complianceA, {
      entries: [{ reference: 'W-1', name: '王建国', countries: ['CN'] }],
    });
    expect(created.status).toBe(201);
    expect(created.body.version).toMatchObject({
      listKind: 'internal',
      listName: 'watch',
      version: 1,
    });
    const runId = String(created.body.rescreenRunId);
    const run = await waitFor(async () => {
      const r = await call('GET', `/v1/screening/rescreen-runs/${runId}`, auditorKey);
      return r.body.status === 'running' ? null : r.body;
    }, 'the rescreen run');
    expect(run).toMatchObject({ status: 'done' });
    expect(Number(run.partiesDone)).toBe(Number(run.partiesTotal));
    const screening = await call(
      'GET',
      `/v1/platforms/${books.platformId}/customers/${customer.customerId}/screening`,
      auditorKey,
    );
    expect((screening.body.reviews as Body[]).map((r) => r.entryKey)).toEqual(['internal:W-1']);
    const bad = await call('POST', '/v1/screening/internal-lists/watch/entries', complianceA, {
      entries: [{ reference: 'W-2', name: 'สมชาย' }],
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body.detail)).toMatch(/entry 1 \(reference W-2\): name "สมชาย" has U\+0E2A/);
  });

  it('keeps platforms apart', async () => {
    const other = await createTestBooks(db, 1);
    const r = await call(
      'GET',
      `/v1/platforms/${books.platformId}/screening/reviews`,
      other.apiKey,
    );
    expect(r.status).toBe(403);
  });
});
