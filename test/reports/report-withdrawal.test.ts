import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftStrFromCase, raiseAlerts } from '../../src/cases/index.js';
import { strFiledOnTime } from '../../src/compliance/controls/test-reports-on-time.js';
import { sweepOverdueReports } from '../../src/reports/index.js';
import { testAlert } from '../cases/case-support.js';
import { createReportHarness, ENTITY_SETTINGS, type ReportHarness } from './report-harness.js';

// Goal: a suspicious transaction report started by mistake (a follow-up above all) can be
// withdrawn while it is a draft or awaiting approval, with a reason; it is kept with who, when
// and why, frees its original for a new follow-up, closes its open submission request for good
// and is audited; approved and submitted reports are refused and nothing is written; two
// withdrawals at once make one, and a withdrawal racing a submission request ends consistent.
// Method: the report routes over real postings, two compliance officers.

let h: ReportHarness;
let instructionId: string;

beforeAll(async () => {
  h = await createReportHarness();
  instructionId = await h.deposit(h.customers.zhang, '6666.00');
  await h.api.call('PUT', h.path('/entity'), { key: h.officerA, body: ENTITY_SETTINGS });
  await h.api.call('PUT', h.path(`/subjects/${h.customers.zhang.customerId}`), {
    key: h.officerA,
    body: { occupation: '教师' },
  });
});
afterAll(() => h.api.close());

const newStr = () => h.createStr(instructionId);

async function requestSubmission(reportId: string): Promise<string> {
  const requested = await h.api.call('POST', h.path(`/${reportId}/submission`), {
    key: h.officerA,
    body: { reason: 'file it' },
  });
  expect(requested.status).toBe(202);
  return String(requested.body.approvalId);
}

const decide = (approvalId: string) =>
  h.api.call('POST', `/v1/approvals/${approvalId}/approve`, {
    key: h.officerB,
    body: { reason: 'sound' },
  });

async function approve(reportId: string): Promise<void> {
  expect((await decide(await requestSubmission(reportId))).status).toBe(200);
}

async function submitted(): Promise<string> {
  const reportId = await newStr();
  await approve(reportId);
  const filed = await h.api.call('POST', h.path(`/${reportId}/submitted`), {
    key: h.officerB,
    body: { fiuRefNumber: `FIU-${reportId}` },
  });
  expect(filed.status).toBe(200);
  return reportId;
}

const followUp = (original: string) =>
  h.api.call('POST', h.path(`/${original}/follow-ups`), {
    key: h.officerA,
    body: { purpose: 'correction', reason: 'amount misstated' },
  });

async function newFollowUp(original: string): Promise<string> {
  const created = await followUp(original);
  expect(created.status).toBe(201);
  return String(created.body.id);
}

const withdraw = (reportId: string, body: unknown = { reason: 'started by mistake' }) =>
  h.api.call('POST', h.path(`/${reportId}/withdrawal`), { key: h.officerA, body });

const count = async (sql: string, params: unknown[] = []) =>
  Number((await h.api.db.query<{ n: number }>(sql, params))[0]?.n ?? 0);
const auditCount = () => count('SELECT count(*)::int AS n FROM audit_records');

async function auditOf(subjectId: string, action: string): Promise<Record<string, unknown>[]> {
  const rows = await h.api.db.query<{ entry: string }>(
    `SELECT entry FROM audit_records WHERE entry::jsonb->>'subjectId' = $1
       AND entry::jsonb->>'action' = $2`,
    [subjectId, action],
  );
  return rows.map((row) => JSON.parse(row.entry) as Record<string, unknown>);
}

async function reportRow(reportId: string): Promise<Record<string, unknown>> {
  const detail = await h.api.call('GET', h.path(`/${reportId}`), { key: h.auditor });
  expect(detail.status).toBe(200);
  return detail.body.report as Record<string, unknown>;
}

