import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { customerSession } from '../portal/portal-session.js';

// Customer self-service in the portal: a customer lodges and reads their own complaints,
// asks for their data, and acknowledges risk notices; another customer's records do not
// exist for them.
let api: ApiHarness;
let alice = '';
let bob = '';

const asCustomer = (cookie: string) => (method: string, url: string, body?: unknown) =>
  api.call(method, url, {
    headers: { authorization: '', cookie },
    ...(body === undefined ? {} : { body }),
  });

beforeAll(async () => {
  api = await createApiHarness();
  const [first, second] = api.books.customers;
  alice = (await customerSession(api.db, api.books.platformId, first?.customerId ?? '')).cookie;
  bob = (await customerSession(api.db, api.books.platformId, second?.customerId ?? '')).cookie;
});
afterAll(() => api.close());

describe('portal complaints, privacy requests and risk notices', () => {
  it("lodges and reads the customer's own complaints only", async () => {
    const lodged = await asCustomer(alice)('POST', '/v1/portal/complaints', {
      category: 'fees',
      subject: 'Fee charged twice',
      description: 'I was charged the withdrawal fee twice on Monday.',
    });
    expect(lodged.status).toBe(201);
    expect(lodged.body.caseId).toBeUndefined();
    const id = String(lodged.body.complaintId);
    const stored = await api.db.query<{ channel: string; customer_id: string }>(
      'SELECT channel, customer_id FROM complaints WHERE id = $1',
      [id],
    );
    expect(stored[0]).toEqual({
      channel: 'portal',
      customer_id: api.books.customers[0]?.customerId,
    });
    const mine = await asCustomer(alice)('GET', `/v1/portal/complaints/${id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.description).toBe('I was charged the withdrawal fee twice on Monday.');
    const theirs = await asCustomer(bob)('GET', `/v1/portal/complaints/${id}`);
    expect(theirs.status).toBe(404);
    const bobsList = await asCustomer(bob)('GET', '/v1/portal/complaints');
    expect(bobsList.body.items).toEqual([]);
    const staffOnly = await api.call('GET', '/v1/portal/complaints');
    expect(staffOnly.status).toBe(403);
    const customerOnStaffRoute = await asCustomer(alice)(
      'GET',
      `/v1/platforms/${api.books.platformId}/complaints`,
    );
    expect(customerOnStaffRoute.status).toBe(403);
  });

  it('asks for a copy of the data, which only that customer can download, once', async () => {
    const opened = await asCustomer(alice)('POST', '/v1/portal/privacy-requests', {
      kind: 'export',
    });
    expect(opened.status).toBe(201);
    const id = String(opened.body.requestId);
    const admin = api.books.staffKey;
    const done = await api.call(
      'POST',
      `/v1/platforms/${api.books.platformId}/privacy-requests/${id}/complete`,
      { key: admin, body: {} },
    );
    expect(done.status).toBe(200);
    expect((await asCustomer(bob)('GET', `/v1/portal/privacy-requests/${id}/export`)).status).toBe(
      404,
    );
    const file = await asCustomer(alice)('GET', `/v1/portal/privacy-requests/${id}/export`);
    expect(file.status).toBe(200);
    expect((file.body.customer as { id: string }).id).toBe(api.books.customers[0]?.customerId);
    expect(
      (await asCustomer(alice)('GET', `/v1/portal/privacy-requests/${id}/export`)).status,
    ).toBe(410);
    const listed = await asCustomer(alice)('GET', '/v1/portal/privacy-requests');
    expect(
      (listed.body.items as { id: string; state: string }[]).map((r) => [r.id, r.state]),
    ).toEqual([[id, 'completed']]);
  });

  it('lists notices to acknowledge and records the acknowledgement from the portal', async () => {
    const officer = api.books.staffKey;
    const published = await api.call('POST', `/v1/platforms/${api.books.platformId}/risk-notices`, {
      key: officer,
      body: {
        productCode: 'fund-a',
        riskLevel: 'medium',
        titleEn: 'Fund A risks',
        bodyEn: 'Prices go down as well as up.',
        titleZh: 'A基金风险',
        bodyZh: '价格可能下跌。',
      },
    });
    expect(published.status).toBe(201);
    const before = await asCustomer(alice)('GET', '/v1/portal/risk-notices');
    expect(before.body.items as { productCode: string; acknowledged: boolean }[]).toMatchObject([
      { productCode: 'fund-a', acknowledged: false },
    ]);
    const acknowledged = await asCustomer(alice)(
      'POST',
      '/v1/portal/risk-notices/acknowledgements',
      {
        productCode: 'fund-a',
        version: 1,
        language: 'zh-CN',
        shownSha256: published.body.sha256Zh,
      },
    );
    expect(acknowledged.status).toBe(201);
    const after = await asCustomer(alice)('GET', '/v1/portal/risk-notices');
    expect((after.body.items as { acknowledged: boolean }[])[0]?.acknowledged).toBe(true);
    const bobs = await asCustomer(bob)('GET', '/v1/portal/risk-notices');
    expect((bobs.body.items as { acknowledged: boolean }[])[0]?.acknowledged).toBe(false);
    const channel = await api.db.query<{ channel: string }>(
      'SELECT channel FROM risk_notice_acknowledgements',
    );
    expect(channel).toEqual([{ channel: 'portal' }]);
  });
});
