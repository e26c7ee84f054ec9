import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/security/index.js';
import { cstDayBoundsMs, cstDayOfMs, epochDayOfIso } from '../../src/reports/cst-day.js';
import { runLvtrBatch, sweepOverdueReports, type LvtrRunResult } from '../../src/reports/index.js';
import { REPORT_COLUMNS, reportView } from '../../src/reports/report-store.js';
import { countRows, createStaff } from '../cases/case-support.js';
import { createReportHarness, ENTITY_SETTINGS, type ReportHarness } from './report-harness.js';

// Goal: a large-value day with more transactions than one report may list is filed as several
// reports (parts), each within the limit and each customer whole, rather than refused; each
// part is listed, exported and approved on its own; a day with a part asked for submission is
// not re-run; beyond the parts limit the day is refused and nothing is written. Method: real
// postings through the API, the batch called with a small part size and a clock after the day
// has ended, then the report routes.

let h: ReportHarness;
let officer: Principal;
let day: string;
let afterDayMs: number;
const SMALL_PARTS = { transactionsMax: 2, partsMax: 10 };

beforeAll(async () => {
  h = await createReportHarness();
  officer = (await createStaff(h.api.db, 'compliance_officer')).principal;
  day = h.today();
  afterDayMs = cstDayBoundsMs(epochDayOfIso(day)).endMs + 60_000;
  await h.deposit(h.customers.zhang, '500000.00'); // one transaction
  await h.deposit(h.customers.li, '300000.00');
  await h.deposit(h.customers.li, '300000.00'); // two transactions, CNY 600,000 in all
});
afterAll(() => h.api.close());

const run = (parts = SMALL_PARTS) =>
  runLvtrBatch(h.api.db, officer, h.platformId, day, { nowMs: afterDayMs, parts });

