import { assert } from '../../assert.js';
import { failure, success, type Result } from '../../custody/index.js';
import type { Queryable } from '../../store/index.js';
import { storedFileRequest } from '../report-export.js';
import {
  openReportXml,
  purgedFileRefusal,
  purgeOfRow,
  sealReportXml,
  type ReportFilePurge,
} from '../report-files.js';
import { REPORT_LIMITS } from '../report-limits.js';
import type { ReportView } from '../report-store.js';
import type { CamlmacExport } from './camlmac-export.js';

/** The CAMLMAC file of a submission request, without its XML. */
export interface CamlmacFileFacts {
  reportCode: 'HVTR' | 'BSTR';
  messageType: string;
  fileName: string;
  sha256: string;
}

/**
 * What a submission request keeps of CAMLMAC (migration 0022): the file rendered at the
 * request, or, when CAMLMAC could not be rendered, the mandatory fields that were missing.
 */
export type CamlmacOutcome =
  { file: CamlmacExport; missingFields: null } | { file: null; missingFields: string[] };

/** How the approval's payload and the audit records name a request's CAMLMAC outcome. */
export type CamlmacSummary = { sha256: string; fileName: string } | { missingFields: string[] };

/**
 * The outcome of rendering CAMLMAC at a submission request. A refusal for missing mandatory
 * fields does not refuse the request (goAML alone can be filed): it is kept as the outcome, its
 * first field names only. Any other refusal passes through.
 */
export function camlmacOutcomeOf(rendered: Result<CamlmacExport>): Result<CamlmacOutcome> {
  if (rendered.ok) return success({ file: rendered.value, missingFields: null });
  const named = rendered.error.detail?.missingFields;
  if (rendered.error.code !== 'validation_failed' || !Array.isArray(named)) return rendered;
  assert(named.length > 0, 'a refusal for missing fields names one');
  const missingFields = named.slice(0, REPORT_LIMITS.camlmacMissingFieldsKeptMax).map(String);
  return success({ file: null, missingFields });
}

export function camlmacSummaryOf(outcome: CamlmacOutcome): CamlmacSummary {
  if (outcome.file === null) return { missingFields: outcome.missingFields };
  return { sha256: outcome.file.sha256, fileName: outcome.file.fileName };
}

/**
 * Stores a request's CAMLMAC outcome in the requesting transaction, after its goAML file: the
 * file sealed, or the missing field names. The vault must be reachable from `tx`.
 */
