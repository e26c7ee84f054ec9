import { appendAuditRecords, type AuditRecordInput } from '../../audit/audit-record-store.js';
import { assert } from '../../assert.js';
import { purgeReportFileContent, type ReportFileTable } from '../../reports/report-files.js';
import { lockPlatformRetention, reportFileHeldSql } from './retention-holds.js';
import type { Queryable } from '../../store/index.js';
import {
  addCstCalendarYears,
  reportRetainedFromMs,
  type ReportRetentionFacts,
} from './retention-period.js';
import type { RetentionPolicy } from './retention-policy-store.js';

/** The two stored file formats of a submission request (migrations 0019 and 0022). */
export const REPORT_FILE_FORMATS = ['goaml', 'camlmac'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

const TABLE_OF_FORMAT: Readonly<Record<ReportFileFormat, ReportFileTable>> = {
  goaml: 'report_files',
  camlmac: 'report_camlmac_files',
};

/** A stored report file whose retention has run out, named without its content. */
export interface DueReportFile {
  /** The submission request that stored the file: its row's key in the format's table. */
  fileId: string;
  format: ReportFileFormat;
  reportId: string;
  reportKind: 'lvtr' | 'str';
  version: number;
  sha256: string;
  /** When the report's retention clock started (`reportRetainedFromMs`). */
  retainedFrom: string;
  dueAt: string;
}

/** How an approval names a file: its format and its request. */
export interface ReportFileKey {
  format: ReportFileFormat;
  fileId: string;
}

const reportFileKeyText = (file: ReportFileKey): string => `${file.format}:${file.fileId}`;

interface CandidateRow extends Record<string, unknown> {
  format: ReportFileFormat;
  approval_id: string;
  report_id: string;
  version: number;
  sha256: string;
  kind: 'lvtr' | 'str';
  status: ReportRetentionFacts['status'];
  business_date: string | null;
  submitted_at: Date | null;
  withdrawn_at: Date | null;
  retained_from: Date;
}

// Files still holding content whose report's clock (retention-period.ts
// `reportRetainedFromMs`, mirrored in the CASE) started at least `years` ago, oldest first.
// A file whose submission request still awaits a decision is left alone: the approver decides
// on it. So is a held file (a hold on its report or on a customer its version names, or the
// case its report was filed from not closed) until released: $6 false; $6 true selects only
// the held files. The SQL counts years on its session's calendar (29 February back to the
// 28th), which may differ by a day from the CST calendar that decides (`addCstCalendarYears`), so it lets
// rows through two days early and TypeScript decides; since the due date grows with the
// clock's start, the rows it keeps are a prefix of this order.
const CANDIDATES = `WITH files AS (
    SELECT 'goaml' AS format, approval_id, report_id, version, sha256
    FROM report_files WHERE platform_id = $1 AND purged_at IS NULL
    UNION ALL
    SELECT 'camlmac', approval_id, report_id, version, sha256
    FROM report_camlmac_files
    WHERE platform_id = $1 AND purged_at IS NULL AND xml_sealed IS NOT NULL
  )
  SELECT s.* FROM (
    SELECT f.format, f.approval_id, f.report_id, f.version, f.sha256, r.kind, r.status,
      r.business_date::text AS business_date, r.submitted_at, r.withdrawn_at,
      CASE
        WHEN r.status = 'approved' THEN NULL
        WHEN r.kind = 'lvtr'
          THEN ((r.business_date + 1)::timestamp - interval '8 hours') AT TIME ZONE 'UTC'
        WHEN r.status = 'submitted' THEN r.submitted_at
        WHEN r.status = 'withdrawn' THEN r.withdrawn_at
      END AS retained_from
    FROM files f JOIN reports r ON r.id = f.report_id AND r.platform_id = $1
    WHERE NOT EXISTS (SELECT 1 FROM approvals a
                      WHERE a.id = f.approval_id AND a.status = 'open' AND a.expires_at > now())
      AND ${reportFileHeldSql('r', 'f')} = $6::boolean
      AND ($5::text[] IS NULL OR f.format || ':' || f.approval_id = ANY($5::text[]))) s
  WHERE s.retained_from <= $2::timestamptz + interval '2 days' - make_interval(years => $3::int)
  ORDER BY s.retained_from, s.approval_id, s.format
  LIMIT $4`;

const msOrNull = (at: Date | null): number | null => (at === null ? null : new Date(at).getTime());

/**
 * The stored report files whose retention has run out at `nowMs` under `retentionYears`,
 * oldest report first, at most `limit`; only those of `only` when given (an approved list).
 * Files of held reports are left out, or with `held` only they are listed.
 */
export async function findDueReportFiles(
  db: Queryable,
  platformId: string,
  retentionYears: number,
  nowMs: number,
  limit: number,
  only: readonly ReportFileKey[] | null = null,
  held = false,
): Promise<DueReportFile[]> {
  const rows = await db.query<CandidateRow>(CANDIDATES, [
    platformId,
    new Date(nowMs).toISOString(),
    retentionYears,
    limit,
    only === null ? null : only.map(reportFileKeyText),
    held,
  ]);
  const due: DueReportFile[] = [];
  for (const row of rows) {
    const facts: ReportRetentionFacts = {
      kind: row.kind,
      status: row.status,
      businessDate: row.business_date,
      submittedAtMs: msOrNull(row.submitted_at),
      withdrawnAtMs: msOrNull(row.withdrawn_at),
    };
    // The SQL's clock and this one are the same rule, written twice: they must agree.
    const fromMs = reportRetainedFromMs(facts);
    const sqlFromMs = new Date(row.retained_from).getTime();
    assert(fromMs === sqlFromMs, `report ${row.report_id}: the clock starts at one instant`);
    const dueMs = addCstCalendarYears(fromMs, retentionYears);
    if (dueMs > nowMs) continue;
    due.push({
      fileId: row.approval_id,
      format: row.format,
      reportId: row.report_id,
      reportKind: row.kind,
      version: Number(row.version),
      sha256: row.sha256,
      retainedFrom: new Date(fromMs).toISOString(),
      dueAt: new Date(dueMs).toISOString(),
    });
  }
  return due;
}

export interface ReportFilePurgeRun {
  actor: string;
  platformId: string;
  policy: RetentionPolicy;
  nowMs: number;
  /** The retention run's id, or the approval's id when an approval carries the purge out. */
  runId: string;
  /** Only these files (an approved list); all due files when absent. */
  only?: readonly ReportFileKey[];
  /** The four-eyes approval this run carries out, named in each audit record. */
  approval?: { id: string; approvedBy: string };
}

/**
 * Purges up to `batch` due report files in the caller's transaction, under the platform's
 * retention lock (holds are serialized with it): each is re-checked as due and not held at
 * `run.nowMs` and locked (rows another run holds are skipped), its sealed XML removed
 * and the purge recorded on its row; metadata and SHA-256 stay. One audit record per report
 * names the run, the files and how many, never their content. Returns the files purged and
 * how many were found due.
 */
export async function purgeDueReportFiles(
  tx: Queryable,
  run: ReportFilePurgeRun,
  batch: number,
): Promise<{ files: DueReportFile[]; scanned: number }> {
  const { platformId, policy, nowMs } = run;
  await lockPlatformRetention(tx, platformId);
  const found = await findDueReportFiles(
    tx,
    platformId,
    policy.retentionYears,
    nowMs,
    batch,
    run.only ?? null,
  );
  const stamp = { atMs: nowMs, by: run.actor, runId: run.runId };
  const purged = new Set<string>();
  for (const format of REPORT_FILE_FORMATS) {
    const table = TABLE_OF_FORMAT[format];
    const candidates = found.filter((file) => file.format === format);
    if (candidates.length === 0) continue;
    // Rows another run holds are skipped; rows it finished no longer hold content.
    const locked = await tx.query<{ approval_id: string }>(
      `SELECT approval_id FROM ${table} WHERE approval_id = ANY($1::text[]) AND purged_at IS NULL
       ORDER BY approval_id FOR UPDATE SKIP LOCKED`,
      [candidates.map((file) => file.fileId)],
    );
    const lockedIds = new Set(locked.map((row) => row.approval_id));
    const mine = candidates.filter((file) => lockedIds.has(file.fileId));
    const done = await purgeReportFileContent(
      tx,
      table,
      platformId,
      mine.map((file) => file.fileId),
      stamp,
    );
    assert(done.length === mine.length, `every locked ${format} file due is purged`);
    for (const file of mine) purged.add(reportFileKeyText(file));
  }
  // In the order they were found due, as a dry run lists them.
  const files = found.filter((file) => purged.has(reportFileKeyText(file)));
  await appendAuditRecords(tx, purgeAuditRecords(run, files));
  return { files, scanned: found.length };
}

/** One `report.files_purged` record per report, in the order the files were found. */
function purgeAuditRecords(run: ReportFilePurgeRun, files: DueReportFile[]): AuditRecordInput[] {
  const byReport = new Map<string, DueReportFile[]>();
  for (const file of files) {
    const listed = byReport.get(file.reportId);
    if (listed === undefined) byReport.set(file.reportId, [file]);
    else listed.push(file);
  }
  return [...byReport].map(([reportId, reportFiles]) => ({
    platformId: run.platformId,
    actor: run.actor,
    action: 'report.files_purged',
    subjectType: 'report',
    subjectId: reportId,
    payload: {
      reason: 'retention_expired',
      runId: run.runId,
      count: reportFiles.length,
      files: reportFiles.map((file) => ({
        fileId: file.fileId,
        format: file.format,
        version: file.version,
        sha256: file.sha256,
        retainedFrom: file.retainedFrom,
        dueAt: file.dueAt,
      })),
      retentionYears: run.policy.retentionYears,
      jurisdictions: run.policy.jurisdictions,
      ...(run.approval === undefined
        ? {}
        : { approvalId: run.approval.id, approvedBy: run.approval.approvedBy }),
    },
    atMs: run.nowMs,
  }));
}
