import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getRetentionRun,
  listRetentionRuns,
  reportFileDueAtMs,
  runDailyCompliance,
  runRetention,
  setRetentionPolicy,
  type DueReportFile,
} from '../../src/compliance/index.js';
import { rotateDataKeys } from '../../src/security/field-encryption/index.js';
import { personalDataVaultOf } from '../../src/security/personal-data.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { createTestBooks } from '../support/books.js';
import { addSecondOfficer, DAY_MS } from './compliance-harness.js';
import {
  seedReportWithFiles,
  storedFileRows,
  type SeededReport,
  type SeededReportSpec,
  type StoredFileRow,
} from './report-file-seed.js';

// Goal: the retention run purges the content of stored report files whose period has run out,
// counted from the report's own date, and nothing else: metadata and SHA-256 stay, the row
// records the purge, the database refuses any other change, a dry run changes nothing, a run
// that fails halfway leaves whole batches only, key rotation passes purged rows by, and the
// purge goes through the same four-eyes request as anonymization. Method: reports and sealed
// files written into the tables of a migrated database, the run at chosen instants.

let api: ApiHarness;
let secondOfficerKey: string;
const at = (iso: string) => Date.parse(iso);
const SYSTEM = 'system:compliance';

beforeAll(async () => {
  api = await createApiHarness();
  secondOfficerKey = await addSecondOfficer(api.db);
}, 60_000);
afterAll(() => api.close());

const newPlatform = async () => (await createTestBooks(api.db, 0)).platformId;
const keyOf = (file: Pick<DueReportFile, 'format' | 'fileId'>) => `${file.format}:${file.fileId}`;
const keysOf = (seeded: SeededReport, formats: readonly string[] = ['camlmac', 'goaml']) =>
  formats.map((format) => `${format}:${seeded.approvalId}`);

async function purgeAudits(platformId: string) {
  const rows = await api.db.query<{ subject_id: string; entry: string }>(
    `SELECT subject_id, entry FROM audit_records
     WHERE platform_id = $1 AND action = 'report.files_purged' ORDER BY seq`,
    [platformId],
  );
  return rows.map((row) => ({
    reportId: row.subject_id,
    entry: row.entry,
    payload: (JSON.parse(row.entry) as { payload: Record<string, unknown> }).payload,
  }));
}

async function snapshot(platformId: string): Promise<string> {
  const rows = await storedFileRows(api.db, platformId);
  const audit = await api.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_records WHERE platform_id = $1',
    [platformId],
  );
  return JSON.stringify([[...rows].sort(), audit[0]?.n]);
}

/** The row without its content and purge columns: what a purge must leave as it was. */
const metadataOf = (row: StoredFileRow | undefined) =>
  row === undefined
    ? undefined
    : { ...row, xml_sealed: null, purged_at: null, purged_by: null, purge_run_id: null };

