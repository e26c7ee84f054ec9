import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer } from '../../src/api/index.js';
import { MonitorService } from '../../src/monitor-service/monitor-service.js';
import { ScreeningService } from '../../src/screening/index.js';
import type { Database } from '../../src/store/index.js';
import { createStaff } from '../cases/case-support.js';
import { createTestBooks, signInstruction, type TestBooks } from '../support/books.js';
import { injectJson } from '../support/inject-json.js';
import { createTestDatabase } from '../support/test-database.js';

// Monitoring's gate (the default CN pack) and the screening gate on one server, over HTTP:
// reject beats hold beats allow; a refusal names both gates' reasons and rule ids, writes
// nothing to the books and records monitoring's alerts behind it; a screening hold opens a
// review (which knows when monitoring holds too or was unavailable); a held instruction keeps
// the code, reason and rule ids of the gates that held it; and a screening hold is released
// only by clearing its review.

const LISTED_NAME = 'Borislav Kostadinov Dragomirov';
const LISTED_ENTRY_KEY = 'internal:GT-1';
const SCREENING_RULE_ID = 'screening.watchlist_match';
const THIRD_PARTY_RULE_ID = 'cn.third_party_funding';
/**
 * The CN pack's only reject rule (cn.unauthorized_debit) reads refused unsigned debits, which
 * custody refuses before any gate runs; a platform rule that rejects before posting is what a
 * gate reject looks like, so one is activated through the monitoring API (four eyes).
 */
const REJECT_RULE_ID = 'platform.cross_border_transfer_block';
const REVIEW_WAIT_MS_MAX = 15_000;
const POLL_MS = 50;

type Body = Record<string, unknown>;

let db: Database;
let app: FastifyInstance;
let books: TestBooks;
let monitor: MonitorService;
let auditorKey: string;
let complianceKeys: [string, string];
let listed: { customerId: string; accountId: string };
/** A second customer of the listed name, whose review is cleared (whitelisting only it). */
let listedCleared: { customerId: string; accountId: string };
let clean: { customerId: string; accountId: string };
/** Instructions a screening review is expected for, and the ones none may be opened for. */
const expectReview = new Set<string>();
const expectNoReview = new Set<string>();
/** Instructions and answers that a later test reads again (each set by the test before it). */
let heldByScreening = '';
let heldByBoth = '';
let heldInOutage = '';
let outageReview: Body = {};
let outageCleared: Body = {};
let heldForRelease = '';
let plainRelease: { status: number; body: Body } = { status: 0, body: {} };

const call = (method: string, url: string, key: string, body?: unknown) =>
  injectJson(app, method, url, key, body);

