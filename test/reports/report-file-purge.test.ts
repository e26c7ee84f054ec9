import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../../src/compliance/index.js';
import { createReportHarness, ENTITY_SETTINGS, type ReportHarness } from './report-harness.js';

// Goal: once the retention run has purged a filed report's stored files, every export of them
// answers 410 Gone as problem+json, saying when and under which policy, and never renders a
// different file or an empty one; the report keeps its hashes. Method: an STR filed through
// the report routes under four-eyes, the retention run eleven years on, then the exports.

const YEAR_MS = 366 * 24 * 3_600_000;
let h: ReportHarness;
let reportId: string;
let approvedSha256: string;
let camlmacSha256: string;
let instructionId: string;

beforeAll(async () => {
  h = await createReportHarness();
  instructionId = await h.deposit(h.customers.zhang, '8888.00');
  await h.api.call('PUT', h.path('/entity'), { key: h.officerA, body: ENTITY_SETTINGS });
  await h.api.call('PUT', h.path(`/subjects/${h.customers.zhang.customerId}`), {
    key: h.officerA,
    body: { occupation: '教师' },
  });
  reportId = await h.createStr(instructionId);
  const requested = await h.api.call('POST', h.path(`/${reportId}/submission`), {
    key: h.officerA,
    body: { reason: 'file it' },
  });
  expect(requested.status).toBe(202);
  const approved = await h.api.call(
    'POST',
    `/v1/approvals/${String(requested.body.approvalId)}/approve`,
    {
      key: h.officerB,
      body: { reason: 'sound' },
    },
  );
  expect(approved.status).toBe(200);
  const submitted = await h.api.call('POST', h.path(`/${reportId}/submitted`), {
    key: h.officerB,
    body: { fiuRefNumber: 'FIU-PURGE-1' },
  });
  expect(submitted.status).toBe(200);
  const detail = await h.api.call('GET', h.path(`/${reportId}`), { key: h.officerA });
  const report = detail.body.report as { approvedSha256: string; approvedCamlmacSha256: string };
  approvedSha256 = report.approvedSha256;
  camlmacSha256 = report.approvedCamlmacSha256;
  expect(camlmacSha256).toMatch(/^[0-9a-f]{64}$/);
}, 60_000);
afterAll(() => h.api.close());

const exportOf = (query: string, id = reportId) =>
  h.api.app.inject({
    method: 'GET',
    url: h.path(`/${id}/export${query}`),
    headers: { authorization: `Bearer ${h.officerB}` },
  });

describe('exports of a purged report file', () => {
  it('return the stored bytes until the file is due, and 410 problem+json once it is purged', async () => {
    const before = await exportOf('');
    expect(before.statusCode).toBe(200);
    expect(before.headers['x-content-sha256']).toBe(approvedSha256);
    // Filed today: not due now, due in ten years.
    const now = await runRetention(h.api.db, 'test', h.platformId, { dryRun: true });
    expect(now.reportFiles).toEqual([]);
    const purgeMs = Date.now() + 11 * YEAR_MS;
    const run = await runRetention(h.api.db, 'system:compliance', h.platformId, {
      dryRun: false,
      nowMs: purgeMs,
    });
    expect(run.reportFiles.map((f) => [f.reportId, f.format]).sort()).toEqual([
      [reportId, 'camlmac'],
      [reportId, 'goaml'],
    ]);
    const day = new Date(purgeMs).toISOString().slice(0, 10);
    for (const [query, standard, sha256] of [
      ['', 'goAML', approvedSha256],
      ['?format=json', 'goAML', approvedSha256],
      ['?version=1', 'goAML', approvedSha256],
      ['?standard=camlmac', 'CAMLMAC', camlmacSha256],
      ['?standard=camlmac&format=json', 'CAMLMAC', camlmacSha256],
    ] as const) {
      const gone = await exportOf(query);
      expect(gone.statusCode, query).toBe(410);
      expect(gone.headers['content-type']).toContain('application/problem+json');
      const problem = JSON.parse(gone.body) as Record<string, unknown>;
      expect(problem).toMatchObject({
        type: '/problems/report_file_purged',
        status: 410,
        code: 'report_file_purged',
        detail_fields: { sha256, purgedAt: new Date(purgeMs).toISOString(), purgeRunId: run.runId },
      });
      expect(String(problem.detail)).toContain(`stored ${standard} file`);
      expect(String(problem.detail)).toContain(`purged under the retention policy on ${day}`);
      expect(gone.body).not.toContain('11010519491231002X');
    }
    // The report keeps what proves the filing: both hashes, the FIU reference.
    const detail = await h.api.call('GET', h.path(`/${reportId}`), { key: h.officerA });
    expect(detail.body.report).toMatchObject({
      status: 'submitted',
      approvedSha256,
      approvedCamlmacSha256: camlmacSha256,
      fiuRefNumber: 'FIU-PURGE-1',
    });
    const described = await h.api.app.inject({
      method: 'GET',
      url: '/problems/report_file_purged',
    });
    expect(JSON.parse(described.body)).toMatchObject({ status: 410 });
  });
});

describe('a request whose file is gone', () => {
  it('cannot be approved: the approver would approve a file that no longer exists', async () => {
    const created = await h.api.call('POST', h.path('/str'), {
      key: h.officerA,
      body: {
        content: {
          reason: '多个账户集中转入后快速转出。',
          action: '',
          indicators: ['-'],
          subjects: [{ customerId: h.customers.zhang.customerId }],
          transactions: [{ instructionId }],
        },
      },
    });
    expect(created.status).toBe(201);
    const draftId = String(created.body.id);
    const requested = await h.api.call('POST', h.path(`/${draftId}/submission`), {
      key: h.officerA,
      body: { reason: 'file it' },
    });
    expect(requested.status).toBe(202);
    const approvalId = String(requested.body.approvalId);
    // The run never purges a file under decision; the one transition the database allows is
    // made by hand here, as a request left open past its period would meet it.
    for (const table of ['report_camlmac_files', 'report_files'])
      await h.api.db.query(
        `UPDATE ${table} SET xml_sealed = NULL, purged_at = now(), purged_by = 'test',
           purge_run_id = 'manual' WHERE approval_id = $1`,
        [approvalId],
      );
    const approved = await h.api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: h.officerB,
      body: { reason: 'sound' },
    });
    expect(approved.status).toBe(409);
    expect(String(approved.body.detail)).toContain('purged under the retention policy');
    const detail = await h.api.call('GET', h.path(`/${draftId}`), { key: h.officerA });
    expect(detail.body.report).toMatchObject({ status: 'draft', approvedFileId: null });
    const pending = await exportOf('', draftId);
    expect(pending.statusCode).toBe(410);
  });
});