describe('when a report file is due', () => {
  it('counts a large-value report from the end of its CST day and an STR from its filing', () => {
    const lvtr = {
      kind: 'lvtr',
      status: 'submitted',
      businessDate: '2020-02-29',
      submittedAtMs: at('2020-03-05T02:00:00Z'),
      withdrawnAtMs: null,
    } as const;
    // The clock starts at 00:00 CST on 1 March 2020; ten years on the CST calendar is 00:00 CST
    // on 1 March 2030, 16:00 UTC the day before.
    expect(reportFileDueAtMs(lvtr, 10)).toBe(at('2030-02-28T16:00:00Z'));
    expect(reportFileDueAtMs({ ...lvtr, status: 'draft' }, 10)).toBe(at('2030-02-28T16:00:00Z'));
    // Business day 28 February 2026 ends at 00:00 CST on 1 March: due 00:00 CST on 1 March 2036,
    // not on the leap day the UTC calendar would give.
    expect(reportFileDueAtMs({ ...lvtr, businessDate: '2026-02-28' }, 10)).toBe(
      at('2036-02-29T16:00:00Z'),
    );
    // Filed at 04:00 CST on 1 March 2026 (20:00 UTC the day before): due 04:00 CST, 1 March 2036.
    const earlyFiled = { ...lvtr, kind: 'str', businessDate: null } as const;
    expect(
      reportFileDueAtMs({ ...earlyFiled, submittedAtMs: at('2026-02-28T20:00:00Z') }, 10),
    ).toBe(at('2036-02-29T20:00:00Z'));
    // Approved and not yet filed: the file has yet to reach the FIU, the clock waits.
    expect(reportFileDueAtMs({ ...lvtr, status: 'approved' }, 10)).toBeNull();
    const str = {
      kind: 'str',
      status: 'submitted',
      businessDate: null,
      submittedAtMs: at('2018-06-15T03:00:00Z'),
      withdrawnAtMs: null,
    } as const;
    expect(reportFileDueAtMs(str, 12)).toBe(at('2030-06-15T03:00:00Z'));
    expect(reportFileDueAtMs({ ...str, status: 'draft', submittedAtMs: null }, 10)).toBeNull();
    const withdrawn = {
      ...str,
      status: 'withdrawn',
      submittedAtMs: null,
      withdrawnAtMs: at('2019-01-01T00:00:00Z'),
    } as const;
    expect(reportFileDueAtMs(withdrawn, 10)).toBe(at('2029-01-01T00:00:00Z'));
  });

  it('lists a file from its due instant on, not a day or a millisecond before, leap day included', async () => {
    const platformId = await newPlatform();
    const cases: { spec: SeededReportSpec; dueAt: string }[] = [
      {
        spec: { kind: 'lvtr', status: 'submitted', businessDate: '2017-03-10' },
        dueAt: '2027-03-10T16:00:00.000Z',
      },
      {
        spec: { kind: 'str', status: 'submitted', atMs: at('2018-06-15T03:00:00Z') },
        dueAt: '2028-06-15T03:00:00.000Z',
      },
      // 00:00 CST on 1 March 2030; the UTC calendar would say a day later.
      {
        spec: { kind: 'lvtr', status: 'draft', businessDate: '2020-02-29' },
        dueAt: '2030-02-28T16:00:00.000Z',
      },
      // 00:00 CST on 1 March 2036; the UTC calendar would say a day earlier.
      {
        spec: { kind: 'lvtr', status: 'submitted', businessDate: '2026-02-28' },
        dueAt: '2036-02-29T16:00:00.000Z',
      },
    ];
    const seeded = [];
    for (const c of cases) seeded.push(await seedReportWithFiles(api.db, platformId, c.spec));
    const before = await snapshot(platformId);
    for (const [index, c] of cases.entries()) {
      const report = seeded[index] as SeededReport;
      const dueMs = at(c.dueAt);
      for (const [offsetMs, listed] of [
        [-DAY_MS, false],
        [-1, false],
        [0, true],
        [DAY_MS, true],
      ] as const) {
        const dry = await runRetention(api.db, 'test', platformId, {
          dryRun: true,
          nowMs: dueMs + offsetMs,
        });
        expect(dry.runId).toBeNull();
        const mine = dry.reportFiles.filter((f) => f.reportId === report.reportId);
        expect(mine.map(keyOf), `${c.dueAt} ${offsetMs}`).toEqual(listed ? keysOf(report) : []);
        for (const file of mine) expect(file.dueAt).toBe(c.dueAt);
      }
    }
    expect(await snapshot(platformId)).toBe(before);
  });
});

