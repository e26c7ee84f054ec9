import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runControls, runRetention, type ControlRunResult } from '../../src/compliance/index.js';
import {
  addPlatform,
  createComplianceDatabase,
  DAY_MS,
  type TestDatabase,
} from './compliance-harness.js';
import { seedEndedRelationship } from './compliance-seed.js';
import { seedReportWithFiles, storedFileRows } from './report-file-seed.js';

// Goal: CTL-RETENTION fails while stored report files whose retention ran out still hold
// their content (the purge has not run), naming how many and the oldest due date, and passes
// once the retention run purged them; files not due, the day of grace after a file falls due,
// a file whose submission request awaits a decision and reports whose clock has not started
// never fail it. Method: reports and sealed files written into the tables of a migrated
// database (PGlite, or PostgreSQL with DATABASE_URL), the control run at chosen instants.

let db: TestDatabase;
const at = (iso: string) => Date.parse(iso);
const SYSTEM = 'system:compliance';

beforeAll(async () => {
  db = await createComplianceDatabase();
}, 60_000);
afterAll(() => db.close());

type Evidence = Record<string, unknown> & { outcome: string; sampleIds: string[] };

async function retentionControl(platformId: string, nowMs: number): Promise<Evidence> {
  const results: ControlRunResult[] = await runControls(db, {
    platformId,
    codes: ['CTL-RETENTION'],
    trigger: 'manual',
    actor: 'test',
    nowMs,
  });
  expect(results).toHaveLength(1);
  const evidence = (results[0]?.evidence.tests as Record<string, Evidence>).retention_handled;
  if (evidence === undefined) throw new Error('no retention_handled evidence');
  expect(evidence.outcome).toBe(results[0]?.outcome);
  return evidence;
}

// A large-value report of 10 March 2020 is due when that CST day ends, ten years on; an STR
// filed on 1 June 2020 at 03:00 UTC is due ten years after its filing.
const LVTR_DUE = '2030-03-10T16:00:00.000Z';
const STR_DUE = '2030-06-01T03:00:00.000Z';
const MANY_FILES = '2 stored report files are past their due date and still hold their content';
const ONE_FILE = '1 stored report file is past its due date and still holds its content';
const filesFinding = (files: string) =>
  `${files} (the oldest due ${LVTR_DUE}): the retention purge has not run`;

describe('the retention control and stored report files', () => {
  it('fails while due files hold content, naming how many and the oldest due date, and passes once purged', async () => {
    const { platformId } = await addPlatform(db, 0);
    const lvtr = await seedReportWithFiles(db, platformId, {
      kind: 'lvtr',
      status: 'submitted',
      businessDate: '2020-03-10',
      atMs: at('2020-03-12T02:00:00Z'),
    });
    const str = await seedReportWithFiles(db, platformId, {
      kind: 'str',
      status: 'submitted',
      atMs: at('2020-06-01T03:00:00Z'),
    });
    // Never due, however old: its clock has not started, or its request awaits a decision.
    const kept = [
      await seedReportWithFiles(db, platformId, {
        kind: 'lvtr',
        status: 'approved',
        businessDate: '2019-01-07',
      }),
      await seedReportWithFiles(db, platformId, { kind: 'str', status: 'draft' }),
      await seedReportWithFiles(db, platformId, {
        kind: 'lvtr',
        status: 'submitted',
        businessDate: '2019-01-08',
        openRequest: true,
      }),
    ];
    // Before the STR is due: the large-value report's two files only.
    const early = await retentionControl(platformId, at(STR_DUE) - 1);
    expect(early).toMatchObject({
      outcome: 'fail',
      violations: 2,
      reportFilesOverdue: 2,
      reportFilesOverdueTruncated: false,
      oldestReportFileDueAt: LVTR_DUE,
      reportFilesPurged: 0,
    });
    expect(early.sampleIds).toEqual([lvtr.reportId]);
    expect(early.findings).toEqual([filesFinding(MANY_FILES)]);

    const nowMs = at(STR_DUE) + 2 * DAY_MS;
    const late = await retentionControl(platformId, nowMs);
    expect(late).toMatchObject({
      outcome: 'fail',
      violations: 4,
      reportFilesOverdue: 4,
      oldestReportFileDueAt: LVTR_DUE,
    });
    expect(late.sampleIds).toEqual([lvtr.reportId, str.reportId]);

    const run = await runRetention(db, SYSTEM, platformId, { dryRun: false, nowMs });
    expect(run.reportFiles.map((file) => file.reportId)).toEqual([
      lvtr.reportId,
      lvtr.reportId,
      str.reportId,
      str.reportId,
    ]);
    const handled = await retentionControl(platformId, nowMs);
    expect(handled).toMatchObject({
      outcome: 'pass',
      violations: 0,
      sampleIds: [],
      findings: [],
      reportFilesOverdue: 0,
      oldestReportFileDueAt: null,
      reportFilesPurged: 4,
      checked: 4,
    });
    // The files the control let pass still hold their content.
    const rows = await storedFileRows(db, platformId);
    for (const report of kept) {
      const held = [...rows.values()].filter((row) => row.report_id === report.reportId);
      expect(held).toHaveLength(2);
      for (const row of held) expect(row.purged_at).toBeNull();
    }
  });

  it('gives a file a day of grace after it falls due, not a millisecond more', async () => {
    const { platformId } = await addPlatform(db, 0);
    const seeded = await seedReportWithFiles(db, platformId, {
      kind: 'lvtr',
      status: 'submitted',
      businessDate: '2020-03-10',
      camlmac: 'none',
    });
    const dueMs = at(LVTR_DUE);
    for (const nowMs of [dueMs - 1, dueMs, dueMs + DAY_MS - 1]) {
      const evidence = await retentionControl(platformId, nowMs);
      expect(evidence).toMatchObject({
        outcome: 'pass',
        reportFilesOverdue: 0,
        findings: [],
      });
    }
    const overdue = await retentionControl(platformId, dueMs + DAY_MS);
    expect(overdue).toMatchObject({
      outcome: 'fail',
      violations: 1,
      reportFilesOverdue: 1,
      oldestReportFileDueAt: LVTR_DUE,
      sampleIds: [seeded.reportId],
      findings: [filesFinding(ONE_FILE)],
    });
  });

  it('names the customers and the files left undone side by side', async () => {
    const books = await addPlatform(db, 1);
    const customer = books.customers[0];
    if (customer === undefined) throw new Error('setup');
    const nowMs = at(LVTR_DUE) + 2 * DAY_MS;
    await seedEndedRelationship(db, customer.customerId, nowMs - 11 * 366 * DAY_MS);
    const seeded = await seedReportWithFiles(db, books.platformId, {
      kind: 'str',
      status: 'withdrawn',
      atMs: at('2020-03-10T16:00:00Z'),
    });
    const evidence = await retentionControl(books.platformId, nowMs);
    expect(evidence).toMatchObject({
      outcome: 'fail',
      violations: 3,
      overdueForAnonymization: 1,
      reportFilesOverdue: 2,
      sampleIds: [customer.customerId, seeded.reportId],
      findings: [
        '1 closed customer past retention still holds personal data',
        filesFinding(MANY_FILES),
      ],
    });
  });

  it('passes a platform that holds no report file at all', async () => {
    const { platformId } = await addPlatform(db, 0);
    expect(await retentionControl(platformId, Date.now())).toMatchObject({
      outcome: 'pass',
      checked: 0,
      violations: 0,
      reportFilesOverdue: 0,
      reportFilesPurged: 0,
      oldestReportFileDueAt: null,
    });
  });
});
