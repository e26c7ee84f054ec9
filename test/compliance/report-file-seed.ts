import { randomUUID } from 'node:crypto';
import { shareVault } from '../../src/complaints/sealed-text.js';
import { storeCamlmacOutcome } from '../../src/reports/camlmac/camlmac-files.js';
import { sha256Hex, storeReportFile } from '../../src/reports/report-files.js';
import { newId, type Database, type Queryable } from '../../src/store/index.js';

/** A report as the retention run sees it, written straight into the report tables. */
export interface SeededReportSpec {
  kind: 'lvtr' | 'str';
  status: 'draft' | 'approved' | 'submitted' | 'withdrawn';
  /** LVTR: its CST business day. */
  businessDate?: string;
  /** STR: when it was filed (status submitted) or withdrawn (status withdrawn). */
  atMs?: number;
  /** What the request stored for CAMLMAC: a file (default), missing fields, or no row. */
  camlmac?: 'file' | 'missing' | 'none';
  /** The request still awaits a decision (an open, unexpired approval). */
  openRequest?: boolean;
  /** Customers the stored version names: an STR's subjects, a large-value report's items. */
  customerIds?: readonly string[];
}

export interface SeededReport {
  reportId: string;
  /** The submission request: the id of both stored files. */
  approvalId: string;
  goamlSha256: string;
  camlmacSha256: string | null;
  /** A marker inside both files' XML: found nowhere once they are purged. */
  marker: string;
}

let partCounter = 0;

/**
 * A report with one submission request whose goAML (and CAMLMAC) file is stored sealed, as a
 * request stores it. The XML is a stand-in carrying a unique marker and a resident ID number.
 */
export async function seedReportWithFiles(
  db: Database,
  platformId: string,
  spec: SeededReportSpec,
): Promise<SeededReport> {
  const reportId = newId('rpt');
  const approvalId = newId('apr');
  const marker = `subject-${randomUUID()}`;
  const goamlXml = `<report><name>${marker}</name><ssn>11010519491231002X</ssn></report>`;
  const camlmacXml = `<BSTR><CTNM>${marker}</CTNM><CTID>11010519491231002X</CTID></BSTR>`;
  const camlmac = spec.camlmac ?? 'file';
  await db.transaction(async (tx) => {
    shareVault(db, tx);
    await insertReport(tx, platformId, reportId, spec);
    if (spec.openRequest === true) await insertOpenApproval(tx, platformId, approvalId);
    await storeReportFile(
      tx,
      platformId,
      {
        approvalId,
        reportId,
        version: 1,
        reportCode: spec.kind === 'lvtr' ? 'CTR' : 'STR',
        fileName: `${reportId}-v1-${spec.kind === 'lvtr' ? 'ctr' : 'str'}.xml`,
        sha256: sha256Hex(goamlXml),
        xml: goamlXml,
      },
      'test',
    );
    if (camlmac === 'none') return;
    const request = { approvalId, reportId, version: 1 };
    await storeCamlmacOutcome(
      tx,
      platformId,
      request,
      camlmac === 'missing'
        ? { file: null, missingFields: ['customer[cus_x].controller (a beneficial owner)'] }
        : {
            file: {
              reportId,
              version: 1,
              reportCode: 'BSTR',
              messageType: 'NBS',
              fileName: `NBSCUSTOSBANK-${reportId}-v1.xml`,
              sha256: sha256Hex(camlmacXml),
              xml: camlmacXml,
              stored: false,
            },
            missingFields: null,
          },
      'test',
    );
  });
  return {
    reportId,
    approvalId,
    goamlSha256: sha256Hex(goamlXml),
    camlmacSha256: camlmac === 'file' ? sha256Hex(camlmacXml) : null,
    marker,
  };
}

async function insertReport(
  tx: Queryable,
  platformId: string,
  reportId: string,
  spec: SeededReportSpec,
): Promise<void> {
  const at = spec.atMs === undefined ? null : new Date(spec.atMs).toISOString();
  const decided = spec.status === 'approved' || spec.status === 'submitted';
  partCounter += 1;
  await tx.query(
    `INSERT INTO reports (id, platform_id, kind, purpose, status, business_date, lvtr_part,
       current_version, deadline_date, submit_requested_by, approved_by, approved_version,
       approved_at, submitted_by, submitted_at, withdrawn_by, withdrawn_at, withdrawal_reason,
       created_by)
     VALUES ($1, $2, $3, 'new', $4, $5::date, $6, 1, current_date, $7, $8, $9, $10, $11, $12,
       $13, $14, $15, 'test')`,
    [
      reportId,
      platformId,
      spec.kind,
      spec.status,
      spec.kind === 'lvtr' ? (spec.businessDate ?? null) : null,
      spec.kind === 'lvtr' ? partCounter : null,
      decided ? 'officer-a' : null,
      decided ? 'officer-b' : null,
      decided ? 1 : null,
      decided ? (at ?? new Date().toISOString()) : null,
      spec.status === 'submitted' ? 'officer-b' : null,
      spec.status === 'submitted' ? (at ?? new Date().toISOString()) : null,
      spec.status === 'withdrawn' ? 'officer-a' : null,
      spec.status === 'withdrawn' ? (at ?? new Date().toISOString()) : null,
      spec.status === 'withdrawn' ? 'started by mistake' : null,
    ],
  );
  const named = (spec.customerIds ?? []).map((customerId) => ({ customerId }));
  const content =
    named.length === 0
      ? {}
      : spec.kind === 'str'
        ? { kind: 'str', subjects: named }
        : { kind: 'lvtr', items: named };
  await tx.query(
    `INSERT INTO report_versions (report_id, version, content, edited_by)
     VALUES ($1, 1, $2::jsonb, 'test')`,
    [reportId, JSON.stringify(content)],
  );
}

async function insertOpenApproval(
  tx: Queryable,
  platformId: string,
  approvalId: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO approvals (id, platform_id, action, payload, reason, requested_by, expires_at)
     VALUES ($1, $2, 'report.submit', '{}'::jsonb, 'file it', 'officer-a',
       now() + interval '3 days')`,
    [approvalId, platformId],
  );
}

/** Every stored file row of a platform, as the database holds it, keyed `format:approvalId`. */
export async function storedFileRows(
  db: Database,
  platformId: string,
): Promise<Map<string, StoredFileRow>> {
  const rows = await db.query<StoredFileRow & { key: string }>(
    `SELECT 'goaml:' || approval_id AS key, approval_id, report_id, file_name, sha256, size_bytes,
       xml_sealed, rendered_at, purged_at, purged_by, purge_run_id
     FROM report_files WHERE platform_id = $1
     UNION ALL
     SELECT 'camlmac:' || approval_id, approval_id, report_id, file_name, sha256, size_bytes,
       xml_sealed, rendered_at, purged_at, purged_by, purge_run_id
     FROM report_camlmac_files WHERE platform_id = $1`,
    [platformId],
  );
  return new Map(rows.map(({ key, ...row }) => [key, row]));
}

export interface StoredFileRow extends Record<string, unknown> {
  approval_id: string;
  report_id: string;
  file_name: string | null;
  sha256: string | null;
  size_bytes: number | null;
  xml_sealed: string[] | null;
  rendered_at: Date;
  purged_at: Date | null;
  purged_by: string | null;
  purge_run_id: string | null;
}