describe('the executing run', () => {
  it('purges only the due files, keeps every row and hash, records the run, audits each report', async () => {
    const platformId = await newPlatform();
    // Three years ahead, so the purge never predates the files stored now (a CHECK holds it).
    const year = new Date().getUTCFullYear() + 3;
    const nowMs = Date.UTC(year, 0, 1);
    const ago = (years: number, rest: string) => `${year - years}-${rest}`;
    const seed = (spec: SeededReportSpec) => seedReportWithFiles(api.db, platformId, spec);
    const due = [
      await seed({ kind: 'lvtr', status: 'submitted', businessDate: ago(12, '05-02') }),
      // A CST day ends at 16:00 UTC: 31 December's, eleven years back, eight hours before `nowMs`.
      await seed({ kind: 'lvtr', status: 'submitted', businessDate: ago(11, '12-31') }),
      // A rejected request's file of a day never filed: its transactions' clock still ran.
      await seed({ kind: 'lvtr', status: 'draft', businessDate: ago(13, '08-08') }),
      await seed({ kind: 'str', status: 'submitted', atMs: at(ago(11, '03-01T08:00:00Z')) }),
      await seed({ kind: 'str', status: 'withdrawn', atMs: at(ago(11, '07-01T08:00:00Z')) }),
    ];
    const goamlOnly = await seed({
      kind: 'str',
      status: 'submitted',
      atMs: at(ago(12, '01-01T00:00:00Z')),
      camlmac: 'missing',
    });
    const kept = [
      // 1 January ten years back ends at 16:00 UTC: due sixteen hours after `nowMs`.
      await seed({ kind: 'lvtr', status: 'submitted', businessDate: ago(10, '01-01') }),
      await seed({ kind: 'str', status: 'submitted', atMs: at(ago(10, '06-01T00:00:00Z')) }),
      await seed({ kind: 'lvtr', status: 'approved', businessDate: ago(14, '01-05') }),
      await seed({ kind: 'str', status: 'draft' }),
      await seed({
        kind: 'lvtr',
        status: 'draft',
        businessDate: ago(14, '01-06'),
        openRequest: true,
      }),
    ];
    const expected = new Set([...due.flatMap((r) => keysOf(r)), ...keysOf(goamlOnly, ['goaml'])]);
    const before = await storedFileRows(api.db, platformId);
    const run = await runRetention(api.db, SYSTEM, platformId, { dryRun: false, nowMs });
    expect(run.runId).toMatch(/^rtn_/);
    expect(new Set(run.reportFiles.map(keyOf))).toEqual(expected);
    expect(run.reportFilesTruncated).toBe(false);
    const after = await storedFileRows(api.db, platformId);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, row] of after) {
      const was = before.get(key);
      expect(metadataOf(row), key).toEqual(metadataOf(was));
      if (expected.has(key)) {
        expect(row).toMatchObject({ xml_sealed: null, purged_by: SYSTEM, purge_run_id: run.runId });
        expect(row.purged_at?.getTime()).toBe(nowMs);
      } else {
        expect(row.xml_sealed, key).toEqual(was?.xml_sealed);
        expect(row.purged_at, key).toBeNull();
      }
    }
    const audits = await purgeAudits(platformId);
    expect(audits.map((a) => a.reportId).sort()).toEqual(
      [...due, goamlOnly].map((r) => r.reportId).sort(),
    );
    for (const audit of audits) {
      const files = audit.payload.files as { fileId: string; sha256: string }[];
      expect(audit.payload).toMatchObject({ runId: run.runId, count: files.length });
      expect(files.length).toBeGreaterThan(0);
      for (const report of [...due, ...kept, goamlOnly])
        expect(audit.entry).not.toContain(report.marker);
      expect(audit.entry).not.toContain('enc:v1');
      expect(audit.entry).not.toContain('11010519491231002X');
    }
    const recorded = await getRetentionRun(api.db, platformId, String(run.runId));
    expect(recorded?.reportFilesPurged).toBe(expected.size);
    expect(new Set(recorded?.reportFiles.map(keyOf))).toEqual(expected);
    const purgedAt = new Date(nowMs).toISOString();
    expect(recorded?.reportFiles.every((file) => file.purgedAt === purgedAt)).toBe(true);
    const again = await runRetention(api.db, SYSTEM, platformId, { dryRun: false, nowMs });
    expect(again.reportFiles).toEqual([]);
    expect(await purgeAudits(platformId)).toHaveLength(audits.length);
  });

  it('is refused by the database for any change but one purge of a file', async () => {
    const platformId = await newPlatform();
    const purged = await seedReportWithFiles(api.db, platformId, {
      kind: 'str',
      status: 'submitted',
      atMs: at('2015-01-01T00:00:00Z'),
    });
    const intact = await seedReportWithFiles(api.db, platformId, {
      kind: 'str',
      status: 'submitted',
      atMs: Date.now() - DAY_MS,
    });
    const run = await runRetention(api.db, SYSTEM, platformId, { dryRun: false });
    expect(run.reportFiles.map(keyOf)).toEqual(keysOf(purged));
    const before = await snapshot(platformId);
    const refused = (sql: string, id: string) =>
      expect(api.db.query(sql, [id]), sql).rejects.toThrow(/append-only/);
    const purge = `xml_sealed = NULL, purged_at = now(), purged_by = 'hand', purge_run_id = 'manual'`;
    for (const table of ['report_camlmac_files', 'report_files']) {
      // A purged file: purged again, its hash changed, content put back, deleted.
      await refused(`UPDATE ${table} SET ${purge} WHERE approval_id = $1`, purged.approvalId);
      await refused(
        `UPDATE ${table} SET purged_at = now(), purge_run_id = 'again' WHERE approval_id = $1`,
        purged.approvalId,
      );
      await refused(
        `UPDATE ${table} SET sha256 = repeat('0', 64) WHERE approval_id = $1`,
        purged.approvalId,
      );
      await refused(
        `UPDATE ${table} SET xml_sealed = ARRAY['enc:v1:x'], purged_at = NULL, purged_by = NULL,
           purge_run_id = NULL WHERE approval_id = $1`,
        purged.approvalId,
      );
      await refused(`DELETE FROM ${table} WHERE approval_id = $1`, purged.approvalId);
      // A file holding content: cleared without recording it, recorded while keeping the
      // content, purged together with another change, changed, deleted.
      await refused(
        `UPDATE ${table} SET xml_sealed = NULL WHERE approval_id = $1`,
        intact.approvalId,
      );
      await refused(
        `UPDATE ${table} SET purged_at = now(), purged_by = 'hand', purge_run_id = 'manual'
         WHERE approval_id = $1`,
        intact.approvalId,
      );
      await refused(
        `UPDATE ${table} SET ${purge}, file_name = 'other.xml' WHERE approval_id = $1`,
        intact.approvalId,
      );
      await refused(
        `UPDATE ${table} SET size_bytes = size_bytes + 1 WHERE approval_id = $1`,
        intact.approvalId,
      );
      await refused(`DELETE FROM ${table} WHERE approval_id = $1`, intact.approvalId);
    }
    expect(await snapshot(platformId)).toBe(before);
    // The one change allowed is the purge itself, once, whoever runs the statement.
    await api.db.query(`UPDATE report_files SET ${purge} WHERE approval_id = $1`, [
      intact.approvalId,
    ]);
    await refused(`UPDATE report_files SET ${purge} WHERE approval_id = $1`, intact.approvalId);
  });

  it('leaves nothing half-written when it fails mid-batch; the next run finishes', async () => {
    const platformId = await newPlatform();
    const seeded: SeededReport[] = [];
    // 55 reports with two files each: 110 files, 100 a transaction, oldest filing first.
    for (let index = 0; index < 55; index += 1)
      seeded.push(
        await seedReportWithFiles(api.db, platformId, {
          kind: 'str',
          status: 'submitted',
          atMs: at('2014-01-01T00:00:00Z') + index * DAY_MS,
        }),
      );
    const failing = seeded[52] as SeededReport;
    // The second transaction breaks on report 53's CAMLMAC file, after its goAML files changed.
    await api.db
      .query(`CREATE FUNCTION test_interrupt_purge() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.approval_id = '${failing.approvalId}' THEN RAISE EXCEPTION 'interrupted mid-batch'; END IF;
        RETURN NEW;
      END $$`);
    await api.db.query(`CREATE TRIGGER test_interrupt_purge BEFORE UPDATE ON report_camlmac_files
      FOR EACH ROW EXECUTE FUNCTION test_interrupt_purge()`);
    const before = await storedFileRows(api.db, platformId);
    try {
      await expect(runRetention(api.db, SYSTEM, platformId, { dryRun: false })).rejects.toThrow(
        /interrupted mid-batch/,
      );
    } finally {
      await api.db.query('DROP TRIGGER test_interrupt_purge ON report_camlmac_files');
      await api.db.query('DROP FUNCTION test_interrupt_purge()');
    }
    const firstBatch = new Set(seeded.slice(0, 50).flatMap((r) => keysOf(r)));
    const after = await storedFileRows(api.db, platformId);
    for (const [key, row] of after) {
      expect(row.purged_at !== null, key).toBe(firstBatch.has(key));
      if (!firstBatch.has(key)) expect(row.xml_sealed, key).toEqual(before.get(key)?.xml_sealed);
    }
    const audited = (await purgeAudits(platformId)).map((a) => a.reportId);
    expect(audited).toEqual(seeded.slice(0, 50).map((r) => r.reportId));
    // The interrupted run's record holds its committed batch only.
    const counted = async () =>
      (await listRetentionRuns(api.db, platformId, 10)).map((run) => run.reportFilesPurged);
    expect(await counted()).toEqual([100]);
    const rerun = await runRetention(api.db, SYSTEM, platformId, { dryRun: false });
    expect(new Set(rerun.reportFiles.map(keyOf))).toEqual(
      new Set(seeded.slice(50).flatMap((r) => keysOf(r))),
    );
    const done = await storedFileRows(api.db, platformId);
    expect([...done.values()].every((row) => row.purged_at !== null)).toBe(true);
    expect(await purgeAudits(platformId)).toHaveLength(55);
    expect((await counted()).sort((a, b) => a - b)).toEqual([10, 100]);
  });

  it('is passed by key rotation: a purged file needs no old key, which can then retire', async () => {
    const books = await createTestBooks(api.db, 1);
    const platformId = books.platformId;
    await seedReportWithFiles(api.db, platformId, {
      kind: 'str',
      status: 'submitted',
      atMs: at('2014-03-01T00:00:00Z'),
    });
    const vault = personalDataVaultOf(api.db);
    const first = await rotateDataKeys(api.db, vault, { platformId, actor: 'test' });
    // Sealed file pieces are not re-encrypted: their version stays while they hold content.
    expect(first[0]).toMatchObject({ newVersion: 2, retiredVersions: [], rowsLeft: 0 });
    const run = await runRetention(api.db, SYSTEM, platformId, { dryRun: false });
    expect(run.reportFiles).toHaveLength(2);
    const purged = await storedFileRows(api.db, platformId);
    const second = await rotateDataKeys(api.db, vault, { platformId, actor: 'test' });
    expect(second[0]).toMatchObject({ newVersion: 3, retiredVersions: [1, 2], rowsLeft: 0 });
    expect(await storedFileRows(api.db, platformId)).toEqual(purged);
  });
});

