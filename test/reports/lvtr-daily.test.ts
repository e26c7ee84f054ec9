import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstDayBoundsMs, epochDayOfIso, isoOfEpochDay } from '../../src/reports/cst-day.js';
import { runDailyLvtr, setFxRate, type DailyLvtrOutcome } from '../../src/reports/index.js';
import { createReportHarness, type ReportHarness } from './report-harness.js';

// Goal: the nightly run files the large-value report of the day just ended without anyone
// asking, makes up recent days still without one, runs a day once, and raises an alert for a
// day it could not run. Method: a real deposit through the API, the run called with a clock
// after the day, then the reports and alerts tables.

let h: ReportHarness;
let day: string;
let afterDayMs: number;

beforeAll(async () => {
  h = await createReportHarness();
  day = h.today();
  afterDayMs = cstDayBoundsMs(epochDayOfIso(day)).endMs + 60_000;
  await h.deposit(h.customers.zhang, '600000.00');
});
afterAll(() => h.api.close());

const ours = (outcomes: DailyLvtrOutcome[]) =>
  outcomes.filter((outcome) => outcome.platformId === h.platformId);

describe('the nightly large-value run', () => {
  it('files the day just ended and looks back over the last seven days', async () => {
    const outcomes = ours(await runDailyLvtr(h.api.db, afterDayMs));
    expect(outcomes.map((o) => o.businessDate)).toEqual(
      Array.from({ length: 7 }, (_, index) => isoOfEpochDay(epochDayOfIso(day) - 6 + index)),
    );
    expect(outcomes.at(-1)).toEqual({
      platformId: h.platformId,
      businessDate: day,
      outcome: 'reported',
      reports: 1,
    });
    expect(outcomes.slice(0, -1).every((o) => o.outcome === 'nothing_to_report')).toBe(true);
    const reports = await h.api.db.query<{ status: string; edited_by: string }>(
      `SELECT r.status, v.edited_by FROM reports r JOIN report_versions v ON v.report_id = r.id
       WHERE r.platform_id = $1 AND r.kind = 'lvtr' AND r.business_date = $2::date`,
      [h.platformId, day],
    );
    expect(reports).toEqual([{ status: 'draft', edited_by: 'system:reports' }]);
  });

  it('runs a day that has its report only once', async () => {
    const again = ours(await runDailyLvtr(h.api.db, afterDayMs));
    expect(again.map((o) => o.businessDate)).not.toContain(day);
    expect(again).toHaveLength(6);
  });

  it('raises one alert per day it cannot run, and goes on with the next', async () => {
    await h.api.db.query(`DELETE FROM report_fx_rates WHERE currency = 'USD'`);
    try {
      const failed = ours(await runDailyLvtr(h.api.db, afterDayMs));
      expect(failed).toHaveLength(6);
      expect(failed.every((o) => o.outcome === 'failed' && /USD/.test(o.error ?? ''))).toBe(true);
      await runDailyLvtr(h.api.db, afterDayMs);
      const alerts = await h.api.db.query<{ alert_key: string; severity: string }>(
        `SELECT alert_key, severity FROM alerts
         WHERE platform_id = $1 AND rule_id = 'compliance.lvtr_batch_failed' ORDER BY alert_key`,
        [h.platformId],
      );
      expect(alerts).toHaveLength(6);
      expect(alerts[0]).toEqual({
        alert_key: `report_lvtr_batch:${isoOfEpochDay(epochDayOfIso(day) - 6)}`,
        severity: 'high',
      });
    } finally {
      await h.api.db.transaction((tx) => setFxRate(tx, 'test', 'USD', null, 7_100_000n));
    }
  });
});
