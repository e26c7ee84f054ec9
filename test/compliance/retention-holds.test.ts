import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlerts } from '../../src/cases/index.js';
import { runControls, runRetention } from '../../src/compliance/index.js';
import { findDueReportFiles } from '../../src/compliance/retention/report-file-retention.js';
import { lockPlatformRetention } from '../../src/compliance/retention/retention-holds.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { testAlert } from '../cases/case-support.js';
import { addSecondOfficer, DAY_MS } from './compliance-harness.js';
import { seedEndedRelationship } from './compliance-seed.js';
import { seedReportWithFiles } from './report-file-seed.js';

// Goal: a retention hold keeps a customer's personal data, or a report's stored files, past
// their period until it is released, through every way retention destroys data (the daily
// job, a dry run's list, an approved request) and the control that watches it; an open case
// holds its customer the same way. Bad input is refused and changes nothing.

let api: ApiHarness;
let secondOfficerKey: string;

beforeAll(async () => {
  api = await createApiHarness();
  secondOfficerKey = await addSecondOfficer(api.db);
}, 60_000);
afterAll(() => api.close());

const ELEVEN_YEARS_MS = 11 * 366 * DAY_MS;
const staff = () => ({ key: api.books.staffKey });

/** A platform of its own whose customers all ended their relationship eleven years ago. */
async function platformWithLeavers(count: number): Promise<TestBooks> {
  const books = await createTestBooks(api.db, count);
  for (const customer of books.customers)
    await seedEndedRelationship(api.db, customer.customerId, Date.now() - ELEVEN_YEARS_MS);
  return books;
}

/** Asks to release a hold (staff) and has the second officer approve it; the approval's body. */
async function releaseHold(platformId: string, holdId: string, reason: string) {
  const requested = await api.call(
    'POST',
    `/v1/platforms/${platformId}/retention/holds/${holdId}/release`,
    { ...staff(), body: { reason } },
  );
  expect(requested.status, JSON.stringify(requested.body)).toBe(202);
  const approved = await api.call(
    'POST',
    `/v1/approvals/${String(requested.body.approvalId)}/approve`,
    { key: secondOfficerKey, body: { reason: 'release checked' } },
  );
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return String(requested.body.approvalId);
}

const dueIds = async (platformId: string) =>
  (await runRetention(api.db, 'test', platformId, { dryRun: true })).customers.map(
    (c) => c.customerId,
  );

const anonymized = async (customerId: string) =>
  (
    await api.db.query<{ anonymized_at: Date | null }>(
      'SELECT anonymized_at FROM customers WHERE id = $1',
      [customerId],
    )
  )[0]?.anonymized_at !== null;

const retentionControl = async (platformId: string) =>
  (
    await runControls(api.db, {
      platformId,
      codes: ['CTL-RETENTION'],
      trigger: 'manual',
      actor: 'test',
    })
  )[0]?.outcome;