describe('four-eyes', () => {
  it('lists the due files in the request and purges them only on a second approval', async () => {
    const platformId = api.books.platformId;
    const base = `/v1/platforms/${platformId}`;
    const staff = { key: api.books.staffKey };
    const due = await seedReportWithFiles(api.db, platformId, {
      kind: 'str',
      status: 'submitted',
      atMs: at('2014-05-01T00:00:00Z'),
    });
    await seedReportWithFiles(api.db, platformId, {
      kind: 'str',
      status: 'submitted',
      atMs: Date.now() - DAY_MS,
    });
    const dry = await api.call('POST', `${base}/retention/runs`, {
      ...staff,
      body: { dryRun: true },
    });
    expect(dry.status).toBe(200);
    expect((dry.body.reportFiles as DueReportFile[]).map(keyOf)).toEqual(keysOf(due));
    const requested = await api.call('POST', `${base}/retention/runs`, {
      ...staff,
      body: { dryRun: false, reason: 'retention period over for old filings' },
    });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ customers: [], reportFilesTruncated: false });
    expect((requested.body.reportFiles as DueReportFile[]).map(keyOf)).toEqual(keysOf(due));
    const approvalId = String(requested.body.approvalId);
    const unpurged = async () =>
      [...(await storedFileRows(api.db, platformId)).values()].filter((r) => r.purged_at === null);
    expect(await unpurged()).toHaveLength(4);
    const self = await api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      ...staff,
      body: { reason: 'looks right' },
    });
    expect(self.status).toBe(403);
    expect(await unpurged()).toHaveLength(4);
    const approved = await api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: secondOfficerKey,
      body: { reason: 'checked against the filings' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const rows = await storedFileRows(api.db, platformId);
    for (const key of keysOf(due))
      expect(rows.get(key)).toMatchObject({
        xml_sealed: null,
        purged_by: api.books.staff.id,
        purge_run_id: approvalId,
      });
    expect(await unpurged()).toHaveLength(2);
    const [audit] = await purgeAudits(platformId);
    expect(audit?.payload).toMatchObject({ runId: approvalId, approvalId, count: 2 });
    const carriedOut = await api.call('GET', `${base}/retention/runs/${approvalId}`, staff);
    expect(carriedOut.status).toBe(200);
    expect(carriedOut.body).toMatchObject({ trigger: 'approval', reportFilesPurged: 2 });
    expect(new Set((carriedOut.body.reportFiles as DueReportFile[]).map(keyOf))).toEqual(
      new Set(keysOf(due)),
    );
    const nothing = await api.call('POST', `${base}/retention/runs`, {
      ...staff,
      body: { dryRun: false, reason: 'again' },
    });
    expect(nothing.status).toBe(409);
    expect(String(nothing.body.detail)).toContain('no report file is due');
  });
});