async function waitFor<T>(probe: () => Promise<T | null>, what: string): Promise<T> {
  const deadlineMs = Date.now() + REVIEW_WAIT_MS_MAX;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadlineMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const platformUrl = (rest: string) => `/v1/platforms/${books.platformId}${rest}`;

function submit(body: Body): Promise<{ status: number; body: Body }> {
  return call('POST', platformUrl('/instructions'), books.apiKey, body);
}

/** A deposit by the platform into a customer's account (the payee is screened). */
function depositBody(accountId: string, channel?: Body): Body {
  return {
    type: 'deposit',
    idempotencyKey: randomUUID(),
    amount: '100.00',
    currency: 'CNY',
    purpose: 'topup',
    payeeAccountId: accountId,
    ...(channel === undefined ? {} : { channel }),
  };
}

/** A transfer of CNY 100.00 signed by the first customer (payer and payee are screened). */
function transferBody(payeeAccountId: string, channel?: Body): Body {
  const payer = books.customers[0]!;
  const signed = signInstruction(
    books.platformId,
    payer,
    {
      type: 'transfer',
      idempotencyKey: randomUUID(),
      currency: 'CNY',
      amountMinor: 10_000n,
      purpose: 'investment',
      payerAccountId: payer.accountId,
      payeeAccountId,
    },
    payeeAccountId,
  );
  const { amountMinor: _amountMinor, ...rest } = signed;
  return { ...rest, amount: '100.00', ...(channel === undefined ? {} : { channel }) };
}

/** Registers a customer through the API (so onboarding screening runs) with a CNY account. */
async function customerNamed(name: string): Promise<{ customerId: string; accountId: string }> {
  const created = await call('POST', platformUrl('/customers'), books.apiKey, {
    kind: 'person',
    externalRef: `ref-${randomUUID()}`,
    name,
  });
  expect(created.status).toBe(201);
  const customerId = String(created.body.id);
  const account = await call(
    'POST',
    platformUrl(`/customers/${customerId}/accounts`),
    books.apiKey,
    {
      currency: 'CNY',
    },
  );
  expect(account.status).toBe(201);
  return { customerId, accountId: String(account.body.id) };
}

/** Every row a posting or a hold writes, as one comparable value. */
async function bookCounts(): Promise<string> {
  const rows = await db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM instructions) || '/' || (SELECT count(*) FROM transfers) || '/' ||
       (SELECT count(*) FROM instruction_events) || '/' ||
       (SELECT sum(debits_posted + credits_posted + debits_pending + credits_pending)
          FROM accounts) AS n`,
  );
  return rows[0]?.n ?? '';
}

type RefusalAlertRow = {
  alert_key: string;
  rule_version: number;
  severity: string;
  customer_id: string | null;
  explanation: { summary: string; values: Record<string, unknown>; eventIds: string[] };
};

/** The alerts written for refusals of the platform's reject rule, oldest first. */
function refusalAlerts(): Promise<RefusalAlertRow[]> {
  return db.query<RefusalAlertRow>(
    `SELECT alert_key, rule_version, severity, customer_id, explanation FROM alerts
      WHERE rule_id = $1 ORDER BY first_seen_at, id`,
    [REJECT_RULE_ID],
  );
}

async function instructionReviews(): Promise<Body[]> {
  const r = await call(
    'GET',
    platformUrl('/screening/reviews?subjectKind=instruction&limit=100'),
    auditorKey,
  );
  expect(r.status).toBe(200);
  return r.body.items as Body[];
}

function reviewOf(instructionId: string): Promise<Body> {
  return waitFor(
    async () => (await instructionReviews()).find((r) => r.subjectId === instructionId) ?? null,
    `the screening review of ${instructionId}`,
  );
}

async function instruction(id: string): Promise<Body> {
  const r = await call('GET', platformUrl(`/instructions/${id}`), auditorKey);
  expect(r.status).toBe(200);
  return r.body;
}

/** Clears a strong hit as a false positive: one officer proposes, the other confirms. */
async function clearReview(reviewId: string): Promise<Body> {
  const url = platformUrl(`/screening/reviews/${reviewId}/decision`);
  const proposed = await call('POST', url, complianceKeys[0], {
    decision: 'false_positive',
    reason: 'different person',
  });
  expect(proposed.status).toBe(200);
  expect((proposed.body.review as Body).status).toBe('release_proposed');
  const cleared = await call('POST', url, complianceKeys[1], {
    decision: 'false_positive',
    reason: 'confirmed: different person',
  });
  expect(cleared.status).toBe(200);
  return cleared.body;
}

async function importWatchlist(complianceKey: string): Promise<void> {
  const created = await call('POST', '/v1/screening/internal-lists/watch/entries', complianceKey, {
    entries: [{ reference: 'GT-1', name: LISTED_NAME }],
  });
  expect(created.status).toBe(201);
  const runId = String(created.body.rescreenRunId);
  await waitFor(async () => {
    const r = await call('GET', `/v1/screening/rescreen-runs/${runId}`, auditorKey);
    return r.body.status === 'running' ? null : r.body;
  }, 'the rescreen run');
}

/** Saves, asks for and approves (a second analyst) the platform's cross-border reject rule. */
async function activateRejectRule(): Promise<void> {
  const [first, second] = [
    (await createStaff(db, 'risk_analyst')).apiKey,
    (await createStaff(db, 'risk_analyst')).apiKey,
  ];
  const saved = await call('POST', platformUrl('/monitoring/rules'), first, {
    kind: 'rule',
    definition: {
      id: REJECT_RULE_ID,
      version: 1,
      severity: 'high',
      mode: 'sync',
      syncAction: 'reject',
      description: 'Cross-border transfer between customers: refused before it posts.',
      basis: 'Platform policy: customer transfers stay domestic.',
      template: 'threshold',
      params: { direction: 'out', filter: { kinds: ['transfer'], crossBorder: true } },
    },
  });
  expect(saved.status).toBe(201);
  const version = Number(saved.body.version);
  const asked = await call(
    'POST',
    platformUrl(`/monitoring/rules/${REJECT_RULE_ID}/versions/${version}/activate`),
    first,
    { reason: 'no cross-border customer transfers' },
  );
  expect(asked.status).toBe(202);
  const approved = await call(
    'POST',
    `/v1/approvals/${String(asked.body.approvalId)}/approve`,
    second,
    { reason: 'policy confirmed' },
  );
  expect(approved.status).toBe(200);
  // The service picks up activated rules every 30 seconds; the test does not wait for that.
  await monitor.refreshPacks();
}

beforeAll(async () => {
  db = await createTestDatabase();
  books = await createTestBooks(db, 1);
  monitor = new MonitorService(db, { consumer: 'gates-together' });
  ({ app } = await buildServer({
    database: db,
    port: 0,
    monitor,
    screening: new ScreeningService(db),
  }));
  auditorKey = (await createStaff(db, 'auditor')).apiKey;
  complianceKeys = [
    (await createStaff(db, 'compliance_officer')).apiKey,
    (await createStaff(db, 'compliance_officer')).apiKey,
  ];
  await importWatchlist(complianceKeys[0]);
  listed = await customerNamed(LISTED_NAME);
  listedCleared = await customerNamed(LISTED_NAME);
  clean = await customerNamed('Li Xiaoming');
  // Funds the payer; the gate's first check also gives the platform its monitoring engine.
  const funded = await submit({
    ...depositBody(books.customers[0]!.accountId),
    amount: '10000.00',
  });
  expect(funded.status).toBe(201);
  expect(funded.body.status).toBe('posted');
  await activateRejectRule();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('monitoring and screening gates together over HTTP', () => {
  it('posts an ordinary transfer to a clean counterparty and opens no review', async () => {
    const posted = await submit(transferBody(clean.accountId));
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ status: 'posted', holdReason: null });
    const id = String(posted.body.id);
    expectNoReview.add(id);
    expect((await instructionReviews()).filter((r) => r.subjectId === id)).toEqual([]);
  });

  it('holds a transfer to a watchlisted payee that monitoring allows and opens a review', async () => {
    const held = await submit(transferBody(listed.accountId));
    expect(held.status).toBe(201);
    expect(held.body.status).toBe('pending');
    const id = String(held.body.id);
    heldByScreening = id;
    expectReview.add(id);
    const review = await reviewOf(id);
    expect(review).toMatchObject({
      entryKey: LISTED_ENTRY_KEY,
      entryName: LISTED_NAME,
      partyKind: 'customer',
      partyId: listed.customerId,
      status: 'open',
      otherHolds: false,
    });
    const alerts = await db.query('SELECT rule_id, severity FROM alerts WHERE alert_key = $1', [
      review.alertKey,
    ]);
    expect(alerts).toEqual([{ rule_id: SCREENING_RULE_ID, severity: 'high' }]);
    const stored = await instruction(id);
    expect(stored.status).toBe('pending');
    expect((stored.transfers as Body[]).map((t) => t.phase)).toEqual(['pending']);
  });

  // The instruction, its history and its audit record say why: screening's code, reason and
  // rule id.
  it('names screening as the reason of a hold that only screening asked for', async () => {
    const stored = await instruction(heldByScreening);
    expect(stored.status).toBe('pending');
    expect(String(stored.holdReason)).toMatch(/screening/);
    expect(stored).toMatchObject({
      holdReason: 'screening_review',
      holdRuleIds: [SCREENING_RULE_ID],
    });
    expect(String(stored.holdNote)).toContain(
      `screening: payee matches "${LISTED_NAME}" (${LISTED_ENTRY_KEY})`,
    );
    const held = (stored.events as Body[]).find((e) => e.event === 'held');
    expect(held?.detail).toMatchObject({
      holdReason: 'screening_review',
      holdRuleIds: [SCREENING_RULE_ID],
    });
    const audit = await db.query<{ entry: string }>(
      `SELECT entry FROM audit_records WHERE entry::jsonb->>'subjectId' = $1
         AND entry::jsonb->>'action' = 'instruction.held'`,
      [heldByScreening],
    );
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.entry).payload).toMatchObject({
      holdReason: 'screening_review',
      holdRuleIds: [SCREENING_RULE_ID],
      holdReviewsPending: ['screening'],
    });
    // The platform sees that it is held, not what matched (no tipping-off).
    const asPlatform = await call(
      'GET',
      platformUrl(`/instructions/${heldByScreening}`),
      books.apiKey,
    );
    expect(asPlatform.status).toBe(200);
    expect(asPlatform.body).toMatchObject({
      holdReason: 'screening_review',
      holdRuleIds: [],
      holdNote: null,
    });
    expect(JSON.stringify(asPlatform.body)).not.toContain(LISTED_NAME);
  });

  it('keeps monitoring’s hold of a deposit for a clean payee and opens no review', async () => {
    const held = await submit(depositBody(clean.accountId, { fundingAccountOwnName: false }));
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: 'pending', holdReason: 'monitoring_review' });
    const id = String(held.body.id);
    expectNoReview.add(id);
    expect((await instructionReviews()).filter((r) => r.subjectId === id)).toEqual([]);
    expect(monitor.stats().gateHolds).toBeGreaterThanOrEqual(1);
  });

  it('keeps monitoring’s refusal of a transfer to a clean payee: no books, one alert', async () => {
    const before = await bookCounts();
    const refused = await submit(transferBody(clean.accountId, { crossBorder: true }));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('monitoring_rejected');
    expect(String(refused.body.detail)).toContain(REJECT_RULE_ID);
    expect(String(refused.body.detail)).not.toContain('screening');
    expect(refused.body.detail_fields).toEqual({ ruleIds: [REJECT_RULE_ID] });
    expect(await bookCounts()).toBe(before);
    // The refusal is on record: the alert behind it, in a case, with its audit record.
    const [alert, ...more] = await refusalAlerts();
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      rule_version: 1,
      severity: 'high',
      customer_id: books.customers[0]!.customerId,
    });
    const explanation = alert!.explanation;
    const refusedId = String(explanation.values.refusedInstructionId);
    // A threshold rule quotes the instruction itself: the refusal does not repeat it.
    expect(explanation.summary).toMatch(/^Refused before posting: /);
    expect(explanation.summary).toContain(REJECT_RULE_ID);
    expect(explanation.summary.split(refusedId)).toHaveLength(2);
    expect(explanation.eventIds.at(-1)).toBe(refusedId);
    expect(await db.query('SELECT id FROM instructions WHERE id = $1', [refusedId])).toEqual([]);
    const audited = await db.query(
      `SELECT action FROM audit_records WHERE subject_type = 'alert' AND subject_id = $1`,
      [alert!.alert_key],
    );
    expect(audited).toEqual([{ action: 'alert.raised' }]);
    expect(monitor.stats()).toMatchObject({ gateRejects: 1, gateRejectsUnrecorded: 0 });
  });

  it('holds when both gates hold; the review knows monitoring holds too', async () => {
    const held = await submit(
      depositBody(listedCleared.accountId, { fundingAccountOwnName: false }),
    );
    expect(held.status).toBe(201);
    expect(held.body.status).toBe('pending');
    const id = String(held.body.id);
    heldByBoth = id;
    expectReview.add(id);
    const review = await reviewOf(id);
    expect(review).toMatchObject({ entryKey: LISTED_ENTRY_KEY, otherHolds: true });
    // Clearing screening's side (a strong hit: two people) leaves monitoring's hold in place.
    const cleared = await clearReview(String(review.id));
    expect(cleared).toMatchObject({ instructionReleased: false });
    expect(String(cleared.stillHeldBecause)).toMatch(/monitoring also holds/);
    expect((await instruction(id)).status).toBe('pending');
  });

  // Monitoring's code stands when both hold; both gates' reasons and rule ids are kept.
  it('keeps the reasons and rule ids of both gates on a held instruction', async () => {
    const stored = await instruction(heldByBoth);
    expect(stored.status).toBe('pending');
    const record = JSON.stringify(stored);
    expect(record).toContain(THIRD_PARTY_RULE_ID);
    expect(record).toContain(SCREENING_RULE_ID);
    expect(stored.holdReason).toBe('monitoring_review');
    expect([...(stored.holdRuleIds as string[])].sort()).toEqual(
      [THIRD_PARTY_RULE_ID, SCREENING_RULE_ID].sort(),
    );
    expect(String(stored.holdNote)).toContain('screening: payee matches');
  });

  it('refuses when monitoring rejects a transfer to a watchlisted payee: reject wins', async () => {
    const before = await bookCounts();
    const refused = await submit(transferBody(listed.accountId, { crossBorder: true }));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('monitoring_rejected');
    const detail = String(refused.body.detail);
    expect(detail).toContain(REJECT_RULE_ID);
    expect(detail).toContain(`screening: payee matches "${LISTED_NAME}" (${LISTED_ENTRY_KEY})`);
    const ruleIds = (refused.body.detail_fields as { ruleIds: string[] }).ruleIds;
    expect([...ruleIds].sort()).toEqual([REJECT_RULE_ID, SCREENING_RULE_ID].sort());
    expect(await bookCounts()).toBe(before);
    // Each refusal is an alert of its own: the second refused instruction adds one.
    expect(await refusalAlerts()).toHaveLength(2);
  });

  it('holds when monitoring is unavailable and screening holds', async () => {
    const payee = await customerNamed(LISTED_NAME);
    const outage = vi.spyOn(monitor, 'check').mockImplementation(() => {
      throw new Error('engine unavailable');
    });
    let held: { status: number; body: Body };
    try {
      held = await submit(transferBody(payee.accountId));
    } finally {
      outage.mockRestore();
    }
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: 'pending', holdReason: 'monitoring_unavailable' });
    const id = String(held.body.id);
    heldInOutage = id;
    expectReview.add(id);
    const review = await reviewOf(id);
    outageReview = review;
    outageCleared = await clearReview(String(review.id));
  });

  // A monitor that throws is a visible hold (rule id gate.unavailable) that the screening
  // review knows of: clearing the review does not post what monitoring never checked.
  it('keeps a monitoring-outage hold when screening clears its review', async () => {
    expect(outageCleared.instructionReleased).toBe(false);
    expect(String(outageCleared.stillHeldBecause)).toMatch(/monitoring also holds/);
    const stored = await instruction(heldInOutage);
    expect(stored.status).toBe('pending');
    expect(stored.holdReason).toBe('monitoring_unavailable');
    expect(stored.holdRuleIds).toEqual(
      expect.arrayContaining(['gate.unavailable', SCREENING_RULE_ID]),
    );
    expect(outageReview.otherHolds).toBe(true);
  });

  it('asks the plain release route to settle a screening hold', async () => {
    const held = await submit(transferBody(listed.accountId));
    expect(held.status).toBe(201);
    expect(held.body.status).toBe('pending');
    const id = String(held.body.id);
    heldForRelease = id;
    expectReview.add(id);
    expect(await reviewOf(id)).toMatchObject({ status: 'open', otherHolds: false });
    const operatorKey = (await createStaff(db, 'operator')).apiKey;
    plainRelease = await call('POST', platformUrl(`/instructions/${id}/release`), operatorKey, {
      reason: 'customer called',
    });
  });

  // The release route does not bypass the review (a strong hit, four eyes to clear): one
  // operator cannot post a payment to a watchlisted payee while its review is open.
  it('refuses a plain release while a screening review of it is open', async () => {
    expect(plainRelease.status).toBe(409);
    expect(String(plainRelease.body.detail)).toMatch(/screening review is cleared/);
    expect((await instruction(heldForRelease)).status).toBe('pending');
  });

  it('releases a screening-only hold once its review is cleared', async () => {
    const review = await reviewOf(heldForRelease);
    const cleared = await clearReview(String(review.id));
    expect(cleared).toMatchObject({ instructionReleased: true, stillHeldBecause: null });
    expect((await instruction(heldForRelease)).status).toBe('posted');
  });

  it('opened reviews for exactly the instructions screening held', async () => {
    // Reviews are written in one pass after commits: once every expected one is there, any
    // review of the others would be too.
    for (const id of expectReview) await reviewOf(id);
    const reviewed = new Set((await instructionReviews()).map((r) => String(r.subjectId)));
    expect([...reviewed].sort()).toEqual([...expectReview].sort());
    for (const id of expectNoReview) expect(reviewed.has(id)).toBe(false);
  });
});
