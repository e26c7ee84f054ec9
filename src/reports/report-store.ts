import { appendAuditRecords } from '../audit/audit-record-store.js';
import { assert } from '../assert.js';
import type { Queryable } from '../store/index.js';
import { cstDayOfMs, epochDayOfIso } from './cst-day.js';
import { REPORT_LIMITS } from './report-limits.js';

export type ReportKind = 'lvtr' | 'str';
export type ReportPurpose = 'new' | 'correction' | 'deletion';
export type ReportStatus = 'draft' | 'approved' | 'submitted' | 'withdrawn';

export interface ReportView {
  id: string;
  platformId: string;
  kind: ReportKind;
  purpose: ReportPurpose;
  originalReportId: string | null;
  status: ReportStatus;
  overdue: boolean;
  businessDate: string | null;
  /** LVTR: which of its day's reports this is (1-based); null for an STR. */
  lvtrPart: number | null;
  strDraftId: string | null;
  caseId: string | null;
  currentVersion: number;
  deadlineDate: string;
  submitApprovalId: string | null;
  submitRequestedBy: string | null;
  approvedBy: string | null;
  approvedVersion: number | null;
  approvedAt: string | null;
  /** The submission request whose stored file was approved; null before migration 0019. */
  approvedFileId: string | null;
  /** SHA-256 of the approved file: the bytes the export returns and the FIU receives. */
  approvedSha256: string | null;
  /**
   * SHA-256 of the approved CAMLMAC file (migration 0022); null for a report approved before,
   * or whose request could not render CAMLMAC.
   */
  approvedCamlmacSha256: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  fiuRefNumber: string | null;
  /** Who withdrew the report, when and why (status `withdrawn`); null otherwise. */
  withdrawnBy: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * SQL, over a row of `reports`: a large-value part whose current version lists no items (a
 * re-run needing fewer parts left it so). It has nothing to file and is never overdue.
 */
export const LVTR_NOTHING_TO_FILE = `(reports.kind = 'lvtr' AND COALESCE((
    SELECT jsonb_array_length(v.content -> 'items') FROM report_versions v
    WHERE v.report_id = reports.id AND v.version = reports.current_version), 0) = 0)`;

export const REPORT_COLUMNS = `id, platform_id, kind, purpose, original_report_id, status,
  to_char(business_date, 'YYYY-MM-DD') AS business_date, lvtr_part, str_draft_id, case_id,
  current_version, to_char(deadline_date, 'YYYY-MM-DD') AS deadline_date, submit_approval_id,
  submit_requested_by,
  approved_by, approved_version, approved_at, approved_file_id,
  (SELECT f.sha256 FROM report_files f WHERE f.approval_id = reports.approved_file_id)
    AS approved_sha256,
  (SELECT c.sha256 FROM report_camlmac_files c WHERE c.approval_id = reports.approved_file_id)
    AS approved_camlmac_sha256,
  submitted_by, submitted_at, fiu_ref_number, withdrawn_by, withdrawn_at, withdrawal_reason,
  created_by, created_at, updated_at,
  ${LVTR_NOTHING_TO_FILE} AS nothing_to_file`;

const iso = (value: unknown) => (value === null ? null : new Date(value as string).toISOString());
const text = (value: unknown) => (value === null ? null : String(value));

/** A report still to be filed is overdue past its deadline (CST); a withdrawn one is not. */
export function isOverdue(status: ReportStatus, deadlineDate: string, nowMs: number): boolean {
  const unfiled = status === 'draft' || status === 'approved';
  return unfiled && cstDayOfMs(nowMs) > epochDayOfIso(deadlineDate);
}

export function reportView(row: Record<string, unknown>, nowMs = Date.now()): ReportView {
  const status = row.status as ReportStatus;
  const deadlineDate = String(row.deadline_date);
  return {
    id: String(row.id),
    platformId: String(row.platform_id),
    kind: row.kind as ReportKind,
    purpose: row.purpose as ReportPurpose,
    originalReportId: text(row.original_report_id),
    status,
    overdue: row.nothing_to_file !== true && isOverdue(status, deadlineDate, nowMs),
    businessDate: text(row.business_date),
    lvtrPart: row.lvtr_part === null || row.lvtr_part === undefined ? null : Number(row.lvtr_part),
    strDraftId: text(row.str_draft_id),
    caseId: text(row.case_id),
    currentVersion: Number(row.current_version),
    deadlineDate,
    submitApprovalId: text(row.submit_approval_id),
    submitRequestedBy: text(row.submit_requested_by),
    approvedBy: text(row.approved_by),
    approvedVersion: row.approved_version === null ? null : Number(row.approved_version),
    approvedAt: iso(row.approved_at),
    approvedFileId: text(row.approved_file_id),
    approvedSha256: text(row.approved_sha256),
    approvedCamlmacSha256: text(row.approved_camlmac_sha256),
    submittedBy: text(row.submitted_by),
    submittedAt: iso(row.submitted_at),
    fiuRefNumber: text(row.fiu_ref_number),
    withdrawnBy: text(row.withdrawn_by),
    withdrawnAt: iso(row.withdrawn_at),
    withdrawalReason: text(row.withdrawal_reason),
    createdBy: String(row.created_by),
    createdAt: iso(row.created_at) ?? '',
    updatedAt: iso(row.updated_at) ?? '',
  };
}

export async function findReport(
  db: Queryable,
  platformId: string,
  reportId: string,
  lock = false,
): Promise<ReportView | null> {
  const rows = await db.query(
    `SELECT ${REPORT_COLUMNS} FROM reports WHERE id = $1 AND platform_id = $2
     ${lock ? 'FOR UPDATE' : ''}`,
    [reportId, platformId],
  );
  return rows[0] === undefined ? null : reportView(rows[0]);
}

export interface NewReport {
  id: string;
  platformId: string;
  kind: ReportKind;
  purpose: ReportPurpose;
  originalReportId: string | null;
  businessDate: string | null;
  /** LVTR: the part of its day (1-based); STRs leave it out. */
  lvtrPart?: number;
  strDraftId: string | null;
  caseId: string | null;
  deadlineDate: string;
  content: unknown;
  actor: string;
}

export async function insertReport(tx: Queryable, report: NewReport): Promise<void> {
  await tx.query(
    `INSERT INTO reports (id, platform_id, kind, purpose, original_report_id, status,
       business_date, str_draft_id, case_id, current_version, deadline_date, created_by, lvtr_part)
     VALUES ($1, $2, $3, $4, $5, 'draft', $6::date, $7, $8, 1, $9::date, $10, $11)`,
    [
      report.id,
      report.platformId,
      report.kind,
      report.purpose,
      report.originalReportId,
      report.businessDate,
      report.strDraftId,
      report.caseId,
      report.deadlineDate,
      report.actor,
      report.lvtrPart ?? null,
    ],
  );
  await insertVersion(tx, report.id, 1, report.content, report.actor, null);
  await reportAudit(tx, report.actor, report.platformId, 'report.created', report.id, {
    kind: report.kind,
    purpose: report.purpose,
    originalReportId: report.originalReportId,
    businessDate: report.businessDate,
    ...(report.lvtrPart === undefined ? {} : { lvtrPart: report.lvtrPart }),
    strDraftId: report.strDraftId,
  });
}

async function insertVersion(
  tx: Queryable,
  reportId: string,
  version: number,
  content: unknown,
  actor: string,
  note: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO report_versions (report_id, version, content, note, edited_by)
     VALUES ($1, $2, $3, $4, $5)`,
    [reportId, version, JSON.stringify(content), note, actor],
  );
}

/** Adds the next version of a draft the caller has locked. */
export async function appendVersion(
  tx: Queryable,
  report: ReportView,
  content: unknown,
  actor: string,
  note: string | null,
): Promise<number> {
  assert(report.status === 'draft', 'only drafts take new versions');
  const version = report.currentVersion + 1;
  assert(version <= REPORT_LIMITS.versionsMax, 'version limit checked by the caller');
  await insertVersion(tx, report.id, version, content, actor, note);
  await tx.query('UPDATE reports SET current_version = $2, updated_at = now() WHERE id = $1', [
    report.id,
    version,
  ]);
  await reportAudit(tx, actor, report.platformId, 'report.edited', report.id, { version, note });
  return version;
}

export interface VersionRow {
  version: number;
  content: unknown;
  note: string | null;
  editedBy: string;
  editedAt: string;
}

export async function loadVersions(db: Queryable, reportId: string): Promise<VersionRow[]> {
  const rows = await db.query<{
    version: number;
    content: unknown;
    note: string | null;
    edited_by: string;
    edited_at: Date;
  }>(
    `SELECT version, content, note, edited_by, edited_at FROM report_versions
     WHERE report_id = $1 ORDER BY version`,
    [reportId],
  );
  return rows.map((row) => ({
    version: Number(row.version),
    content: row.content,
    note: row.note,
    editedBy: row.edited_by,
    editedAt: new Date(row.edited_at).toISOString(),
  }));
}

export async function loadVersionContent(
  db: Queryable,
  reportId: string,
  version: number,
): Promise<unknown> {
  const rows = await db.query<{ content: unknown }>(
    'SELECT content FROM report_versions WHERE report_id = $1 AND version = $2',
    [reportId, version],
  );
  assert(rows[0] !== undefined, `report ${reportId} has version ${version}`);
  return rows[0].content;
}

export async function reportAudit(
  tx: Queryable,
  actor: string,
  platformId: string,
  action: string,
  reportId: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action,
      subjectType: 'report',
      subjectId: reportId,
      payload,
      atMs: Date.now(),
    },
  ]);
}