const HOUR_MS = 3_600_000;
/** Runs purge no earlier than the files were stored (a CHECK holds it): after the seeding. */
const EARLIEST_RUN_MS = Date.now() + DAY_MS;
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The anniversary `years` on, 29 February kept as 1 March in a common year. */
function anniversaryUtc(atMs: number, years: number): Date {
  const from = new Date(atMs);
  const year = from.getUTCFullYear() + years;
  const leapDay = from.getUTCMonth() === 1 && from.getUTCDate() === 29 && !isLeapYear(year);
  const next = new Date(atMs);
  next.setUTCFullYear(year, leapDay ? 2 : from.getUTCMonth(), leapDay ? 1 : from.getUTCDate());
  return next;
}

interface RandomReport {
  kind: 'lvtr' | 'str';
  status: 'draft' | 'approved' | 'submitted' | 'withdrawn';
  dayMs: number;
  camlmac: 'file' | 'missing' | 'none';
}

/**
 * The rule, written out apart from the code: a large-value day is kept through the CST
 * calendar day `years` later and purged from the CST midnight after it; an STR from the
 * instant of its filing or withdrawal `years` on; never while approved and unfiled or a draft
 * STR.
 */
function expectedDueMs(report: RandomReport, years: number): number | null {
  if (report.status === 'approved') return null;
  if (report.kind === 'lvtr') {
    // The business day is the UTC date of `dayMs` (how the test names it), a CST calendar day;
    // its clock starts with the next CST day, whose date the anniversary keeps.
    const date = new Date(report.dayMs);
    const nextDay = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
    return anniversaryUtc(nextDay, years).getTime() - 8 * HOUR_MS;
  }
  if (report.status === 'draft') return null;
  // Years on the CST calendar: the anniversary of the CST date and time.
  return anniversaryUtc(report.dayMs + 8 * HOUR_MS, years).getTime() - 8 * HOUR_MS;
}

