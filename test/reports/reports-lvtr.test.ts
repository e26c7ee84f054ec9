import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdueReports } from '../../src/reports/index.js';
import { countRows } from '../cases/case-support.js';
import { createReportHarness, ENTITY_SETTINGS, type ReportHarness } from './report-harness.js';
import { validateGoaml, XSD_SKIP_REASON } from './goaml-xsd.js';

// Goal: the daily large-value batch reports at the threshold and not just below it, exports
// as goAML CTR that validates, needs a second person to submit, and raises an alert once it
// is overdue; a day is run only once it has ended in CST. Method: real postings through the
// API; the batch is refused for the current CST day, then the clock moves past midnight CST and
// the ended day is run; then the report routes as two compliance officers and an auditor would
// use them (exports carry personal data, so the auditor may read reports but not export them).

let h: ReportHarness;
let reportId: string;
let day: string;

beforeAll(async () => {
  h = await createReportHarness();
  await h.deposit(h.customers.zhang, '300000.00');
  await h.deposit(h.customers.zhang, '200000.00'); // same-day total: CNY 500,000 (person, domestic)
  await h.deposit(h.customers.wang, '499999.99'); // one fen below
  await h.deposit(h.customers.li, '50000.00', { cash: true }); // cash threshold
  await h.deposit(h.customers.li, '49999.99'); // a transfer, below its own threshold
});
afterAll(async () => {
  h.restoreClock();
  await h.api.close();
});

describe('large-value batch', () => {
  it('refuses the current CST day, which has not ended, and writes nothing', async () => {
    const today = h.today();
    const run = await h.api.call('POST', h.path('/lvtr-runs'), {
      key: h.officerA,
      body: { date: today },
    });
    expect(run.status).toBe(422);
    expect(run.body).toMatchObject({
      type: '/problems/report_day_not_ended',
      code: 'report_day_not_ended',
    });
    expect(String(run.body.detail)).toContain(`${today} has not ended`);
    expect(await countRows(h.api.db, 'reports', 'platform_id = $1', [h.platformId])).toBe(0);
  });

  it('reports at the threshold and not one fen below, once the day has ended', async () => {
    day = h.endDay();
    const run = await h.api.call('POST', h.path('/lvtr-runs'), {
      key: h.officerA,
      body: { date: day },
    });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      items: 2,
      transactions: 3,
      postingsRead: 5,
      version: 1,
      unchanged: false,
      parts: [{ part: 1, items: 2, transactions: 3, version: 1, unchanged: false }],
    });
    reportId = String(run.body.reportId);
    const detail = await h.api.call('GET', h.path(`/${reportId}`), { key: h.auditor });
    expect(detail.status).toBe(200);
    const content = detail.body.content as { items: Record<string, unknown>[] };
    expect(content.items.map((i) => [i.customerId, i.category, i.totalCnyMinor]).sort()).toEqual(
      [
        [h.customers.li.customerId, 'cash', '5000000'],
        [h.customers.zhang.customerId, 'person_domestic', '50000000'],
      ].sort(),
    );
    expect(detail.body.report).toMatchObject({
      kind: 'lvtr',
      status: 'draft',
      overdue: false,
      businessDate: day,
      lvtrPart: 1,
    });
  });

  it('leaves an unchanged day alone on a re-run', async () => {
    const rerun = await h.api.call('POST', h.path('/lvtr-runs'), {
      key: h.officerA,
      body: { date: day },
    });
    expect(rerun.body).toMatchObject({ reportId, version: 1, unchanged: true });
  });

  it('refuses a day that has not begun and callers without compliance rights', async () => {
    const future = await h.api.call('POST', h.path('/lvtr-runs'), {
      key: h.officerA,
      body: { date: '2999-01-01' },
    });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('report_day_not_ended');
    const auditorRun = await h.api.call('POST', h.path('/lvtr-runs'), {
      key: h.auditor,
      body: { date: day },
    });
    expect(auditorRun.status).toBe(403);
    const platformList = await h.api.call('GET', h.path(''));
    expect(platformList.status).toBe(403);
  });
});