export async function storeCamlmacOutcome(
  tx: Queryable,
  platformId: string,
  request: { approvalId: string; reportId: string; version: number },
  outcome: CamlmacOutcome,
  actor: string,
): Promise<void> {
  const { file } = outcome;
  assert(file === null || file.reportId === request.reportId, 'the file is of the report');
  assert(file === null || file.version === request.version, 'the file is of the version');
  const sealed =
    file === null
      ? null
      : await sealReportXml(tx, 'report_camlmac_files', platformId, {
          approvalId: request.approvalId,
          sha256: file.sha256,
          xml: file.xml,
        });
  await tx.query(
    `INSERT INTO report_camlmac_files (approval_id, platform_id, report_id, version, report_code,
       message_type, file_name, sha256, size_bytes, xml_sealed, missing_fields, rendered_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      request.approvalId,
      platformId,
      request.reportId,
      request.version,
      file?.reportCode ?? null,
      file?.messageType ?? null,
      file?.fileName ?? null,
      file?.sha256 ?? null,
      sealed?.sizeBytes ?? null,
      sealed?.sealed ?? null,
      outcome.missingFields,
      actor,
    ],
  );
}

/** A request's CAMLMAC row, without the XML. */
export interface StoredCamlmac {
  approvalId: string;
  reportId: string;
  version: number;
  /** Null when CAMLMAC could not be rendered at the request. */
  file: CamlmacFileFacts | null;
  /** The missing mandatory fields when there is no file; empty otherwise. */
  missingFields: string[];
  /** Set once the retention run purged the file's content (migration 0023); null otherwise. */
  purge: ReportFilePurge | null;
}

type CamlmacRow = {
  approval_id: string;
  report_id: string;
  version: number;
  report_code: 'HVTR' | 'BSTR' | null;
  message_type: string | null;
  file_name: string | null;
  sha256: string | null;
  missing_fields: string[] | null;
  purged_at: Date | null;
  purged_by: string | null;
  purge_run_id: string | null;
};

/** A request's CAMLMAC row, or null for a request made before migration 0022. */
export async function findStoredCamlmac(
  db: Queryable,
  platformId: string,
  approvalId: string,
): Promise<StoredCamlmac | null> {
  const rows = await db.query<CamlmacRow>(
    `SELECT approval_id, report_id, version, report_code, message_type, file_name, sha256,
       missing_fields, purged_at, purged_by, purge_run_id
     FROM report_camlmac_files WHERE approval_id = $1 AND platform_id = $2`,
    [approvalId, platformId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  // The table's CHECK holds the file's columns all set or all null.
  const { report_code: reportCode, message_type: messageType, file_name: fileName, sha256 } = row;
  const file =
    reportCode !== null && messageType !== null && fileName !== null && sha256 !== null
      ? { reportCode, messageType, fileName, sha256 }
      : null;
  return {
    approvalId: row.approval_id,
    reportId: row.report_id,
    version: Number(row.version),
    file,
    missingFields: row.missing_fields ?? [],
    purge: purgeOfRow(row),
  };
}

/**
 * Why an approval must not promote the request's CAMLMAC row, or null when it matches what
 * the payload names. A payload without `camlmac` is a request made before migration 0022.
 */
export async function camlmacMismatch(
  tx: Queryable,
  platformId: string,
  approvalId: string,
  named: { reportId: string; version: number; camlmac?: CamlmacSummary | undefined },
): Promise<string | null> {
  if (named.camlmac === undefined) return null;
  const stored = await findStoredCamlmac(tx, platformId, approvalId);
  if (stored === null) return 'the request has no stored CAMLMAC outcome: reject it and ask again';
  if (stored.reportId !== named.reportId || stored.version !== named.version)
    return 'the stored CAMLMAC file is not of the version the request names';
  const sha256 = 'sha256' in named.camlmac ? named.camlmac.sha256 : null;
  if ((stored.file?.sha256 ?? null) !== sha256)
    return 'the stored CAMLMAC file is not the one the request names';
  if (stored.purge !== null)
    return 'the stored CAMLMAC file was purged under the retention policy: reject it and ask again';
  return null;
}

/**
 * The CAMLMAC export of `version` from a submission request's stored row, or null when there
 * is none to return (no request applies, or it was made before migration 0022): the stored
 * file byte for byte, or, when CAMLMAC could not be rendered at the request, a refusal naming
 * the fields that were missing, since no CAMLMAC file was put up for approval. A file the
 * retention run purged is answered as purged (`report_file_purged`), never rendered again.
 */
export async function storedCamlmacExport(
  db: Queryable,
  report: ReportView,
  version: number,
): Promise<Result<CamlmacExport> | null> {
  const approvalId = await storedFileRequest(db, report, version);
  if (approvalId === null) return null;
  const stored = await findStoredCamlmac(db, report.platformId, approvalId);
  if (stored === null || stored.version !== version) return null;
  if (stored.file === null) return withoutFile(report, stored);
  const opened = await openReportXml(db, 'report_camlmac_files', report.platformId, {
    approvalId,
    sha256: stored.file.sha256,
  });
  if (opened.purge !== null)
    return purgedFileRefusal('CAMLMAC', { approvalId, ...stored.file, purge: opened.purge });
  return success({ reportId: report.id, version, ...stored.file, xml: opened.xml, stored: true });
}

function withoutFile(report: ReportView, stored: StoredCamlmac): Result<CamlmacExport> {
  const fields = stored.missingFields.join(', ');
  const message =
    stored.approvalId === report.approvedFileId
      ? `no CAMLMAC file was approved: mandatory CAMLMAC fields were missing when submission ` +
        `was asked for (${fields}); the approved goAML file is exported`
      : `the submission request awaiting approval has no CAMLMAC file: mandatory CAMLMAC ` +
        `fields were missing (${fields}); reject it and ask again once they are complete`;
  return failure('invalid_state', message, {
    approvalId: stored.approvalId,
    missingFields: stored.missingFields,
  });
}