describe('withdrawing a follow-up', () => {
  it('keeps it with who, when and why, audits it, and lets a new follow-up start', async () => {
    const original = await submitted();
    const mistaken = await newFollowUp(original);
    expect((await followUp(original)).status).toBe(409);
    const withdrawn = await withdraw(mistaken);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      reportId: mistaken,
      status: 'withdrawn',
      closedApprovalId: null,
    });
    const withdrawnBy = String(withdrawn.body.withdrawnBy);
    expect(await reportRow(mistaken)).toMatchObject({
      status: 'withdrawn',
      withdrawnBy,
      withdrawnAt: withdrawn.body.withdrawnAt,
      withdrawalReason: 'started by mistake',
      overdue: false,
      originalReportId: original,
    });
    const listed = await h.api.call('GET', h.path('?status=withdrawn'), { key: h.auditor });
    expect((listed.body.items as { id: string }[]).map((r) => r.id)).toContain(mistaken);
    const [audit] = await auditOf(mistaken, 'report.withdrawn');
    expect(audit).toMatchObject({
      actor: withdrawnBy,
      payload: { reason: 'started by mistake', originalReportId: original, purpose: 'correction' },
    });
    const next = await followUp(original);
    expect(next.status).toBe(201);
    expect(next.body.id).not.toBe(mistaken);
  });

  it('awaiting approval closes the request: approving it changes nothing', async () => {
    const original = await submitted();
    const mistaken = await newFollowUp(original);
    const approvalId = await requestSubmission(mistaken);
    const withdrawn = await withdraw(mistaken);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.closedApprovalId).toBe(approvalId);
    const approval = await h.api.db.query<{ status: string; decision_reason: string }>(
      'SELECT status, decision_reason FROM approvals WHERE id = $1',
      [approvalId],
    );
    expect(approval[0]).toEqual({
      status: 'expired',
      decision_reason: 'report withdrawn: started by mistake',
    });
    expect(await auditOf(approvalId, 'approval.expired')).toHaveLength(1);
    const before = { report: await reportRow(mistaken), audits: await auditCount() };
    const refused = await decide(approvalId);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invalid_state');
    // Even a request reopened behind the application's back is refused by the executor.
    await h.api.db.query(`UPDATE approvals SET status = 'open' WHERE id = $1`, [approvalId]);
    const executed = await decide(approvalId);
    expect(executed.status).toBe(409);
    expect(executed.body).toMatchObject({ code: 'invalid_state' });
    expect(String(executed.body.detail)).toContain('withdrawn');
    const after = await h.api.db.query<{ status: string }>(
      'SELECT status FROM approvals WHERE id = $1',
      [approvalId],
    );
    expect(after[0]?.status).toBe('open');
    expect(await reportRow(mistaken)).toEqual(before.report);
    expect(await auditCount()).toBe(before.audits);
    expect((await followUp(original)).status).toBe(201);
  });
});

describe('the route', () => {
  it('is in the OpenAPI document with its reason body and its reply', async () => {
    const document = await h.api.call('GET', '/openapi.json');
    const paths = document.body.paths as Record<string, Record<string, Record<string, unknown>>>;
    const route = paths['/v1/platforms/{platformId}/reports/{reportId}/withdrawal']?.post;
    expect(route).toMatchObject({ tags: ['reports'] });
    expect(JSON.stringify(route?.requestBody)).toContain('reason');
    expect(JSON.stringify(route?.responses)).toContain('closedApprovalId');
  });
});

describe('refusals', () => {
  it('refuses approved, submitted and withdrawn reports, writing nothing', async () => {
    const approvedId = await newStr();
    await approve(approvedId);
    const submittedId = await submitted();
    const withdrawnId = await newStr();
    expect((await withdraw(withdrawnId)).status).toBe(200);
    for (const [reportId, status] of [
      [approvedId, 'approved'],
      [submittedId, 'submitted'],
      [withdrawnId, 'withdrawn'],
    ] as const) {
      const before = { report: await reportRow(reportId), audits: await auditCount() };
      const refused = await withdraw(reportId);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        type: '/problems/invalid_state',
        code: 'invalid_state',
        detail_fields: { status },
      });
      expect(await reportRow(reportId)).toEqual(before.report);
      expect(await auditCount()).toBe(before.audits);
    }
    expect((await withdraw('rpt_unknown')).status).toBe(404);
  });

  it('needs a reason of at most 500 characters', async () => {
    const reportId = await newStr();
    const audits = await auditCount();
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(501) }]) {
      const refused = await withdraw(reportId, body);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
    }
    expect((await reportRow(reportId)).status).toBe('draft');
    expect(await auditCount()).toBe(audits);
  });

  it('keeps a withdrawn report as it is, in the database too', async () => {
    const reportId = await newStr();
    expect((await withdraw(reportId)).status).toBe(200);
    await expect(
      h.api.db.query(`UPDATE reports SET status = 'draft' WHERE id = $1`, [reportId]),
    ).rejects.toThrow(/withdrawn/);
    await expect(h.api.db.query('DELETE FROM reports WHERE id = $1', [reportId])).rejects.toThrow(
      /withdrawn/,
    );
    expect((await reportRow(reportId)).status).toBe('withdrawn');
  });
});

