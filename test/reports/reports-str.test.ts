import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftStrFromCase, raiseAlerts } from '../../src/cases/index.js';
import { testAlert } from '../cases/case-support.js';
import { createReportHarness, ENTITY_SETTINGS, type ReportHarness } from './report-harness.js';
import { validateGoaml, XSD_SKIP_REASON } from './goaml-xsd.js';

// Goal: a suspicious transaction report is edited in versions, refused for submission while a
// mandatory field is missing (naming it), approved only by a second person, exported as goAML
// STR that validates, and corrected by a report that refers to the original. Method: the
// report routes over real postings, with two compliance officers.

let h: ReportHarness;
let instructionId: string;
let reportId: string;

beforeAll(async () => {
  h = await createReportHarness();
  instructionId = await h.deposit(h.customers.zhang, '12345.67');
  await h.api.call('PUT', h.path('/entity'), { key: h.officerA, body: ENTITY_SETTINGS });
  await h.api.call('PUT', h.path(`/subjects/${h.customers.zhang.customerId}`), {
    key: h.officerA,
    body: { occupation: '学生' },
  });
});
afterAll(() => h.api.close());

const editable = (reason: string) => ({
  reason,
  action: '',
  indicators: ['-'],
  subjects: [{ customerId: h.customers.zhang.customerId }],
  transactions: [{ instructionId }],
});

