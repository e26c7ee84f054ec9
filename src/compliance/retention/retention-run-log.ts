import { assert } from '../../assert.js';
import type { Queryable } from '../../store/index.js';
import { COMPLIANCE_LIMITS } from '../compliance-limits.js';
import { REPORT_FILE_FORMATS, type ReportFileFormat } from './report-file-retention.js';

/** Who started a retention execution: the daily job, or a second person's approval. */
export type RetentionRunTrigger = 'scheduled' | 'approval';

/** What identifies a run and who carried it out (migration 0024). */
export interface RetentionRunHeader {
  runId: string;
  platformId: string;
  trigger: RetentionRunTrigger;
  /** The daily job's actor, or the person who requested an approved execution. */
  actor: string;
  approval: { id: string; approvedBy: string } | null;
  retentionYears: number;
  ranAtMs: number;
}

/** A customer a run anonymized: its id and when it fell due, nothing personal. */
export interface AnonymizedCustomer {
  customerId: string;
  dueAt: string;
}

export interface RetentionRunSummary {
  runId: string;
  platformId: string;
  trigger: RetentionRunTrigger;
  actor: string;
  approvalId: string | null;
  approvedBy: string | null;
  retentionYears: number;
  ranAt: string;
  customersAnonymized: number;
  reportFilesPurged: number;
}

/** A stored report file a run purged: its row's metadata, never its content. */
export interface PurgedReportFile {
  fileId: string;
  format: ReportFileFormat;
  reportId: string;
  version: number;
  sha256: string;
  purgedAt: string;
}

export interface RetentionRunDetail extends RetentionRunSummary {
  customers: AnonymizedCustomer[];
  reportFiles: PurgedReportFile[];
}

/** The most runs one list returns. */
export const RETENTION_RUNS_LIST_MAX = 100;

/**
 * Adds what one transaction of a run did to the run's row, creating it on the run's first
 * work; call it in that transaction. Nothing done, nothing recorded.
 */
export async function recordRetentionWork(
  tx: Queryable,
  run: RetentionRunHeader,
  done: { customers: readonly AnonymizedCustomer[]; reportFilesPurged: number },
): Promise<void> {
  const customers = done.customers.map((c) => ({ customerId: c.customerId, dueAt: c.dueAt }));
  assert(done.reportFilesPurged >= 0, 'a run purges a count of files');
  if (customers.length === 0 && done.reportFilesPurged === 0) return;
  assert(
    (run.trigger === 'approval') === (run.approval !== null),
    'an approved run names its approval, and only it does',
  );
  await tx.query(
    `INSERT INTO retention_runs (id, platform_id, trigger, actor, approval_id, approved_by,
       retention_years, ran_at, customers, report_files_purged)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
     ON CONFLICT (id) DO UPDATE SET
       customers = retention_runs.customers || excluded.customers,
       report_files_purged = retention_runs.report_files_purged + excluded.report_files_purged`,
    [
      run.runId,
      run.platformId,
      run.trigger,
      run.actor,
      run.approval?.id ?? null,
      run.approval?.approvedBy ?? null,
      run.retentionYears,
      new Date(run.ranAtMs).toISOString(),
      JSON.stringify(customers),
      done.reportFilesPurged,
    ],
  );
}

interface RunRow extends Record<string, unknown> {
  id: string;
  platform_id: string;
  trigger: RetentionRunTrigger;
  actor: string;
  approval_id: string | null;
  approved_by: string | null;
  retention_years: number;
  ran_at: Date;
  customers_anonymized: number;
  report_files_purged: number;
}

const SUMMARY_COLUMNS = `id, platform_id, trigger, actor, approval_id, approved_by, retention_years,
  ran_at, jsonb_array_length(customers) AS customers_anonymized, report_files_purged`;

function summaryOf(row: RunRow): RetentionRunSummary {
  return {
    runId: row.id,
    platformId: row.platform_id,
    trigger: row.trigger,
    actor: row.actor,
    approvalId: row.approval_id,
    approvedBy: row.approved_by,
    retentionYears: Number(row.retention_years),
    ranAt: new Date(row.ran_at).toISOString(),
    customersAnonymized: Number(row.customers_anonymized),
    reportFilesPurged: Number(row.report_files_purged),
  };
}

/** The platform's retention runs, newest first, at most `limit` (≤ RETENTION_RUNS_LIST_MAX). */
export async function listRetentionRuns(
  db: Queryable,
  platformId: string,
  limit: number,
): Promise<RetentionRunSummary[]> {
  assert(
    Number.isInteger(limit) && limit >= 1 && limit <= RETENTION_RUNS_LIST_MAX,
    'a run list is bounded',
  );
  const rows = await db.query<RunRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM retention_runs WHERE platform_id = $1
     ORDER BY ran_at DESC, id DESC LIMIT $2`,
    [platformId, limit],
  );
  return rows.map(summaryOf);
}

interface PurgedRow extends Record<string, unknown> {
  format: ReportFileFormat;
  approval_id: string;
  report_id: string;
  version: number;
  sha256: string;
  purged_at: Date;
}

/**
 * One run with the customers it anonymized and the report files it purged (each file names
 * its run in its own row), or null when the platform has no such run.
 */
export async function getRetentionRun(
  db: Queryable,
  platformId: string,
  runId: string,
): Promise<RetentionRunDetail | null> {
  const rows = await db.query<RunRow & { customers: AnonymizedCustomer[] }>(
    `SELECT ${SUMMARY_COLUMNS}, customers FROM retention_runs WHERE platform_id = $1 AND id = $2`,
    [platformId, runId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  // A run purges at most one run's worth of files: the list is bounded by it.
  const files = await db.query<PurgedRow>(
    `SELECT 'goaml' AS format, approval_id, report_id, version, sha256, purged_at
       FROM report_files WHERE platform_id = $1 AND purge_run_id = $2
     UNION ALL
     SELECT 'camlmac', approval_id, report_id, version, sha256, purged_at
       FROM report_camlmac_files WHERE platform_id = $1 AND purge_run_id = $2
     ORDER BY purged_at, approval_id, format
     LIMIT $3`,
    [platformId, runId, COMPLIANCE_LIMITS.retentionReportFilesPerRunMax],
  );
  const summary = summaryOf(row);
  assert(
    files.length === summary.reportFilesPurged,
    `retention run ${runId}: the files naming it are the files it counted`,
  );
  return {
    ...summary,
    customers: row.customers.map((c) => ({ customerId: c.customerId, dueAt: c.dueAt })),
    reportFiles: files.map((file) => {
      assert(REPORT_FILE_FORMATS.includes(file.format), 'a known file format');
      return {
        fileId: file.approval_id,
        format: file.format,
        reportId: file.report_id,
        version: Number(file.version),
        sha256: file.sha256,
        purgedAt: new Date(file.purged_at).toISOString(),
      };
    }),
  };
}
