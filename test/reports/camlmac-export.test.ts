import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camlmacStructureProblems } from '../../src/reports/camlmac/camlmac-structure.js';
import { sha256Hex } from '../../src/reports/report-files.js';
import { createReportHarness, ENTITY_SETTINGS, type ReportHarness } from './report-harness.js';

// Goal: the report export route writes CAMLMAC-style messages (BSTR for a suspicious
// transaction report, HVTR for a large-value day) from real postings, refuses an export that
// lacks a mandatory field, naming it, and returns the HVTR stored at the submission request
// once approved. Method: the report routes with standard=camlmac.

let h: ReportHarness;
let instructionId: string;
let lvtrReportId: string;

beforeAll(async () => {
  h = await createReportHarness();
  instructionId = await h.deposit(h.customers.zhang, '12345.67');
  await h.api.call('PUT', h.path('/entity'), { key: h.officerA, body: ENTITY_SETTINGS });
});
afterAll(async () => {
  h.restoreClock();
  await h.api.close();
});

describe('CAMLMAC export', () => {
  it('refuses a BSTR while the subject lacks an occupation, then writes it', async () => {
    const created = await h.api.call('POST', h.path('/str'), {
      key: h.officerA,
      body: {
        content: {
          reason: '学生账户单日收到大额资金，与其身份不符。',
          indicators: ['0101'],
          subjects: [{ customerId: h.customers.zhang.customerId }],
          transactions: [{ instructionId }],
        },
      },
    });
    expect(created.status).toBe(201);
    const reportId = String(created.body.id);
    const refused = await h.api.call(
      'GET',
      h.path(`/${reportId}/export?standard=camlmac&format=json`),
      { key: h.officerA },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.detail_fields).toEqual({
      missingFields: [`customer[${h.customers.zhang.customerId}].occupation`],
    });
    await h.api.call('PUT', h.path(`/subjects/${h.customers.zhang.customerId}`), {
      key: h.officerA,
      body: { occupation: '学生' },
    });
    // An auditor may read reports but not the personal data an export carries in clear.
    for (const standard of ['camlmac', 'goaml']) {
      const audited = await h.api.call(
        'GET',
        h.path(`/${reportId}/export?standard=${standard}&format=json`),
        { key: h.auditor },
      );
      expect(audited.status).toBe(403);
      expect(String(audited.body.detail)).toContain('reports.export');
    }
    const exported = await h.api.call(
      'GET',
      h.path(`/${reportId}/export?standard=camlmac&format=json`),
      { key: h.officerB },
    );
    expect(exported.status).toBe(200);
    expect(exported.body.reportCode).toBe('BSTR');
    expect(exported.body.messageType).toBe('NBS');
    const xml = String(exported.body.xml);
    expect(camlmacStructureProblems(xml)).toEqual([]);
    expect(xml).toContain(`<TICD>${instructionId}</TICD>`);
    expect(xml).toContain('<CTID>11010519491231002X</CTID>');
    const raw = await h.api.app.inject({
      method: 'GET',
      url: h.path(`/${reportId}/export?standard=camlmac`),
      headers: { authorization: `Bearer ${h.officerA}` },
    });
    expect(raw.headers['content-type']).toContain('application/xml');
    expect(String(raw.headers['content-disposition'])).toContain('NBS');
    const goaml = await h.api.call('GET', h.path(`/${reportId}/export?format=json`), {
      key: h.officerA,
    });
    expect(goaml.body.reportCode).toBe('STR');
  });

  it('writes a large-value day as HVTR', async () => {
    await h.deposit(h.customers.li, '600000.00');
    await h.api.call('PUT', h.path(`/subjects/${h.customers.li.customerId}`), {
      key: h.officerA,
      body: { occupation: '个体工商户' },
    });
    const run = await h.api.call('POST', h.path('/lvtr-runs'), {
      key: h.officerA,
      body: { date: h.endDay() },
    });
    expect(run.status).toBe(200);
    const reportId = String(run.body.reportId);
    lvtrReportId = reportId;
    const exported = await h.api.call(
      'GET',
      h.path(`/${reportId}/export?standard=camlmac&format=json`),
      { key: h.officerA },
    );
    expect(exported.status).toBe(200);
    const xml = String(exported.body.xml);
    expect(camlmacStructureProblems(xml)).toEqual([]);
    expect(xml).toContain('<CRCD>0503</CRCD>');
    expect(xml).toContain('<CRAT>600000.00</CRAT>');
    const unknown = await h.api.call('GET', h.path('/rpt_unknown/export?standard=camlmac'), {
      key: h.officerA,
    });
    expect(unknown.status).toBe(404);
    const bad = await h.api.call('GET', h.path(`/${reportId}/export?standard=fincen`), {
      key: h.officerA,
    });
    expect(bad.status).toBe(400);
  });

  it('returns the HVTR stored at the submission request once approved', async () => {
    const requested = await h.api.call('POST', h.path(`/${lvtrReportId}/submission`), {
      key: h.officerA,
      body: { reason: 'daily large-value report' },
    });
    expect(requested.status).toBe(202);
    const camlmac = requested.body.camlmac as { sha256: string; fileName: string };
    expect(camlmac.fileName).toMatch(/^NBHCUSTOSBANK-/);
    const approved = await h.api.call(
      'POST',
      `/v1/approvals/${String(requested.body.approvalId)}/approve`,
      {
        key: h.officerB,
        body: { reason: 'checked against the journal' },
      },
    );
    expect(approved.status).toBe(200);
    await h.api.call('PUT', h.path(`/subjects/${h.customers.li.customerId}`), {
      key: h.officerA,
      body: { occupation: '会计' },
    });
    const exported = await h.api.call(
      'GET',
      h.path(`/${lvtrReportId}/export?standard=camlmac&format=json`),
      { key: h.officerA },
    );
    expect(exported.body).toMatchObject({ reportCode: 'HVTR', stored: true, ...camlmac });
    expect(String(exported.body.xml)).toContain('<CTVC>个体工商户</CTVC>');
    expect(sha256Hex(String(exported.body.xml))).toBe(camlmac.sha256);
  });
});
