import type { Queryable } from '../store/index.js';
import { REPORT_LIMITS } from './report-limits.js';
import {
  findReport,
  loadVersions,
  REPORT_COLUMNS,
  reportView,
  type ReportKind,
  type ReportStatus,
  type ReportView,
  type VersionRow,
} from './report-store.js';

export interface ReportFilter {
  kind?: ReportKind;
  status?: ReportStatus;
  overdue?: boolean;
  limit?: number;
  cursor?: string;
}

/** Reports of a platform, newest first, a page at a time. */
export async function listReports(
  db: Queryable,
  platformId: string,
  filter: ReportFilter,
  nowMs = Date.now(),
): Promise<{ items: ReportView[]; nextCursor: string | null }> {
  const limit = Math.min(filter.limit ?? 100, REPORT_LIMITS.listItemsMax);
  const rows = await db.query(
    `SELECT ${REPORT_COLUMNS} FROM reports
     WHERE platform_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR status = $3)
       AND ($4::text IS NULL OR id < $4)
     ORDER BY id DESC LIMIT $5`,
    [platformId, filter.kind ?? null, filter.status ?? null, filter.cursor ?? null, limit + 1],
  );
  const views = rows.map((row) => reportView(row, nowMs));
  const page = views.slice(0, limit);
  const items =
    filter.overdue === undefined ? page : page.filter((r) => r.overdue === filter.overdue);
  return { items, nextCursor: views.length > limit ? (page.at(-1)?.id ?? null) : null };
}

export interface ReportDetail {
  report: ReportView;
  content: unknown;
  versions: Omit<VersionRow, 'content'>[];
}

/** A report with one version's content (the latest by default) and its version history. */
export async function getReport(
  db: Queryable,
  platformId: string,
  reportId: string,
  version?: number,
): Promise<ReportDetail | null> {
  const report = await findReport(db, platformId, reportId);
  if (report === null) return null;
  const versions = await loadVersions(db, reportId);
  const wanted = version ?? report.currentVersion;
  const chosen = versions.find((v) => v.version === wanted);
  if (chosen === undefined) return null;
  return {
    report,
    content: chosen.content,
    versions: versions.map(({ content: _content, ...rest }) => rest),
  };
}