describe('property', () => {
  it('purges exactly the due files and keeps every row and hash, for any reports, policy and day', async () => {
    const report = fc
      .record({
        kind: fc.constantFrom('lvtr' as const, 'str' as const),
        status: fc.constantFrom(
          'draft' as const,
          'approved' as const,
          'submitted' as const,
          'withdrawn' as const,
        ),
        // Leap days, CST day ends and ordinary instants, 2016 to yesterday.
        dayMs: fc.oneof(
          fc.integer({ min: Date.UTC(2016, 0, 1), max: Date.now() - DAY_MS }),
          fc.constantFrom(
            Date.UTC(2016, 1, 29, 15, 59),
            Date.UTC(2020, 1, 29, 16),
            Date.UTC(2024, 1, 29, 23),
          ),
        ),
        camlmac: fc.constantFrom('file' as const, 'missing' as const, 'none' as const),
      })
      .filter((r) => r.kind === 'str' || r.status !== 'withdrawn');
    const policy = fc.record({
      jurisdictions: fc.subarray(['EU', 'UK', 'US'] as const),
      overrideYears: fc.option(fc.integer({ min: 10, max: 25 }), { nil: null }),
    });
    // The run's instant: near one report's due instant (a millisecond or days either side),
    // or anywhere in the next decades.
    const instant = fc.record({
      pivot: fc.nat(),
      offsetMs: fc.oneof(
        fc.constantFrom(-DAY_MS, -1, 0, 1, DAY_MS),
        fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }),
      ),
      anyMs: fc.integer({ min: EARLIEST_RUN_MS, max: Date.UTC(2052, 0, 1) }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(report, { minLength: 1, maxLength: 6 }),
        policy,
        instant,
        async (reports, chosen, when) => {
          const platformId = await newPlatform();
          const set = await api.db.transaction((tx) =>
            setRetentionPolicy(tx, 'test', platformId, {
              jurisdictions: ['CN', ...chosen.jurisdictions],
              retentionYearsOverride: chosen.overrideYears,
            }),
          );
          const years = chosen.overrideYears ?? 10;
          expect(set.retentionYears).toBe(years);
          const pivotDueMs = expectedDueMs(
            reports[when.pivot % reports.length] as RandomReport,
            years,
          );
          const nowMs = Math.max(
            EARLIEST_RUN_MS,
            pivotDueMs === null ? when.anyMs : pivotDueMs + when.offsetMs,
          );
          const expected = new Set<string>();
          for (const r of reports) {
            const seeded = await seedReportWithFiles(api.db, platformId, {
              kind: r.kind,
              status: r.status,
              businessDate: new Date(r.dayMs).toISOString().slice(0, 10),
              atMs: r.dayMs,
              camlmac: r.camlmac,
            });
            const dueMs = expectedDueMs(r, years);
            if (dueMs === null || dueMs > nowMs) continue;
            expected.add(`goaml:${seeded.approvalId}`);
            if (r.camlmac === 'file') expected.add(`camlmac:${seeded.approvalId}`);
          }
          const before = await storedFileRows(api.db, platformId);
          const dry = await runRetention(api.db, 'test', platformId, { dryRun: true, nowMs });
          expect(new Set(dry.reportFiles.map(keyOf))).toEqual(expected);
          expect(await storedFileRows(api.db, platformId)).toEqual(before);
          const run = await runRetention(api.db, 'test', platformId, { dryRun: false, nowMs });
          expect(new Set(run.reportFiles.map(keyOf))).toEqual(expected);
          const after = await storedFileRows(api.db, platformId);
          expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
          for (const [key, row] of after) {
            const was = before.get(key);
            expect(row.sha256, key).toBe(was?.sha256);
            expect(row.purged_at !== null, key).toBe(expected.has(key));
            expect(row.xml_sealed, key).toEqual(expected.has(key) ? null : was?.xml_sealed);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the daily compliance job', () => {
  // Last in this file: the job runs over every platform of the database at a late instant.
  it('purges due report files with the customers and counts them', async () => {
    const platformId = await newPlatform();
    const year = new Date().getUTCFullYear() + 3;
    const nowMs = Date.UTC(year, 0, 1);
    const due = await seedReportWithFiles(api.db, platformId, {
      kind: 'lvtr',
      status: 'submitted',
      businessDate: `${year - 12}-05-02`,
    });
    const kept = await seedReportWithFiles(api.db, platformId, {
      kind: 'lvtr',
      status: 'submitted',
      businessDate: `${year - 2}-05-02`,
    });
    const done = await runDailyCompliance(api.db, nowMs);
    const mine = done.find((entry) => entry.platformId === platformId);
    expect(mine?.retentionError).toBeUndefined();
    expect(mine?.purgedReportFiles).toBe(2);
    const rows = await storedFileRows(api.db, platformId);
    expect([...rows.keys()].sort()).toEqual([...keysOf(due), ...keysOf(kept)].sort());
    for (const key of keysOf(due)) expect(rows.get(key)?.purged_at, key).not.toBeNull();
    for (const key of keysOf(kept)) expect(rows.get(key)?.purged_at, key).toBeNull();
  });
});