describe('retention holds', () => {
  it('keep a held customer through the daily job and the control; a release lets it go', async () => {
    const books = await platformWithLeavers(2);
    const [held, free] = books.customers.map((c) => c.customerId);
    const base = `/v1/platforms/${books.platformId}/retention/holds`;
    const placed = await api.call('POST', base, {
      ...staff(),
      body: { subjectType: 'customer', subjectId: held, reason: 'regulator inquiry 2026-117 open' },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const holdId = String(placed.body.holdId);
    expect(placed.body).toMatchObject({ subjectId: held, active: true, releasedAt: null });

    expect(await dueIds(books.platformId)).toEqual([free]);
    const dry = await runRetention(api.db, 'test', books.platformId, { dryRun: true });
    expect(dry.held).toEqual({ customers: 1, reportFiles: 0, truncated: false });
    const run = await runRetention(api.db, 'test', books.platformId, { dryRun: false });
    expect(run.customers.map((c) => c.customerId)).toEqual([free]);
    expect(run.held).toEqual({ customers: 1, reportFiles: 0, truncated: false });
    expect(await anonymized(String(held))).toBe(false);
    // Held on purpose, so not a failure of the job.
    expect(await retentionControl(books.platformId)).toBe('pass');

    const listed = await api.call('GET', base, staff());
    expect((listed.body.holds as { holdId: string }[]).map((h) => h.holdId)).toEqual([holdId]);
    const ofSubject = async (query: string) => {
      const response = await api.call('GET', `${base}?${query}`, staff());
      return response.status === 200
        ? (response.body.holds as { holdId: string }[]).map((h) => h.holdId)
        : response.status;
    };
    expect(await ofSubject(`subjectType=customer&subjectId=${String(held)}`)).toEqual([holdId]);
    expect(await ofSubject(`subjectType=customer&subjectId=${String(free)}`)).toEqual([]);
    expect(await ofSubject(`subjectType=report&subjectId=${String(held)}`)).toEqual([]);
    expect(await ofSubject('subjectType=customer')).toBe(400);

    const approvalId = await releaseHold(
      books.platformId,
      holdId,
      'inquiry closed without findings',
    );
    expect(await dueIds(books.platformId)).toEqual([held]);
    expect((await runRetention(api.db, 'test', books.platformId, { dryRun: true })).held).toEqual({
      customers: 0,
      reportFiles: 0,
      truncated: false,
    });
    expect(await retentionControl(books.platformId)).toBe('fail');
    const active = await api.call('GET', base, staff());
    expect(active.body.holds).toEqual([]);
    const all = await api.call('GET', `${base}?includeReleased=true`, staff());
    expect(all.body.holds).toMatchObject([
      {
        holdId,
        active: false,
        releaseReason: 'inquiry closed without findings',
        releaseApprovalId: approvalId,
        releaseRequest: null,
      },
    ]);

    const audit = await api.db.query<{ action: string; subject_id: string }>(
      `SELECT action, subject_id FROM audit_records
       WHERE action LIKE 'retention.hold_%' AND platform_id = $1 ORDER BY seq`,
      [books.platformId],
    );
    expect(audit.map((a) => [a.action, a.subject_id])).toEqual([
      ['retention.hold_placed', held],
      ['retention.hold_released', held],
    ]);
  });

  it('keep a customer whose case is open, until the case is closed', async () => {
    const books = await platformWithLeavers(1);
    const customerId = books.customers[0]?.customerId ?? '';
    const raised = await api.db.transaction((tx) =>
      raiseAlerts(tx, [testAlert(books.platformId, { customerId, severity: 'high' })]),
    );
    const caseId = raised.casesOpened[0] ?? '';
    expect(caseId).not.toBe('');
    expect(await dueIds(books.platformId)).toEqual([]);
    expect(await retentionControl(books.platformId)).toBe('pass');
    await api.db.query(
      `UPDATE cases SET state = 'closed', disposition = 'false_positive',
         close_reason = 'reviewed, nothing found', closed_by = 'test', closed_at = now()
       WHERE id = $1`,
      [caseId],
    );
    expect(await dueIds(books.platformId)).toEqual([customerId]);
  });

  it('stop an approved request from anonymizing a customer held after it was made', async () => {
    const books = await platformWithLeavers(1);
    const customerId = books.customers[0]?.customerId ?? '';
    const runs = `/v1/platforms/${books.platformId}/retention/runs`;
    const requested = await api.call('POST', runs, {
      ...staff(),
      body: { dryRun: false, reason: 'retention over for the closed customer' },
    });
    expect(requested.status).toBe(202);
    const hold = await api.call('POST', `/v1/platforms/${books.platformId}/retention/holds`, {
      ...staff(),
      body: { subjectType: 'customer', subjectId: customerId, reason: 'litigation hold, case 88' },
    });
    expect(hold.status).toBe(201);
    const approved = await api.call(
      'POST',
      `/v1/approvals/${String(requested.body.approvalId)}/approve`,
      {
        key: secondOfficerKey,
        body: { reason: 'list checked' },
      },
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(await anonymized(customerId)).toBe(false);
    // Nothing was carried out, so no run is recorded under the approval.
    const carriedOut = await api.call(
      'GET',
      `${runs}/${String(requested.body.approvalId)}`,
      staff(),
    );
    expect(carriedOut.status).toBe(404);
  });

  it("keep a held report's stored files, and those of a report whose case is open", async () => {
    const books = await createTestBooks(api.db, 1);
    const nowMs = Date.now();
    const due = await seedReportWithFiles(api.db, books.platformId, {
      kind: 'lvtr',
      status: 'submitted',
      businessDate: '2014-03-03',
    });
    const dueFiles = async () =>
      (await findDueReportFiles(api.db, books.platformId, 10, nowMs, 10)).map((f) => f.reportId);
    expect(await dueFiles()).toEqual([due.reportId, due.reportId]);
    const base = `/v1/platforms/${books.platformId}/retention/holds`;
    const placed = await api.call('POST', base, {
      ...staff(),
      body: {
        subjectType: 'report',
        subjectId: due.reportId,
        reason: 'FIU asked for the original file',
      },
    });
    expect(placed.status).toBe(201);
    expect(await dueFiles()).toEqual([]);
    const run = await runRetention(api.db, 'test', books.platformId, { dryRun: false });
    expect(run.reportFiles).toEqual([]);
    expect(run.held).toEqual({ customers: 0, reportFiles: 2, truncated: false });
    await releaseHold(
      books.platformId,
      String(placed.body.holdId),
      'FIU confirmed receipt of a copy',
    );
    expect(await dueFiles()).toEqual([due.reportId, due.reportId]);

    const raised = await api.db.transaction((tx) =>
      raiseAlerts(tx, [testAlert(books.platformId, { severity: 'high' })]),
    );
    await api.db.query('UPDATE reports SET case_id = $2 WHERE id = $1', [
      due.reportId,
      raised.casesOpened[0],
    ]);
    expect(await dueFiles()).toEqual([]);
  });

  it('keep the stored files of every report whose filed version names a held customer', async () => {
    const books = await createTestBooks(api.db, 2);
    const [held, other] = books.customers.map((c) => c.customerId);
    const lvtr = await seedReportWithFiles(api.db, books.platformId, {
      kind: 'lvtr',
      status: 'submitted',
      businessDate: '2014-05-06',
      customerIds: [other ?? '', held ?? ''],
    });
    const str = await seedReportWithFiles(api.db, books.platformId, {
      kind: 'str',
      status: 'submitted',
      atMs: Date.parse('2014-06-01T00:00:00Z'),
      customerIds: [other ?? ''],
    });
    const hold = await api.call('POST', `/v1/platforms/${books.platformId}/retention/holds`, {
      ...staff(),
      body: { subjectType: 'customer', subjectId: held, reason: 'investigation of the customer' },
    });
    expect(hold.status).toBe(201);
    // After the files were stored: a purge is never dated before its file.
    const nowMs = Date.now();
    const due = await findDueReportFiles(api.db, books.platformId, 10, nowMs, 10);
    expect(due.map((f) => f.reportId)).toEqual([str.reportId, str.reportId]);
    const dry = await runRetention(api.db, 'test', books.platformId, { dryRun: true, nowMs });
    expect(dry.held).toEqual({ customers: 0, reportFiles: 2, truncated: false });
    const run = await runRetention(api.db, 'test', books.platformId, { dryRun: false, nowMs });
    expect(run.reportFiles.map((f) => f.reportId)).toEqual([str.reportId, str.reportId]);
    const kept = await findDueReportFiles(api.db, books.platformId, 10, nowMs, 10, null, true);
    expect(kept.map((f) => f.reportId)).toEqual([lvtr.reportId, lvtr.reportId]);
  });

  it('serialize holds with anonymization: the one that goes second sees the first', async () => {
    const books = await platformWithLeavers(1);
    const customerId = books.customers[0]?.customerId ?? '';
    const settled = { hold: false, run: false };
    let placing: Promise<{ status: number }> | undefined;
    let running: Promise<unknown> | undefined;
    // A transaction holding the platform's retention lock, as a run's batch does.
    await api.db.transaction(async (tx) => {
      await lockPlatformRetention(tx, books.platformId);
      placing = api
        .call('POST', `/v1/platforms/${books.platformId}/retention/holds`, {
          ...staff(),
          body: { subjectType: 'customer', subjectId: customerId, reason: 'regulator inquiry 7' },
        })
        .finally(() => (settled.hold = true));
      running = runRetention(api.db, 'test', books.platformId, { dryRun: false }).finally(
        () => (settled.run = true),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toEqual({ hold: false, run: false });
    });
    const placed = await placing;
    await running;
    // Either order is a valid one; what may never happen is a hold accepted on data destroyed.
    expect(placed?.status === 201).toBe(!(await anonymized(customerId)));
    expect([201, 409]).toContain(placed?.status);
  });

  it('refuse bad input, change nothing, and keep every hold in the database', async () => {
    const books = await platformWithLeavers(2);
    const [first, second] = books.customers.map((c) => c.customerId);
    const base = `/v1/platforms/${books.platformId}/retention/holds`;
    const place = (body: Record<string, unknown>) => api.call('POST', base, { ...staff(), body });
    const reason = 'internal investigation 42';
    const refusals = [
      [await place({ subjectType: 'customer', subjectId: 'cus_nobody', reason }), 404],
      [await place({ subjectType: 'report', subjectId: 'rpt_nothing', reason }), 404],
      [await place({ subjectType: 'customer', subjectId: first, reason: 'too short' }), 400],
      [await place({ subjectType: 'account', subjectId: first, reason }), 400],
      [await place({ subjectType: 'customer', subjectId: 'not an id', reason }), 400],
      [await place({ subjectType: 'customer', subjectId: first, reason, extra: 1 }), 400],
    ] as const;
    for (const [response, status] of refusals)
      expect(response.status, JSON.stringify(response.body)).toBe(status);
    // Another platform's customer is unknown here.
    const other = await createTestBooks(api.db, 1);
    const foreign = await place({
      subjectType: 'customer',
      subjectId: other.customers[0]?.customerId,
      reason,
    });
    expect(foreign.status).toBe(404);
    const count = async () =>
      Number(
        (
          await api.db.query<{ n: string }>(
            'SELECT count(*) AS n FROM retention_holds WHERE platform_id = $1',
            [books.platformId],
          )
        )[0]?.n,
      );
    expect(await count()).toBe(0);

    const [one, two] = await Promise.all([
      place({ subjectType: 'customer', subjectId: first, reason }),
      place({ subjectType: 'customer', subjectId: first, reason }),
    ]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    const holdId = String((one.status === 201 ? one : two).body.holdId);
    expect(String((one.status === 409 ? one : two).body.detail)).toContain(holdId);
    expect(await count()).toBe(1);

    const release = (id: string, body: Record<string, unknown>) =>
      api.call('POST', `${base}/${id}/release`, { ...staff(), body });
    expect((await release(holdId, { reason: 'short' })).status).toBe(400);
    expect((await release('hld_unknown', { reason: 'no such hold here' })).status).toBe(404);
    await releaseHold(books.platformId, holdId, 'investigation closed');
    expect((await release(holdId, { reason: 'investigation closed' })).status).toBe(409);

    // Anonymized customers have nothing left to hold.
    await runRetention(api.db, 'test', books.platformId, { dryRun: false });
    const late = await place({ subjectType: 'customer', subjectId: second, reason });
    expect(late.status).toBe(409);
    expect(String(late.body.detail)).toContain('already anonymized');

    await expect(
      api.db.query(`UPDATE retention_holds SET reason = 'rewritten reason here' WHERE id = $1`, [
        holdId,
      ]),
    ).rejects.toThrow(/keeps every hold/);
    await expect(
      api.db.query('DELETE FROM retention_holds WHERE id = $1', [holdId]),
    ).rejects.toThrow(/keeps every hold/);
    // A reader may list holds but not place one.
    const reader = await api.db.transaction((tx) =>
      createPrincipalWithKey(tx, {
        kind: 'staff',
        platformId: null,
        role: 'auditor',
        name: 'auditor',
      }),
    );
    expect((await api.call('GET', base, { key: reader.apiKey })).status).toBe(200);
    const refused = await api.call('POST', base, {
      key: reader.apiKey,
      body: { subjectType: 'customer', subjectId: first, reason },
    });
    expect(refused.status).toBe(403);
  });

  it('are released only when a second person approves a request to release them', async () => {
    const books = await platformWithLeavers(1);
    const customerId = books.customers[0]?.customerId ?? '';
    const base = `/v1/platforms/${books.platformId}/retention/holds`;
    const placed = await api.call('POST', base, {
      ...staff(),
      body: { subjectType: 'customer', subjectId: customerId, reason: 'litigation hold, case 91' },
    });
    const holdId = String(placed.body.holdId);
    const ask = () =>
      api.call('POST', `${base}/${holdId}/release`, {
        ...staff(),
        body: { reason: 'litigation settled' },
      });
    const [one, two] = await Promise.all([ask(), ask()]);
    expect([one.status, two.status].sort()).toEqual([202, 409]);
    const approvalId = String((one.status === 202 ? one : two).body.approvalId);
    expect(String((one.status === 409 ? one : two).body.detail)).toContain(approvalId);

    // Asked for, not yet decided: still held, and the list names the request.
    expect(await dueIds(books.platformId)).toEqual([]);
    const listed = await api.call('GET', base, staff());
    expect(listed.body.holds).toMatchObject([
      { holdId, active: true, releaseRequest: { approvalId } },
    ]);
    const self = await api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      ...staff(),
      body: { reason: 'approving my own request' },
    });
    expect(self.status).toBe(403);
    const rejected = await api.call('POST', `/v1/approvals/${approvalId}/reject`, {
      key: secondOfficerKey,
      body: { reason: 'the court order still stands' },
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(await dueIds(books.platformId)).toEqual([]);
    const afterReject = await api.call('GET', base, staff());
    expect(afterReject.body.holds).toMatchObject([{ holdId, active: true, releaseRequest: null }]);

    // The database refuses a release that no request of the releasing person stands behind.
    await expect(
      api.db.query(
        `UPDATE retention_holds SET released_by = 'someone', released_at = now(),
           release_reason = 'released by hand in SQL' WHERE id = $1`,
        [holdId],
      ),
    ).rejects.toThrow(/approved release request/);
    await expect(
      api.db.query(
        `UPDATE retention_holds SET released_by = 'someone', released_at = now(),
           release_reason = 'released by hand in SQL', release_approval_id = $2 WHERE id = $1`,
        [holdId, approvalId],
      ),
    ).rejects.toThrow(/approved release request/);

    await releaseHold(books.platformId, holdId, 'litigation settled');
    expect(await dueIds(books.platformId)).toEqual([customerId]);
    const audit = await api.db.query<{ entry: string }>(
      `SELECT entry FROM audit_records
       WHERE action = 'retention.hold_released' AND platform_id = $1`,
      [books.platformId],
    );
    expect(audit).toHaveLength(1);
    const payload = (JSON.parse(audit[0]?.entry ?? '{}') as { payload: Record<string, unknown> })
      .payload;
    expect(payload).toMatchObject({ holdId, reason: 'litigation settled' });
    expect(payload['approvedBy']).toEqual(expect.any(String));
  });
});
