import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLAINT_LIMITS, sweepOverdueComplaints } from '../../src/complaints/index.js';
import { measureComplaintKris } from '../../src/complaints/complaint-statistics-store.js';
import { registerCustomer } from '../../src/custody/index.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

// Complaints over HTTP: intake, deadlines, the per-customer flood limit, the automatic case
// for an alleged unauthorized transaction, the state machine, the SLA sweep and statistics.
let api: ApiHarness;
let base = '';
let analystKey = '';
let compliance = { key: '', id: '' };
let depositId = '';

async function staffKey(role: 'risk_analyst' | 'compliance_officer') {
  const created = await api.db.transaction((tx) =>
    createPrincipalWithKey(tx, {
      kind: 'staff',
      platformId: null,
      role,
      name: `complaints ${role}`,
    }),
  );
  return { key: created.apiKey, id: created.principal.id };
}

function customer(index: number): string {
  const found = api.books.customers[index];
  if (found === undefined) throw new Error('no such test customer');
  return found.customerId;
}

/** A customer of its own, so the per-customer flood limit of one test does not touch another. */
async function freshCustomer(): Promise<string> {
  const created = await registerCustomer(api.db, api.books.platform, api.books.platformId, {
    kind: 'person',
    externalRef: `complainant-${randomUUID()}`,
    personalData: { name: 'Complainant', phone: '13800000000' },
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.customerId;
}

async function counts(): Promise<string> {
  const rows = await api.db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM complaints) || '/' || (SELECT count(*) FROM complaint_events) || '/' ||
       (SELECT count(*) FROM complaint_attachments) || '/' || (SELECT count(*) FROM audit_records) || '/' ||
       (SELECT count(*) FROM alerts) AS n`,
  );
  return rows[0]?.n ?? '';
}

const lodge = (body: Record<string, unknown>, key?: string) =>
  api.call('POST', `${base}/complaints`, { ...(key === undefined ? {} : { key }), body });

beforeAll(async () => {
  api = await createApiHarness();
  base = `/v1/platforms/${api.books.platformId}`;
  analystKey = (await staffKey('risk_analyst')).key;
  compliance = await staffKey('compliance_officer');
  const deposit = await api.call('POST', `${base}/instructions`, {
    body: {
      type: 'deposit',
      amount: '10.00',
      currency: 'CNY',
      purpose: 'top_up',
      payeeAccountId: api.books.customers[0]?.accountId,
    },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(deposit.status).toBe(201);
  depositId = String(
    (deposit.body as { id?: string; instruction?: { id: string } }).id ??
      (deposit.body.instruction as { id: string }).id,
  );
});
afterAll(() => api.close());

describe('complaint intake', () => {
  it('lodges a complaint with deadlines from the policy and keeps its text sealed', async () => {
    const lodged = await lodge({
      customerId: customer(1),
      category: 'fees',
      subject: 'Fee twice',
      description: '我被收了两次费用 — charged twice',
    });
    expect(lodged.status).toBe(201);
    const id = String(lodged.body.complaintId);
    expect(Date.parse(String(lodged.body.resolveDueAt))).toBeGreaterThan(
      Date.now() + 14 * 86_400_000,
    );
    const stored = await api.db.query<{ description_sealed: string[] }>(
      'SELECT description_sealed FROM complaints WHERE id = $1',
      [id],
    );
    expect(stored[0]?.description_sealed.join('')).not.toContain('charged twice');
    expect(stored[0]?.description_sealed[0]).toMatch(/^enc:v1:/);
    const asCompliance = await api.call('GET', `${base}/complaints/${id}`, { key: compliance.key });
    expect(asCompliance.status).toBe(200);
    expect(asCompliance.body.description).toBe('我被收了两次费用 — charged twice');
    const asAnalyst = await api.call('GET', `${base}/complaints/${id}`, { key: analystKey });
    expect(asAnalyst.status).toBe(200);
    expect(asAnalyst.body.description).toBeNull();
    expect((asAnalyst.body.events as { kind: string }[]).map((e) => e.kind)).toEqual(['received']);
  });

  it('an unauthorized transaction opens a case naming the instruction', async () => {
    const lodged = await lodge({
      customerId: customer(0),
      category: 'unauthorized_transaction',
      subject: 'I did not do this',
      description: 'A payment I never authorized',
      instructionIds: [depositId],
    });
    expect(lodged.status).toBe(201);
    const caseId = String(lodged.body.caseId);
    expect(caseId).toMatch(/^cas_/);
    const alerts = await api.db.query<{
      rule_id: string;
      severity: string;
      explanation: { summary: string };
    }>('SELECT rule_id, severity, explanation FROM alerts WHERE case_id = $1', [caseId]);
    expect(alerts[0]).toMatchObject({
      rule_id: 'complaint.unauthorized_transaction',
      severity: 'critical',
    });
    expect(JSON.stringify(alerts[0]?.explanation)).toContain(depositId);
    const detail = await api.call('GET', `${base}/complaints/${String(lodged.body.complaintId)}`, {
      key: analystKey,
    });
    expect((detail.body.complaint as { caseId: string }).caseId).toBe(caseId);
  });

  it('a restriction objection must name a freeze of that customer', async () => {
    const before = await counts();
    const without = await lodge({
      customerId: customer(1),
      category: 'restriction_objection',
      subject: 'Unfreeze',
      description: 'Please',
    });
    expect(without.status).toBe(400);
    const unknown = await lodge({
      customerId: customer(1),
      category: 'restriction_objection',
      freezeId: 'frz_unknown',
      subject: 'Unfreeze',
      description: 'Please',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('unknown_freeze');
    expect(await counts()).toBe(before);
    const freeze = await api.call('POST', `${base}/freezes`, {
      key: api.books.staffKey,
      body: {
        customerId: customer(1),
        scope: 'debits',
        reasonCode: 'aml_investigation',
        note: 'review',
      },
    });
    expect(freeze.status).toBe(201);
    const objection = await lodge({
      customerId: customer(1),
      category: 'restriction_objection',
      freezeId: String(freeze.body.id),
      subject: 'Unfreeze',
      description: 'My account was frozen without reason',
    });
    expect(objection.status).toBe(201);
    const days = (Date.parse(String(objection.body.resolveDueAt)) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(14);
    expect(days).toBeLessThanOrEqual(16);
  });

  it('refuses a flood from one customer with 429 and writes nothing', async () => {
    const target = customer(2);
    for (let index = 0; index < COMPLAINT_LIMITS.perCustomerMax; index += 1) {
      const ok = await lodge({
        customerId: target,
        category: 'service',
        subject: `Slow ${index}`,
        description: 'The app is slow',
      });
      expect(ok.status).toBe(201);
    }
    const before = await counts();
    const flood = await lodge({
      customerId: target,
      category: 'service',
      subject: 'Again',
      description: 'Again',
      attachments: [
        { fileName: 'note.txt', contentBase64: Buffer.from('hello').toString('base64') },
      ],
    });
    expect(flood.status).toBe(429);
    expect(flood.headers['content-type']).toContain('application/problem+json');
    expect(flood.body.code).toBe('complaint_rate_limited');
    expect(flood.headers['retry-after']).toBeDefined();
    expect(await counts()).toBe(before);
    // Another customer of the same platform is not affected.
    const other = await lodge({
      customerId: await freshCustomer(),
      category: 'other',
      subject: 'Other',
      description: 'Unrelated',
    });
    expect(other.status).toBe(201);
  });

  it('refuses oversized and disguised attachments and writes nothing; keeps a good one with its hash', async () => {
    const attacher = await freshCustomer();
    const before = await counts();
    const big = Buffer.alloc(COMPLAINT_LIMITS.attachmentBytesMax + 1, 0x41).toString('base64');
    const tooLarge = await lodge({
      customerId: attacher,
      category: 'other',
      subject: 'Big',
      description: 'Big file',
      attachments: [{ fileName: 'a.txt', contentBase64: big }],
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('attachment_too_large');
    const program = Buffer.concat([Buffer.from([0x4d, 0x5a]), Buffer.alloc(100)]).toString(
      'base64',
    );
    const disguised = await lodge({
      customerId: attacher,
      category: 'other',
      subject: 'Pdf',
      description: 'A pdf',
      attachments: [{ fileName: 'statement.pdf', contentBase64: program }],
    });
    expect(disguised.status).toBe(415);
    expect(await counts()).toBe(before);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n');
    const good = await lodge({
      customerId: attacher,
      category: 'fees',
      subject: 'Statement',
      description: 'See the statement',
      attachments: [{ fileName: 'statement.pdf', contentBase64: pdf.toString('base64') }],
    });
    expect(good.status).toBe(201);
    const id = String(good.body.complaintId);
    const detail = await api.call('GET', `${base}/complaints/${id}`, { key: compliance.key });
    const [attachment] = detail.body.attachments as {
      id: string;
      sha256: string;
      sizeBytes: number;
    }[];
    expect(attachment?.sizeBytes).toBe(pdf.length);
    const file = await api.app.inject({
      method: 'GET',
      url: `${base}/complaints/${id}/attachments/${attachment?.id}`,
      headers: { authorization: `Bearer ${compliance.key}` },
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers['x-content-sha256']).toBe(attachment?.sha256);
  });

  it('the same external reference returns the stored complaint', async () => {
    const body = {
      customerId: await freshCustomer(),
      category: 'other',
      subject: 'Ref',
      description: 'Ref',
      externalRef: 'ticket-77',
    };
    const first = await lodge(body);
    const again = await lodge(body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ complaintId: first.body.complaintId, replayed: true });
  });
});

describe('complaint work', () => {
  it('moves through the states with a timeline; answers need a text; closed ones stay closed', async () => {
    const lodged = await lodge({
      customerId: await freshCustomer(),
      category: 'service',
      subject: 'Card',
      description: 'Card refused',
    });
    const url = `${base}/complaints/${String(lodged.body.complaintId)}`;
    const move = (command: string, text?: string, key = compliance.key) =>
      api.call('POST', `${url}/moves`, {
        key,
        body: { command, ...(text === undefined ? {} : { text }) },
      });
    expect((await move('resolve', 'done')).status).toBe(409);
    expect((await move('acknowledge', undefined, analystKey)).status).toBe(403);
    expect((await move('acknowledge')).body).toEqual({ state: 'acknowledged' });
    expect((await move('investigate')).body).toEqual({ state: 'investigating' });
    expect((await move('escalate')).status).toBe(400);
    expect((await move('escalate', 'Needs the bank')).body).toEqual({ state: 'escalated' });
    expect((await move('resolve', 'Refunded CNY 10')).body).toEqual({ state: 'resolved' });
    const again = await move('reject', 'no');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_state');
    const detail = await api.call('GET', url, { key: compliance.key });
    expect(detail.body.outcome).toBe('Refunded CNY 10');
    expect((detail.body.events as { kind: string }[]).map((e) => e.kind)).toEqual([
      'received',
      'acknowledge',
      'investigate',
      'escalate',
      'resolve',
    ]);
    const audit = await api.db.query<{ action: string }>(
      'SELECT action FROM audit_records WHERE subject_id = $1 ORDER BY seq',
      [lodged.body.complaintId],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'complaint.received',
      'complaint.acknowledge',
      'complaint.investigate',
      'complaint.escalate',
      'complaint.resolve',
    ]);
  });

  it('links a case, refuses an unknown one', async () => {
    const lodged = await lodge({
      customerId: await freshCustomer(),
      category: 'other',
      subject: 'Link',
      description: 'Link me',
    });
    const url = `${base}/complaints/${String(lodged.body.complaintId)}/links`;
    const unknown = await api.call('POST', url, {
      key: compliance.key,
      body: { caseId: 'cas_unknown' },
    });
    expect(unknown.status).toBe(404);
    const cases = await api.db.query<{ id: string }>(
      'SELECT id FROM cases WHERE platform_id = $1 LIMIT 1',
      [api.books.platformId],
    );
    const linked = await api.call('POST', url, {
      key: compliance.key,
      body: { caseId: cases[0]?.id },
    });
    expect(linked.status).toBe(200);
    expect(linked.body.caseId).toBe(cases[0]?.id);
  });

  it('the sweep raises one alert per missed deadline, once', async () => {
    const lodged = await lodge({
      customerId: await freshCustomer(),
      category: 'service',
      subject: 'Late',
      description: 'Nobody answered',
    });
    const id = String(lodged.body.complaintId);
    const later = Date.now() + 40 * 86_400_000;
    const first = await sweepOverdueComplaints(api.db, later);
    const mine = first.alerted
      .filter((a) => a.complaintId === id)
      .map((a) => a.kind)
      .sort();
    expect(mine).toEqual(['acknowledge', 'resolve']);
    const second = await sweepOverdueComplaints(api.db, later);
    expect(second.alerted.filter((a) => a.complaintId === id)).toEqual([]);
    const listed = await api.call('GET', `${base}/complaints?overdue=true&limit=500`, {
      key: analystKey,
    });
    expect(listed.status).toBe(200);
  });

  it('sets a policy, refusing a restriction objection beyond 15 days', async () => {
    const put = (category: string, body: unknown) =>
      api.call('PUT', `${base}/complaint-policies/${category}`, { key: compliance.key, body });
    const refused = await put('restriction_objection', {
      acknowledge: { amount: 1, unit: 'working_days' },
      resolve: { amount: 20, unit: 'calendar_days' },
    });
    expect(refused.status).toBe(400);
    const saved = await put('fees', {
      acknowledge: { amount: 4, unit: 'hours' },
      resolve: { amount: 5, unit: 'working_days' },
    });
    expect(saved.status).toBe(200);
    const policies = await api.call('GET', `${base}/complaint-policies`, { key: analystKey });
    expect((policies.body.policies as Record<string, { custom: boolean }>).fees?.custom).toBe(true);
    const lodged = await lodge({
      customerId: await freshCustomer(),
      category: 'fees',
      subject: 'Fee',
      description: 'Fee',
    });
    const ackHours = (Date.parse(String(lodged.body.acknowledgeDueAt)) - Date.now()) / 3_600_000;
    expect(ackHours).toBeGreaterThan(3.9);
    expect(ackHours).toBeLessThanOrEqual(4);
  });
});

describe('statistics and KRIs', () => {
  it('counts by category and month, and feeds the complaint KRIs', async () => {
    const stats = await api.call('GET', `${base}/complaint-statistics`, { key: analystKey });
    expect(stats.status).toBe(200);
    const rows = stats.body.rows as { category: string; received: number }[];
    const stored = await api.db.query<{ n: string }>('SELECT count(*) AS n FROM complaints');
    expect(rows.reduce((sum, r) => sum + r.received, 0)).toBe(Number(stored[0]?.n));
    expect(rows.find((r) => r.category === 'service')?.received).toBeGreaterThanOrEqual(5);
    const global = await api.call('GET', '/v1/complaint-statistics', { key: api.books.apiKey });
    expect(global.status).toBe(200);
    for (const row of global.body.rows as { platformId: string }[])
      expect(row.platformId).toBe(api.books.platformId);
    const kris = await measureComplaintKris(api.db, api.books.platformId, Date.now());
    const perCustomers = kris.get('complaints_per_10k_customers_30d');
    const active = await api.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM customers WHERE platform_id = $1 AND status = 'active'",
      [api.books.platformId],
    );
    expect(perCustomers?.value).toBeCloseTo((Number(stored[0]?.n) * 10_000) / Number(active[0]?.n));
    expect(kris.get('complaints_overdue_share_90d')?.value).toBe(0);
  });
});
