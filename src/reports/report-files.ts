import { createHash } from 'node:crypto';
import { assert } from '../assert.js';
import { CHUNK_CODE_POINTS, openText, sealText } from '../complaints/sealed-text.js';
import { failure, type Result } from '../custody/index.js';
import type { Queryable } from '../store/index.js';

/**
 * Pieces one stored report file may have: a report lists at most 20,000 transactions of a few
 * kilobytes of XML each, well under this many pieces of `CHUNK_CODE_POINTS` code points.
 */
export const REPORT_FILE_CHUNKS_MAX = 100_000;
assert(REPORT_FILE_CHUNKS_MAX * CHUNK_CODE_POINTS >= 60_000_000, 'room for the largest report');

/** The goAML file a submission request put up for approval, as exported once approved. */
export interface ReportFile {
  approvalId: string;
  reportId: string;
  version: number;
  reportCode: 'STR' | 'CTR';
  fileName: string;
  sha256: string;
  xml: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The tables holding the files of submission requests: goAML (0019) and CAMLMAC (0022). */
export type ReportFileTable = 'report_files' | 'report_camlmac_files';

/**
 * When, by whom and in which run a stored file's content was purged under the retention
 * policy (migration 0023). The row, its metadata and its SHA-256 stay; the XML is gone.
 */
export interface ReportFilePurge {
  purgedAt: string;
  purgedBy: string;
  /** The retention run, or the `retention.execute` approval, that purged it. */
  purgeRunId: string;
}

type PurgeColumns = {
  purged_at: Date | null;
  purged_by: string | null;
  purge_run_id: string | null;
};

/** The purge recorded on a row, or null while the row holds its content. */
export function purgeOfRow(row: PurgeColumns): ReportFilePurge | null {
  if (row.purged_at === null) return null;
  // The migration's CHECK sets all three or none.
  assert(row.purged_by !== null, 'a purge names who purged');
  assert(row.purge_run_id !== null, 'a purge names its run');
  return {
    purgedAt: new Date(row.purged_at).toISOString(),
    purgedBy: row.purged_by,
    purgeRunId: row.purge_run_id,
  };
}

/**
 * The answer to an export of a purged file (410): it existed, it was filed or put up for
 * approval with this hash, and the retention policy removed its content on that day. Nothing
 * is rendered in its place: a file rendered now would not be the one approved.
 */
export function purgedFileRefusal<T>(
  standard: 'goAML' | 'CAMLMAC',
  file: { approvalId: string; fileName: string; sha256: string; purge: ReportFilePurge },
): Result<T> {
  const day = file.purge.purgedAt.slice(0, 10);
  return failure(
    'report_file_purged',
    `the stored ${standard} file ${file.fileName} was purged under the retention policy on ` +
      `${day} (${file.purge.purgeRunId}); its SHA-256 ${file.sha256} and the audit trail remain`,
    {
      approvalId: file.approvalId,
      fileName: file.fileName,
      sha256: file.sha256,
      purgedAt: file.purge.purgedAt,
      purgeRunId: file.purge.purgeRunId,
    },
  );
}

const location = (table: ReportFileTable, platformId: string, approvalId: string) => ({
  table,
  column: 'xml',
  recordId: approvalId,
  platformId,
});

/**
 * A request's file XML sealed for its row of `table`, with its size. The vault must be
 * reachable from `tx` (`shareVault`).
 */
export async function sealReportXml(
  tx: Queryable,
  table: ReportFileTable,
  platformId: string,
  file: { approvalId: string; sha256: string; xml: string },
): Promise<{ sealed: string[]; sizeBytes: number }> {
  assert(sha256Hex(file.xml) === file.sha256, 'a stored file carries its own hash');
  const sealed = await sealText(
    tx,
    location(table, platformId, file.approvalId),
    file.xml,
    REPORT_FILE_CHUNKS_MAX,
  );
  return { sealed, sizeBytes: Buffer.byteLength(file.xml, 'utf8') };
}

/**
 * The XML of a request's file in `table`, opened, or the purge that removed it. Content and
 * purge are read from one row in one statement, so a purge committing meanwhile is answered
 * as a purge. The bytes are checked against the stored hash: a file that does not match is
 * never handed out (the ciphertexts are bound to their place, so this is a second line against
 * a broken store, not the only one).
 */
export async function openReportXml(
  db: Queryable,
  table: ReportFileTable,
  platformId: string,
  file: { approvalId: string; sha256: string },
): Promise<{ xml: string; purge: null } | { xml: null; purge: ReportFilePurge }> {
  const rows = await db.query<PurgeColumns & { xml_sealed: string[] | null }>(
    `SELECT xml_sealed, purged_at, purged_by, purge_run_id FROM ${table}
     WHERE approval_id = $1 AND platform_id = $2`,
    [file.approvalId, platformId],
  );
  const row = rows[0];
  assert(row !== undefined, `${table} ${file.approvalId} exists`);
  const purge = purgeOfRow(row);
  if (purge !== null) return { xml: null, purge };
  const sealed = row.xml_sealed ?? [];
  assert(sealed.length > 0, `${table} ${file.approvalId} holds its file until purged`);
  const xml = await openText(db, location(table, platformId, file.approvalId), sealed);
  assert(sha256Hex(xml) === file.sha256, `${table} ${file.approvalId} does not match its hash`);
  return { xml, purge: null };
}

/** Stores the goAML file of a submission request, sealed, in the requesting transaction. */
export async function storeReportFile(
  tx: Queryable,
  platformId: string,
  file: ReportFile,
  actor: string,
): Promise<void> {
  const { sealed, sizeBytes } = await sealReportXml(tx, 'report_files', platformId, file);
  await tx.query(
    `INSERT INTO report_files (approval_id, platform_id, report_id, version, report_code,
       file_name, sha256, size_bytes, xml_sealed, rendered_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      file.approvalId,
      platformId,
      file.reportId,
      file.version,
      file.reportCode,
      file.fileName,
      file.sha256,
      sizeBytes,
      sealed,
      actor,
    ],
  );
}

type FileRow = PurgeColumns & {
  approval_id: string;
  report_id: string;
  version: number;
  report_code: 'STR' | 'CTR';
  file_name: string;
  sha256: string;
};

/** What is known of a stored goAML file without opening it. */
export interface ReportFileFacts extends Omit<ReportFile, 'xml'> {
  /** Null while the file holds its content. */
  purge: ReportFilePurge | null;
}

/** What is known of a stored file without opening it, or null when there is none. */
export async function findReportFile(
  db: Queryable,
  platformId: string,
  approvalId: string,
): Promise<ReportFileFacts | null> {
  const rows = await db.query<FileRow>(
    `SELECT approval_id, report_id, version, report_code, file_name, sha256, purged_at,
       purged_by, purge_run_id
     FROM report_files WHERE approval_id = $1 AND platform_id = $2`,
    [approvalId, platformId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return {
    approvalId: row.approval_id,
    reportId: row.report_id,
    version: Number(row.version),
    reportCode: row.report_code,
    fileName: row.file_name,
    sha256: row.sha256,
    purge: purgeOfRow(row),
  };
}

/** A stored goAML file whose content the retention run purged. */
export interface PurgedReportFile extends ReportFileFacts {
  purge: ReportFilePurge;
}

/** A stored goAML file: opened and checked against its hash, or the facts of its purge. */
export type OpenedReportFile =
  { purged: false; file: ReportFile } | { purged: true; facts: PurgedReportFile };

/** A stored goAML file, opened and checked against its hash, unless it was purged. */
export async function openReportFile(
  db: Queryable,
  platformId: string,
  approvalId: string,
): Promise<OpenedReportFile | null> {
  const found = await findReportFile(db, platformId, approvalId);
  if (found === null) return null;
  const { purge: _purge, ...facts } = found;
  const opened = await openReportXml(db, 'report_files', platformId, facts);
  if (opened.purge !== null) return { purged: true, facts: { ...facts, purge: opened.purge } };
  return { purged: false, file: { ...facts, xml: opened.xml } };
}

/** Who purges stored files, when, and in which run. */
export interface ReportFilePurgeStamp {
  atMs: number;
  by: string;
  runId: string;
}

/**
 * Clears the content of the stored files of `approvalIds` in `table` and records the purge,
 * in the caller's transaction (migration 0023's trigger allows exactly this change, once).
 * Only rows of `platformId` that still hold content change; returns their ids. The caller
 * decides which files are due and locks them first.
 */
export async function purgeReportFileContent(
  tx: Queryable,
  table: ReportFileTable,
  platformId: string,
  approvalIds: readonly string[],
  stamp: ReportFilePurgeStamp,
): Promise<string[]> {
  assert(stamp.by.length > 0, 'a purge names who purges');
  assert(stamp.runId.length > 0, 'a purge names its run');
  if (approvalIds.length === 0) return [];
  const rows = await tx.query<{ approval_id: string }>(
    `UPDATE ${table} SET xml_sealed = NULL, purged_at = $3, purged_by = $4, purge_run_id = $5
     WHERE platform_id = $1 AND approval_id = ANY($2::text[])
       AND purged_at IS NULL AND xml_sealed IS NOT NULL
     RETURNING approval_id`,
    [platformId, [...approvalIds], new Date(stamp.atMs).toISOString(), stamp.by, stamp.runId],
  );
  assert(rows.length <= approvalIds.length, 'a purge changes only the files it names');
  return rows.map((row) => row.approval_id);
}
