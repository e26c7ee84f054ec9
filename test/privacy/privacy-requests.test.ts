import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCustomer, registerBankAccount } from '../../src/custody/index.js';
import { sweepPrivacyRequests } from '../../src/privacy/index.js';
import { retentionDecision } from '../../src/privacy/retention-basis.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

// PIPL requests over HTTP: an export holds this customer's data and nobody else's and is
// handed over once; a correction goes through the personal-data module; a deletion answer
// lists what was erased and what was kept, and why.
let api: ApiHarness;
let base = '';
let compliance = '';
let auditor = '';

async function staffKey(role: 'compliance_officer' | 'auditor') {
  const created = await api.db.transaction((tx) =>
    createPrincipalWithKey(tx, { kind: 'staff', platformId: null, role, name: `privacy ${role}` }),
  );
  return created.apiKey;
}

async function newCustomer(name: string, extra: Record<string, string> = {}): Promise<string> {
  const created = await registerCustomer(api.db, api.books.platform, api.books.platformId, {
    kind: 'person',
    externalRef: `privacy-${randomUUID()}`,
    personalData: {
      name,
      idNumber: `1101011990${Math.floor(Math.random() * 1e8)}`,
      email: `${name.toLowerCase().replace(/\s/g, '')}@example.cn`,
      ...extra,
    },
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.customerId;
}

async function request(customerId: string, kind: string, correction?: Record<string, string>) {
  const opened = await api.call('POST', `${base}/privacy-requests`, {
    body: { customerId, kind, ...(correction === undefined ? {} : { correction }) },
  });
  expect(opened.status).toBe(201);
  return String(opened.body.requestId);
}

const complete = (id: string) =>
  api.call('POST', `${base}/privacy-requests/${id}/complete`, { key: compliance, body: {} });

beforeAll(async () => {
  api = await createApiHarness();
  base = `/v1/platforms/${api.books.platformId}`;
  compliance = await staffKey('compliance_officer');
  auditor = await staffKey('auditor');
});
afterAll(() => api.close());

describe('export (PIPL Art. 45)', () => {
  it("contains the customer's data and no other customer's, and downloads once", async () => {
    const alice = await newCustomer('Alice Wang');
    const bob = await newCustomer('Bob Li');
    for (const [who, text] of [
      [alice, 'Alice complaint text'],
      [bob, 'Bob complaint text'],
    ] as const) {
      const lodged = await api.call('POST', `${base}/complaints`, {
        body: {
          customerId: who,
          category: 'service',
          subject: `${text} subject`,
          description: text,
        },
      });
      expect(lodged.status).toBe(201);
    }
    const id = await request(alice, 'export');
    const refusedRole = await api.call('POST', `${base}/privacy-requests/${id}/complete`, {
      key: auditor,
      body: {},
    });
    expect(refusedRole.status).toBe(403);
    const done = await complete(id);
    expect(done.status).toBe(200);
    const answer = done.body.answer as { sha256: string; bytes: number };
    const download = await api.app.inject({
      method: 'GET',
      url: `${base}/privacy-requests/${id}/export`,
      headers: { authorization: `Bearer ${compliance}` },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-content-sha256']).toBe(answer.sha256);
    const text = download.body;
    expect(Buffer.byteLength(text)).toBe(answer.bytes);
    const bundle = JSON.parse(text) as {
      customer: { id: string; personalData: { name: string; email: string } };
      complaints: { description: string }[];
    };
    expect(bundle.customer.id).toBe(alice);
    expect(bundle.customer.personalData.name).toBe('Alice Wang');
    expect(bundle.complaints.map((c) => c.description)).toEqual(['Alice complaint text']);
    expect(text).not.toContain(bob);
    expect(text).not.toContain('Bob');
    for (const other of api.books.customers) expect(text).not.toContain(other.customerId);
    const again = await api.call('GET', `${base}/privacy-requests/${id}/export`, {
      key: compliance,
    });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('export_not_available');
    const stored = await api.db.query<{
      export_sealed: unknown;
      export_downloaded_at: Date | null;
    }>('SELECT export_sealed, export_downloaded_at FROM privacy_requests WHERE id = $1', [id]);
    expect(stored[0]?.export_sealed).toBeNull();
    expect(stored[0]?.export_downloaded_at).not.toBeNull();
    const view = await api.call('GET', `${base}/privacy-requests/${id}`, { key: auditor });
    expect(view.body).toMatchObject({
      state: 'completed',
      export: { available: false, sha256: answer.sha256 },
    });
  });

  it('an export not downloaded in time is erased by the sweep', async () => {
    const id = await request(await newCustomer('Carol Zhao'), 'export');
    expect((await complete(id)).status).toBe(200);
    const swept = await sweepPrivacyRequests(api.db, Date.now() + 8 * 86_400_000);
    expect(swept.exportsExpired).toBeGreaterThanOrEqual(1);
    const late = await api.call('GET', `${base}/privacy-requests/${id}/export`, {
      key: compliance,
    });
    expect(late.status).toBe(410);
  });
});

describe('correction (PIPL Art. 46)', () => {
  it('changes the named fields through the personal-data module and audits field names only', async () => {
    const who = await newCustomer('Dan Sun');
    const refused = await api.call('POST', `${base}/privacy-requests`, {
      body: { customerId: who, kind: 'correction', correction: { salary: '1' } },
    });
    expect(refused.status).toBe(400);
    const id = await request(who, 'correction', { name: 'Daniel Sun', phone: '+8613900000000' });
    const done = await complete(id);
    expect(done.status).toBe(200);
    expect((done.body.answer as { fieldsChanged: string[] }).fieldsChanged.sort()).toEqual([
      'name',
      'phone',
    ]);
    const customer = await api.call('GET', `${base}/customers/${who}`, { key: compliance });
    expect(JSON.stringify(customer.body)).toContain('Da');
    const stored = await api.db.query<{ personal_data: unknown }>(
      'SELECT personal_data FROM customers WHERE id = $1',
      [who],
    );
    expect(JSON.stringify(stored[0]?.personal_data)).not.toContain('Daniel');
    const audit = await api.db.query<{ entry: string }>(
      "SELECT entry FROM audit_records WHERE subject_id = $1 AND action = 'customer.personal_data_corrected'",
      [who],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entry).not.toContain('Daniel');
    expect((await complete(id)).status).toBe(409);
  });
});

describe('deletion (PIPL Art. 47)', () => {
  it('erases what no law keeps and says what was kept and why', async () => {
    const who = await newCustomer('Erin Qian', { phone: '13700000000' });
    const bank = await registerBankAccount(
      api.db,
      api.books.platform,
      api.books.platformId,
      who,
      'CNY',
      {
        accountNumber: '6222020200112233445',
        bankName: 'ICBC',
        holderName: 'Erin Qian',
      },
    );
    if (!bank.ok) throw new Error(bank.error.message);
    const lodged = await api.call('POST', `${base}/complaints`, {
      body: {
        customerId: who,
        category: 'fees',
        subject: 'Erin fee',
        description: 'Erin secret account of events',
      },
    });
    const complaintUrl = `${base}/complaints/${String(lodged.body.complaintId)}`;
    await api.call('POST', `${complaintUrl}/moves`, {
      key: compliance,
      body: { command: 'acknowledge' },
    });
    await api.call('POST', `${complaintUrl}/moves`, {
      key: compliance,
      body: { command: 'resolve', text: 'Refunded Erin' },
    });
    const id = await request(who, 'deletion');
    const done = await complete(id);
    expect(done.status).toBe(200);
    const answer = done.body.answer as {
      erased: { category: string; items: number }[];
      kept: { category: string; basis: string; until: string | null }[];
      restricted: boolean;
    };
    const kept = Object.fromEntries(answer.kept.map((k) => [k.category, k.basis]));
    expect(kept.identity).toMatch(/AML Law Art\. 34/);
    expect(kept.transactions).toMatch(/10 years/);
    expect(kept.audit_log).toBeDefined();
    expect(kept.privacy_requests).toMatch(/PIPL Art\. 50/);
    const erased = Object.fromEntries(answer.erased.map((e) => [e.category, e.items]));
    expect(erased.email).toBe(1);
    expect(erased.complaint_text).toBe(1);
    // No transaction ever used the bank account: nothing keeps its details.
    expect(erased.bank_accounts).toBe(1);
    expect(answer.restricted).toBe(true);
    const complaint = await api.call('GET', complaintUrl, { key: compliance });
    expect(complaint.body).toMatchObject({
      description: null,
      outcome: null,
      complaint: { textErased: true },
    });
    const export2 = await request(who, 'export');
    expect((await complete(export2)).status).toBe(200);
    const bundle = await api.call('GET', `${base}/privacy-requests/${export2}/export`, {
      key: compliance,
    });
    const text = JSON.stringify(bundle.body);
    expect(text).toContain('Erin Qian');
    expect(text).not.toContain('@example.cn');
    expect(text).not.toContain('Erin secret');
    expect(text).not.toContain('6222020200112233445');
    const restriction = await api.db.query(
      'SELECT 1 FROM privacy_restrictions WHERE customer_id = $1',
      [who],
    );
    expect(restriction).toHaveLength(1);
  });

  it('keeps, under a retention hold, what it would otherwise erase, and says so', async () => {
    const who = await newCustomer('Hua Ping');
    const hold = await api.call('POST', `${base}/retention/holds`, {
      key: compliance,
      body: { subjectType: 'customer', subjectId: who, reason: 'litigation hold, case 2026-31' },
    });
    expect(hold.status).toBe(201);
    const done = await complete(await request(who, 'deletion'));
    expect(done.status).toBe(200);
    const answer = done.body.answer as {
      erased: { category: string; items: number }[];
      kept: { category: string; basis: string; until: string | null }[];
    };
    const kept = Object.fromEntries(answer.kept.map((k) => [k.category, k.basis]));
    expect(kept.email).toBe(
      `retention hold ${String(hold.body.holdId)}: litigation hold, case 2026-31`,
    );
    // What the law keeps anyway keeps its own basis.
    expect(kept.identity).toMatch(/AML Law Art\. 34/);
    expect(answer.erased.map((e) => e.category)).not.toContain('email');
    const exportId = await request(who, 'export');
    expect((await complete(exportId)).status).toBe(200);
    const bundle = await api.call('GET', `${base}/privacy-requests/${exportId}/export`, {
      key: compliance,
    });
    expect(bundle.status).toBe(200);
    expect(JSON.stringify(bundle.body)).toContain('huaping@example.cn');
  });

  it('keeps identity for ten years after the relationship ends, then lets it go', () => {
    const ended = Date.parse('2026-01-01T00:00:00Z');
    const facts = { relationshipEndedAtMs: ended, lastTransactionAtMs: ended };
    expect(retentionDecision('identity', facts, Date.parse('2035-12-31T00:00:00Z'))).toMatchObject({
      keep: true,
      until: '2036-01-01',
    });
    expect(retentionDecision('identity', facts, Date.parse('2036-01-02T00:00:00Z')).keep).toBe(
      false,
    );
    expect(
      retentionDecision(
        'identity',
        { relationshipEndedAtMs: null, lastTransactionAtMs: null },
        ended,
      ).keep,
    ).toBe(true);
    expect(retentionDecision('complaint_text', { ...facts, open: true }, ended).keep).toBe(true);
    expect(retentionDecision('complaint_text', { ...facts, open: false }, ended).keep).toBe(false);
    expect(retentionDecision('audit_log', facts, Date.parse('2099-01-01T00:00:00Z')).keep).toBe(
      true,
    );
    const ongoing = { relationshipEndedAtMs: null, lastTransactionAtMs: ended };
    expect(retentionDecision('case_complaint_text', ongoing, ended).keep).toBe(true);
    const inTenYears = Date.parse('2030-01-01T00:00:00Z');
    expect(retentionDecision('restriction_objection_text', facts, inTenYears).keep).toBe(true);
  });
});

describe('deadlines and refusals', () => {
  it('refuses with a reason, and raises an alert for an overdue request once', async () => {
    const who = await newCustomer('Fay Hu');
    const refusedId = await request(who, 'export');
    const refused = await api.call('POST', `${base}/privacy-requests/${refusedId}/refuse`, {
      key: compliance,
      body: { reason: 'Identity could not be verified' },
    });
    expect(refused.status).toBe(200);
    const late = await request(who, 'export');
    const swept = await sweepPrivacyRequests(api.db, Date.now() + 16 * 86_400_000);
    expect(swept.alerted).toContain(late);
    expect(swept.alerted).not.toContain(refusedId);
    const again = await sweepPrivacyRequests(api.db, Date.now() + 16 * 86_400_000);
    expect(again.alerted).not.toContain(late);
    const unknown = await api.call('POST', `${base}/privacy-requests`, {
      body: { customerId: 'cus_unknown', kind: 'export' },
    });
    expect(unknown.status).toBe(404);
  });
});
