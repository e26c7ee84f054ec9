import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeTextSha256 } from '../../src/risk-notices/index.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

// Product risk notices (seed §9.1): versioned texts in two languages, the customer's
// acknowledgement of exactly the text shown, and the check a platform makes before investing.
let api: ApiHarness;
let base = '';
let compliance = '';

const notice = (body: string) => ({
  productCode: 'loan-12m',
  riskLevel: 'high',
  titleEn: 'Risks of the 12-month loan note',
  bodyEn: body,
  titleZh: '12个月借款标的风险提示',
  bodyZh: `出借人可能损失本金。${body}`,
});
const hex = (title: string, body: string) => noticeTextSha256(title, body).toString('hex');

beforeAll(async () => {
  api = await createApiHarness();
  base = `/v1/platforms/${api.books.platformId}`;
  const created = await api.db.transaction((tx) =>
    createPrincipalWithKey(tx, {
      kind: 'staff',
      platformId: null,
      role: 'compliance_officer',
      name: 'notices',
    }),
  );
  compliance = created.apiKey;
});
afterAll(() => api.close());

describe('risk notices', () => {
  it('publishes versions, records an acknowledgement of the text shown, and checks it before investing', async () => {
    const customerId = api.books.customers[0]?.customerId ?? '';
    const byPlatform = await api.call('POST', `${base}/risk-notices`, {
      body: notice('You may lose money.'),
    });
    expect(byPlatform.status).toBe(403);
    const v1 = await api.call('POST', `${base}/risk-notices`, {
      key: compliance,
      body: notice('You may lose money.'),
    });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({
      version: 1,
      sha256En: hex('Risks of the 12-month loan note', 'You may lose money.'),
    });
    const check = (product = 'loan-12m') =>
      api.call('GET', `${base}/customers/${customerId}/risk-notices?productCode=${product}`);
    expect((await check()).body).toMatchObject({ currentVersion: 1, acknowledged: false });
    const acknowledge = (version: number, language: string, shownSha256: string) =>
      api.call('POST', `${base}/risk-notices/acknowledgements`, {
        body: { customerId, productCode: 'loan-12m', version, language, shownSha256 },
      });
    const wrongText = await acknowledge(
      1,
      'en',
      hex('Risks of the 12-month loan note', 'You may lose.'),
    );
    expect(wrongText.status).toBe(409);
    expect(wrongText.body.code).toBe('notice_text_mismatch');
    const zhHash = String(v1.body.sha256Zh);
    const recorded = await acknowledge(1, 'zh-CN', zhHash);
    expect(recorded.status).toBe(201);
    expect((await acknowledge(1, 'zh-CN', zhHash)).body).toMatchObject({
      replayed: true,
      acknowledgementId: recorded.body.acknowledgementId,
    });
    expect((await check()).body).toMatchObject({
      currentVersion: 1,
      acknowledged: true,
      acknowledgedVersion: 1,
    });
    const stored = await api.db.query<{ language: string; channel: string; shown: string }>(
      "SELECT language, channel, encode(shown_sha256, 'hex') AS shown FROM risk_notice_acknowledgements WHERE customer_id = $1",
      [customerId],
    );
    expect(stored).toEqual([{ language: 'zh-CN', channel: 'api', shown: zhHash }]);
    const v2 = await api.call('POST', `${base}/risk-notices`, {
      key: compliance,
      body: notice('You may lose all your money.'),
    });
    expect(v2.body).toMatchObject({ version: 2 });
    expect((await check()).body).toMatchObject({
      currentVersion: 2,
      acknowledged: false,
      acknowledgedVersion: 1,
    });
    const stale = await acknowledge(1, 'zh-CN', zhHash);
    expect(stale.status).toBe(409);
    const pending = await api.call('GET', `${base}/customers/${customerId}/risk-notices`);
    expect(pending.body).toEqual({
      pending: [{ productCode: 'loan-12m', version: 2, noticeId: v2.body.id }],
    });
    const versions = await api.call('GET', `${base}/risk-notices/loan-12m/versions`);
    expect((versions.body.items as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
    expect((await check('no-such-product')).body).toMatchObject({
      currentVersion: null,
      acknowledged: false,
    });
    const unknownCustomer = await api.call(
      'GET',
      `${base}/customers/cus_unknown/risk-notices?productCode=loan-12m`,
    );
    expect(unknownCustomer.status).toBe(404);
    const audit = await api.db.query<{ action: string }>(
      "SELECT action FROM audit_records WHERE action LIKE 'risk_notice.%' ORDER BY seq",
    );
    expect(audit.map((a) => a.action)).toEqual([
      'risk_notice.published',
      'risk_notice.acknowledged',
      'risk_notice.published',
    ]);
  });
});