describe('at the same moment', () => {
  it('two withdrawals: exactly one succeeds, audited once', async () => {
    const original = await submitted();
    const mistaken = await newFollowUp(original);
    const replies = await Promise.all([withdraw(mistaken), withdraw(mistaken), withdraw(mistaken)]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await auditOf(mistaken, 'report.withdrawn')).toHaveLength(1);
  });

  it('a withdrawal and a submission request: withdrawn, with no request left open', async () => {
    for (let round = 0; round < 3; round += 1) {
      const reportId = await newStr();
      const [withdrawn, requested] = await Promise.all([
        withdraw(reportId),
        h.api.call('POST', h.path(`/${reportId}/submission`), {
          key: h.officerB,
          body: { reason: 'file it' },
        }),
      ]);
      expect(withdrawn.status).toBe(200);
      expect([202, 409]).toContain(requested.status);
      expect(withdrawn.body.closedApprovalId).toBe(
        requested.status === 202 ? requested.body.approvalId : null,
      );
      expect((await reportRow(reportId)).status).toBe('withdrawn');
      const open = await count(
        `SELECT count(*)::int AS n FROM approvals
         WHERE status = 'open' AND payload->>'reportId' = $1`,
        [reportId],
      );
      expect(open).toBe(0);
    }
  });
});

describe('a new report', () => {
  it("from a case's draft, withdrawn, leaves the draft free for another report", async () => {
    const alert = testAlert(h.platformId, { customerId: h.customers.zhang.customerId });
    alert.explanation.eventIds = [instructionId];
    const raised = await h.api.db.transaction((tx) => raiseAlerts(tx, [alert]));
    const drafted = await draftStrFromCase(
      h.api.db,
      h.api.books.staff,
      h.platformId,
      raised.casesOpened[0] ?? '',
    );
    if (!drafted.ok) throw new Error(drafted.error.message);
    const body = { strDraftId: drafted.value.draftId };
    const first = await h.api.call('POST', h.path('/str'), { key: h.officerA, body });
    expect(first.status).toBe(201);
    expect((await h.api.call('POST', h.path('/str'), { key: h.officerA, body })).status).toBe(409);
    expect((await withdraw(String(first.body.id))).status).toBe(200);
    const second = await h.api.call('POST', h.path('/str'), { key: h.officerA, body });
    expect(second.status).toBe(201);
  });

  it('withdrawn past its deadline is neither overdue, alerted nor a late filing', async () => {
    const reportId = await newStr();
    await h.api.db.query(`UPDATE reports SET deadline_date = '2020-01-06' WHERE id = $1`, [
      reportId,
    ]);
    const nowMs = Date.now();
    const control = async () =>
      (
        await strFiledOnTime.run({
          db: h.api.db,
          platformId: h.platformId,
          nowMs,
          windowStartMs: nowMs - 30 * 86_400_000,
          windowEndMs: nowMs,
        })
      ).evidence.sampleIds;
    expect((await reportRow(reportId)).overdue).toBe(true);
    expect(await control()).toContain(reportId);
    expect((await withdraw(reportId)).status).toBe(200);
    expect((await reportRow(reportId)).overdue).toBe(false);
    expect(await control()).not.toContain(reportId);
    const swept = await sweepOverdueReports(h.api.db);
    expect(swept.alerted).not.toContain(reportId);
  });
});
