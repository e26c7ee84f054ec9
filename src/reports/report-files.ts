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

const location = (platformId: string, approvalId: string) => ({
  table: 'report_files',
  column: 'xml',
  recordId: approvalId,
  platformId,
});

/**
 * Stores the file of a submission request, sealed, in the requesting transaction. The vault
 * must be reachable from `tx` (`shareVault`).
 */
export async function storeReportFile(
  tx: Queryable,
  platformId: string,
  file: ReportFile,
  actor: string,
): Promise<void> {
  assert(sha256Hex(file.xml) === file.sha256, 'a stored file carries its own hash');
  const sealed = await sealText(
    tx,
    location(platformId, file.approvalId),
    file.xml,
    REPORT_FILE_CHUNKS_MAX,
  );
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
      Buffer.byteLength(file.xml, 'utf8'),
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

/**
 * A stored file, opened. Its bytes are checked against the stored hash: a file that does not
 * match is never handed out (the ciphertexts are bound to their place, so this is a second
 * line against a broken store, not the only one).
 */
export async function openReportFile(
  db: Queryable,
  platformId: string,
  approvalId: string,
): Promise<ReportFile | null> {
  const found = await findReportFile(db, platformId, approvalId);
  if (found === null) return null;
  const rows = await db.query<{ xml_sealed: string[] }>(
    'SELECT xml_sealed FROM report_files WHERE approval_id = $1',
    [approvalId],
  );
  const xml = await openText(db, location(platformId, approvalId), rows[0]?.xml_sealed ?? []);
  assert(sha256Hex(xml) === found.sha256, `report file ${approvalId} does not match its hash`);
  return { ...found, xml };
}