describe('suspicious transaction reports', () => {
  it('refuses submission while the reason for suspicion is missing, naming it', async () => {
    const created = await h.api.call('POST', h.path('/str'), {
      key: h.officerA,
      body: { content: editable('') },
    });
    expect(created.status).toBe(201);
    reportId = String(created.body.id);
    const refused = await h.api.call('POST', h.path(`/${reportId}/submission`), {
      key: h.officerA,
      body: { reason: 'file it' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.detail_fields).toEqual({ missingFields: ['reason'] });
  });

  it('keeps every edit as a version and refuses unknown instructions', async () => {
    const edited = await h.api.call('POST', h.path(`/${reportId}/versions`), {
      key: h.officerA,
      body: { ...editable('学生账户单日收到大额资金，与其身份不符。'), note: 'grounds written' },
    });
    expect(edited.status).toBe(201);
    expect(edited.body.version).toBe(2);
    const unknown = await h.api.call('POST', h.path(`/${reportId}/versions`), {
      key: h.officerA,
      body: { ...editable('x'), transactions: [{ instructionId: 'ins_unknown' }] },
    });
    expect(unknown.status).toBe(400);
    const detail = await h.api.call('GET', h.path(`/${reportId}?version=1`), { key: h.officerB });
    expect((detail.body.content as { reason: string }).reason).toBe('');
    expect((detail.body.versions as unknown[]).length).toBe(2);
  });

  it('is approved by a second officer only, and freezes edits meanwhile', async () => {
    const requested = await h.api.call('POST', h.path(`/${reportId}/submission`), {
      key: h.officerA,
      body: { reason: 'file the STR' },
    });
    expect(requested.status).toBe(202);
    expect(requested.body.version).toBe(2);
    const frozen = await h.api.call('POST', h.path(`/${reportId}/versions`), {
      key: h.officerA,
      body: editable('changed after the request'),
    });
    expect(frozen.status).toBe(409);
    const approvalId = String(requested.body.approvalId);
    const self = await h.api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: h.officerA,
      body: { reason: 'mine' },
    });
    expect(self.body.code).toBe('self_approval');
    const approved = await h.api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: h.officerB,
      body: { reason: 'grounds are sound' },
    });
    expect(approved.status).toBe(200);
    const rows = await h.api.db.query<{ approved_by: string; submit_requested_by: string }>(
      'SELECT approved_by, submit_requested_by FROM reports WHERE id = $1',
      [reportId],
    );
    expect(rows[0]?.approved_by).not.toBe(rows[0]?.submit_requested_by);
  });

  it('exports the approved version as goAML STR', async () => {
    const response = await h.api.app.inject({
      method: 'GET',
      url: h.path(`/${reportId}/export`),
      headers: { authorization: `Bearer ${h.officerB}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    expect(response.body).toContain('<report_code>STR</report_code>');
    expect(response.body).toContain('<amount_local>12345.67</amount_local>');
    expect(response.body).toContain('<occupation>学生</occupation>');
    expect(response.body).toContain(`<entity_reference>${reportId}-v2</entity_reference>`);
    if (XSD_SKIP_REASON === null) expect(validateGoaml(response.body).valid).toBe(true);
  });

  it('is corrected by a new report that refers to the original and its FIU reference', async () => {
    await h.api.call('POST', h.path(`/${reportId}/submitted`), {
      key: h.officerB,
      body: { fiuRefNumber: 'FIU-STR-77' },
    });
    const correction = await h.api.call('POST', h.path(`/${reportId}/follow-ups`), {
      key: h.officerA,
      body: { purpose: 'correction', reason: 'the amount was misstated' },
    });
    expect(correction.status).toBe(201);
    const correctionId = String(correction.body.id);
    const xml = await h.api.app.inject({
      method: 'GET',
      url: h.path(`/${correctionId}/export`),
      headers: { authorization: `Bearer ${h.officerA}` },
    });
    expect(xml.body).toContain('<fiu_ref_number>FIU-STR-77</fiu_ref_number>');
    expect(xml.body).toContain(`Correction of report ${reportId}: the amount was misstated`);
    if (XSD_SKIP_REASON === null) expect(validateGoaml(xml.body).valid).toBe(true);
    const detail = await h.api.call('GET', h.path(`/${correctionId}`), { key: h.officerA });
    expect(detail.body.report).toMatchObject({ purpose: 'correction', originalReportId: reportId });
  });

  it("starts from a case's draft once, with the case's customer and instructions", async () => {
    const alert = testAlert(h.platformId, { customerId: h.customers.zhang.customerId });
    alert.explanation.eventIds = [instructionId];
    const raised = await h.api.db.transaction((tx) => raiseAlerts(tx, [alert]));
    const caseId = raised.casesOpened[0] ?? '';
    const drafted = await draftStrFromCase(h.api.db, h.api.books.staff, h.platformId, caseId);
    expect(drafted.ok).toBe(true);
    if (!drafted.ok) return;
    const body = { strDraftId: drafted.value.draftId };
    const created = await h.api.call('POST', h.path('/str'), { key: h.officerA, body });
    expect(created.status).toBe(201);
    const detail = await h.api.call('GET', h.path(`/${String(created.body.id)}`), {
      key: h.officerA,
    });
    expect(detail.body.report).toMatchObject({ caseId, strDraftId: drafted.value.draftId });
    expect((detail.body.content as { subjects: unknown[] }).subjects).toEqual([
      { customerId: h.customers.zhang.customerId },
    ]);
    const twice = await h.api.call('POST', h.path('/str'), { key: h.officerA, body });
    expect(twice.status).toBe(409);
  });
  it('is released by a submission request past its expiry, which can no longer be approved', async () => {
    const created = await h.api.call('POST', h.path('/str'), {
      key: h.officerA,
      body: { content: editable('funds in and straight out') },
    });
    const id = String(created.body.id);
    const first = await h.api.call('POST', h.path(`/${id}/submission`), {
      key: h.officerA,
      body: { reason: 'file it' },
    });
    expect(first.status).toBe(202);
    const again = await h.api.call('POST', h.path(`/${id}/submission`), {
      key: h.officerA,
      body: { reason: 'file it again' },
    });
    expect(again.status).toBe(409);
    // Past its expiry and not yet swept: still 'open' in the table.
    await h.api.db.query(
      `UPDATE approvals SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [String(first.body.approvalId)],
    );
    const edited = await h.api.call('POST', h.path(`/${id}/versions`), {
      key: h.officerA,
      body: editable('funds in and straight out, same day'),
    });
    expect(edited.status).toBe(201);
    const second = await h.api.call('POST', h.path(`/${id}/submission`), {
      key: h.officerA,
      body: { reason: 'file the edited version' },
    });
    expect(second.status).toBe(202);
    const late = await h.api.call(
      'POST',
      `/v1/approvals/${String(first.body.approvalId)}/approve`,
      {
        key: h.officerB,
        body: { reason: 'too late' },
      },
    );
    expect(late.status).not.toBe(200);
    const approved = await h.api.call(
      'POST',
      `/v1/approvals/${String(second.body.approvalId)}/approve`,
      {
        key: h.officerB,
        body: { reason: 'grounds are sound' },
      },
    );
    expect(approved.status).toBe(200);
  });
});
