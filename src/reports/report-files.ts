import { createHash } from 'node:crypto';
import { assert } from '../assert.js';
import { CHUNK_CODE_POINTS, openText, sealText } from '../complaints/sealed-text.js';
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
 * The XML of a request's file in `table`, opened. Its bytes are checked against the stored
 * hash: a file that does not match is never handed out (the ciphertexts are bound to their
 * place, so this is a second line against a broken store, not the only one).
 */
export async function openReportXml(
  db: Queryable,
  table: ReportFileTable,
  platformId: string,
  file: { approvalId: string; sha256: string },
): Promise<string> {
  const rows = await db.query<{ xml_sealed: string[] | null }>(
    `SELECT xml_sealed FROM ${table} WHERE approval_id = $1 AND platform_id = $2`,
    [file.approvalId, platformId],
  );
  const sealed = rows[0]?.xml_sealed ?? [];
  assert(sealed.length > 0, `${table} ${file.approvalId} holds no file`);
  const xml = await openText(db, location(table, platformId, file.approvalId), sealed);
  assert(sha256Hex(xml) === file.sha256, `${table} ${file.approvalId} does not match its hash`);
  return xml;
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

type FileRow = {
  approval_id: string;
  report_id: string;
  version: number;
  report_code: 'STR' | 'CTR';
  file_name: string;
  sha256: string;
};

/** What is known of a stored file without opening it, or null when there is none. */
export async function findReportFile(
  db: Queryable,
  platformId: string,
  approvalId: string,
): Promise<Omit<ReportFile, 'xml'> | null> {
  const rows = await db.query<FileRow>(
    `SELECT approval_id, report_id, version, report_code, file_name, sha256 FROM report_files
     WHERE approval_id = $1 AND platform_id = $2`,
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
  };
}

/** A stored goAML file, opened and checked against its hash. */
export async function openReportFile(
  db: Queryable,
  platformId: string,
  approvalId: string,
): Promise<ReportFile | null> {
  const found = await findReportFile(db, platformId, approvalId);
  if (found === null) return null;
  return { ...found, xml: await openReportXml(db, 'report_files', platformId, found) };
}