describe('large-value export', () => {
  it('refuses without a reporting entity, then names each missing customer field', async () => {
    const asAuditor = await h.api.call('GET', h.path(`/${reportId}/export`), { key: h.auditor });
    expect(asAuditor.status).toBe(403);
    expect(String(asAuditor.body.detail)).toContain('reports.export');
    const bare = await h.api.call('GET', h.path(`/${reportId}/export`), { key: h.officerB });
    expect(bare.status).toBe(400);
    expect(bare.body.detail_fields).toEqual({ missingFields: ['reportingEntity'] });
    const set = await h.api.call('PUT', h.path('/entity'), {
      key: h.officerA,
      body: ENTITY_SETTINGS,
    });
    expect(set.status).toBe(200);
    const missing = await h.api.call('GET', h.path(`/${reportId}/export`), { key: h.officerB });
    expect(missing.status).toBe(400);
    expect(missing.body.detail_fields).toEqual({
      missingFields: [
        `customer[${h.customers.li.customerId}].occupation`,
        `customer[${h.customers.zhang.customerId}].occupation`,
      ].sort(),
    });
    expect(String(missing.body.detail)).toContain('occupation');
  });

  it('exports application/xml once the subjects are complete', async () => {
    for (const [customer, occupation] of [
      [h.customers.zhang, '工程师'],
      [h.customers.li, '个体工商户'],
    ] as const) {
      const saved = await h.api.call('PUT', h.path(`/subjects/${customer.customerId}`), {
        key: h.officerA,
        body: { occupation },
      });
      expect(saved.status).toBe(200);
    }
    const response = await h.api.app.inject({
      method: 'GET',
      url: h.path(`/${reportId}/export`),
      headers: { authorization: `Bearer ${h.officerB}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    const xml = response.body;
    expect(xml).toContain('<report_code>CTR</report_code>');
    expect(xml).toContain('<last_name>张</last_name>');
    expect(xml).toContain('<birthdate>1949-12-31T00:00:00</birthdate>');
    expect(xml.match(/<transaction>/g)).toHaveLength(3);
    if (XSD_SKIP_REASON === null) expect(validateGoaml(xml)).toMatchObject({ valid: true });
  });
});

describe('large-value submission and deadline', () => {
  it('needs a second compliance officer: the requester cannot approve', async () => {
    const requested = await h.api.call('POST', h.path(`/${reportId}/submission`), {
      key: h.officerA,
      body: { reason: 'daily large-value report' },
    });
    expect(requested.status).toBe(202);
    const approvalId = String(requested.body.approvalId);
    const self = await h.api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: h.officerA,
      body: { reason: 'looks right' },
    });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('self_approval');
    const again = await h.api.call('POST', h.path(`/${reportId}/submission`), {
      key: h.officerA,
      body: { reason: 'twice' },
    });
    expect(again.status).toBe(409);
    const approved = await h.api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: h.officerB,
      body: { reason: 'checked against the journal' },
    });
    expect(approved.status).toBe(200);
    const detail = await h.api.call('GET', h.path(`/${reportId}`), { key: h.officerA });
    expect(detail.body.report).toMatchObject({ status: 'approved', approvedVersion: 1 });
    const rerun = await h.api.call('POST', h.path('/lvtr-runs'), {
      key: h.officerA,
      body: { date: day },
    });
    expect(rerun.status).toBe(409);
    expect(rerun.body.code).toBe('invalid_state');
  });

  it('raises one alert when the deadline has passed and the report is not submitted', async () => {
    const later = Date.now() + 30 * 86_400_000;
    const first = await sweepOverdueReports(h.api.db, later);
    expect(first.alerted).toEqual([reportId]);
    expect(
      await countRows(h.api.db, 'alerts', 'rule_id = $1 AND platform_id = $2', [
        'compliance.lvtr_overdue',
        h.platformId,
      ]),
    ).toBe(1);
    expect((await sweepOverdueReports(h.api.db, later)).alerted).toEqual([]);
    const overdue = await h.api.call('GET', h.path('?overdue=false'), { key: h.auditor });
    expect((overdue.body.items as unknown[]).length).toBe(1);
  });

  it('records the filing of an approved report', async () => {
    const filed = await h.api.call('POST', h.path(`/${reportId}/submitted`), {
      key: h.officerB,
      body: { fiuRefNumber: 'CAMLMAC-2025-000123' },
    });
    expect(filed.status).toBe(200);
    const list = await h.api.call('GET', h.path('?status=submitted'), { key: h.auditor });
    expect(list.body.items).toMatchObject([{ id: reportId, fiuRefNumber: 'CAMLMAC-2025-000123' }]);
    expect((await sweepOverdueReports(h.api.db, Date.now() + 60 * 86_400_000)).alerted).toEqual([]);
  });
});