function ran(result: Awaited<ReturnType<typeof run>>): LvtrRunResult {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const lvtrRows = () =>
  countRows(h.api.db, 'reports', "platform_id = $1 AND kind = 'lvtr'", [h.platformId]);

describe('large-value parts', () => {
  it('runs only once the day has ended, by the clock it is given', async () => {
    expect(cstDayOfMs(afterDayMs)).toBe(epochDayOfIso(day) + 1);
    const early = await runLvtrBatch(h.api.db, officer, h.platformId, day, {
      nowMs: afterDayMs - 120_000,
    });
    expect(early).toMatchObject({ ok: false, error: { code: 'report_day_not_ended' } });
    expect(await lvtrRows()).toBe(0);
  });

  it('refuses a day beyond the parts limit and writes nothing', async () => {
    const refused = await run({ transactionsMax: 2, partsMax: 1 });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'report_parts_exceeded', detail: { parts: 2, partsMax: 1 } },
    });
    expect(await lvtrRows()).toBe(0);
  });

  it('splits the day into parts within the limit, each customer whole', async () => {
    const result = ran(await run());
    expect(result).toMatchObject({ items: 2, transactions: 3, unchanged: false });
    expect(result.parts.map((part) => [part.part, part.version, part.items])).toEqual([
      [1, 1, 1],
      [2, 1, 1],
    ]);
    expect(result.parts.map((part) => part.transactions).sort()).toEqual([1, 2]);
    expect(result.reportId).toBe(result.parts[0]?.reportId);
    const listed = await h.api.call('GET', h.path('?kind=lvtr'), { key: h.auditor });
    const items = listed.body.items as { id: string; businessDate: string; lvtrPart: number }[];
    expect(items.map((r) => [r.businessDate, r.lvtrPart]).sort()).toEqual([
      [day, 1],
      [day, 2],
    ]);
    for (const part of result.parts) {
      const detail = await h.api.call('GET', h.path(`/${part.reportId}`), { key: h.auditor });
      const content = detail.body.content as { items: { customerId: string }[] };
      expect(new Set(content.items.map((i) => i.customerId)).size).toBe(1);
    }
  });

  it('keeps one report per day and part in the database', async () => {
    await expect(
      h.api.db.query(
        `INSERT INTO reports (id, platform_id, kind, purpose, status, business_date, lvtr_part,
           current_version, deadline_date, created_by)
         VALUES ('rpt_dup', $1, 'lvtr', 'new', 'draft', $2, 2, 1, $2, 'test')`,
        [h.platformId, day],
      ),
    ).rejects.toThrow(/reports_lvtr_day_part/);
    expect(await lvtrRows()).toBe(2);
  });

  it('re-runs the drafts part by part, emptying a part no longer needed', async () => {
    const same = ran(await run());
    expect(same.unchanged).toBe(true);
    expect(same.parts.map((part) => part.version)).toEqual([1, 1]);
    const whole = ran(await run({ transactionsMax: 20_000, partsMax: 10 }));
    expect(whole.parts.map((part) => [part.part, part.version, part.items])).toEqual([
      [1, 2, 2],
      [2, 2, 0],
    ]);
    // The emptied part has nothing to file: past the deadline it is not overdue, nor alerted.
    const afterDeadlineMs = afterDayMs + 30 * 86_400_000;
    const views = await h.api.db.query(
      `SELECT ${REPORT_COLUMNS} FROM reports
       WHERE platform_id = $1 AND kind = 'lvtr' ORDER BY lvtr_part`,
      [h.platformId],
    );
    expect(views.map((row) => reportView(row, afterDeadlineMs).overdue)).toEqual([true, false]);
    const swept = await sweepOverdueReports(h.api.db, afterDeadlineMs);
    expect(swept.alerted).toEqual([whole.parts[0]?.reportId]);
    await h.api.db.query('UPDATE reports SET overdue_alerted_at = NULL WHERE platform_id = $1', [
      h.platformId,
    ]);
    const back = ran(await run());
    expect(back.parts.map((part) => [part.part, part.version, part.items])).toEqual([
      [1, 3, 1],
      [2, 3, 1],
    ]);
    expect(await lvtrRows()).toBe(2);
  });

  it('exports and approves each part on its own; then the day is not re-run', async () => {
    const [first, second] = ran(await run()).parts;
    if (first === undefined || second === undefined) throw new Error('two parts');
    expect(
      (await h.api.call('PUT', h.path('/entity'), { key: h.officerA, body: ENTITY_SETTINGS }))
        .status,
    ).toBe(200);
    for (const customer of [h.customers.zhang, h.customers.li])
      await h.api.call('PUT', h.path(`/subjects/${customer.customerId}`), {
        key: h.officerA,
        body: { occupation: '工程师' },
      });
    for (const part of [first, second]) {
      const exported = await h.api.call('GET', h.path(`/${part.reportId}/export?format=json`), {
        key: h.officerB,
      });
      expect(exported.status).toBe(200);
      expect(String(exported.body.xml).match(/<transaction>/g)).toHaveLength(part.transactions);
      // Each file names its day and part, in its name and in its reason.
      const day = String(exported.body.xml).match(/Large-value transactions of (\S+), part (\d+) /);
      expect(day?.[2]).toBe(String(part.part));
      expect(exported.body.fileName).toBe(
        `${part.reportId}-v${part.version}-ctr-${day?.[1] ?? ''}-part${part.part}.xml`,
      );
    }
    const requested = await h.api.call('POST', h.path(`/${first.reportId}/submission`), {
      key: h.officerA,
      body: { reason: 'daily large-value report, part 1' },
    });
    expect(requested.status).toBe(202);
    const approved = await h.api.call(
      'POST',
      `/v1/approvals/${String(requested.body.approvalId)}/approve`,
      { key: h.officerB, body: { reason: 'checked against the journal' } },
    );
    expect(approved.status).toBe(200);
    const versionsBefore = await countRows(h.api.db, 'report_versions', 'report_id = $1', [
      second.reportId,
    ]);
    const rerun = await run();
    expect(rerun).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(rerun.ok ? '' : rerun.error.message).toContain('part 1 is approved');
    expect(await countRows(h.api.db, 'report_versions', 'report_id = $1', [second.reportId])).toBe(
      versionsBefore,
    );
    expect(await lvtrRows()).toBe(2);
    const secondRequested = await h.api.call('POST', h.path(`/${second.reportId}/submission`), {
      key: h.officerA,
      body: { reason: 'daily large-value report, part 2' },
    });
    expect(secondRequested.status).toBe(202);
  });
});
