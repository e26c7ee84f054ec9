import { failure, success, type Result } from '../custody/index.js';
import { bindPersonalDataVault } from '../security/field-encryption/personal-data-vault.js';
import { personalDataVaultOf, type PersonalDataVault } from '../security/index.js';
import type { Queryable } from '../store/index.js';
import { resolveCustomers, resolveTransactions } from './export-sources.js';
import type { GoamlReportInput, GoamlTransaction, ResolvedCustomer } from './goaml/goaml-input.js';
import { buildGoamlReport } from './goaml/goaml-report.js';
import { renderGoamlXml } from './goaml/goaml-xml.js';
import { LvtrContentSchema } from './lvtr-content.js';
import { loadReportingEntity } from './reporting-entity.js';
import {
  openReportFile,
  purgedFileRefusal,
  sha256Hex,
  type OpenedReportFile,
  type ReportFile,
} from './report-files.js';
import { findReport, loadVersionContent, type ReportView } from './report-store.js';
import { StrContentSchema } from './str-content.js';
import { hasOpenSubmission } from './str-reports.js';

/** A report's goAML file as exported: the stored one, or one rendered now. */
export interface ReportExport extends Omit<ReportFile, 'approvalId'> {
  /**
   * True when these are the stored bytes of a submission request (the approved file, or the
   * one awaiting approval); false when rendered now from current data.
   */
  stored: boolean;
}

/** The version an export shows: the approved one once approved, else the latest draft. */
export function exportedVersion(report: ReportView): number {
  return report.approvedVersion ?? report.currentVersion;
}

function amendmentPrefix(report: ReportView, note: string | undefined): string {
  if (report.purpose === 'new') return '';
  const what = report.purpose === 'correction' ? 'Correction' : 'Deletion';
  return `${what} of report ${report.originalReportId ?? ''}${note === undefined ? '' : `: ${note}`}\n\n`;
}

interface Outline {
  reportCode: 'STR' | 'CTR';
  reason: string;
  action: string;
  indicators: string[];
  instructionIds: string[];
  /** The customers the report is about, in the order they were named. */
  clientIds: Set<string>;
}

function outlineOf(report: ReportView, content: unknown, indicator: string): Outline {
  if (report.kind === 'lvtr') {
    const lvtr = LvtrContentSchema.parse(content);
    const customers = new Set(lvtr.items.map((item) => item.customerId));
    // A busy day is filed as numbered parts: each file says which part of the day it is.
    const part = report.lvtrPart === null ? '' : `, part ${report.lvtrPart}`;
    return {
      reportCode: 'CTR',
      reason:
        `Large-value transactions of ${lvtr.businessDate}${part} (PBOC Order [2016] No. 3 Art. 5): ` +
        `${lvtr.items.length} customer totals at or above the threshold, ${customers.size} customers.`,
      action: '',
      indicators: [indicator],
      instructionIds: [...new Set(lvtr.items.flatMap((item) => item.instructionIds))],
      clientIds: customers,
    };
  }
  const str = StrContentSchema.parse(content);
  return {
    reportCode: 'STR',
    reason:
      str.reason.trim().length === 0 ? '' : amendmentPrefix(report, str.amendmentNote) + str.reason,
    action: str.action,
    indicators: str.indicators,
    instructionIds: str.transactions.map((t) => t.instructionId),
    clientIds: new Set(str.subjects.map((s) => s.customerId)),
  };
}

/** `-YYYY-MM-DD-partN` for a part of a large-value day, so that a day's files sort together. */
function partSuffix(report: ReportView): string {
  if (report.kind !== 'lvtr' || report.businessDate === null || report.lvtrPart === null) return '';
  return `-${report.businessDate}-part${report.lvtrPart}`;
}

async function originalFiuRef(db: Queryable, report: ReportView): Promise<string | null> {
  if (report.originalReportId === null) return null;
  const original = await findReport(db, report.platformId, report.originalReportId);
  return original?.fiuRefNumber ?? null;
}

/**
 * A report version as goAML XML (STR, or CTR for a large-value day), or a refusal naming every
 * mandatory field that is missing. The approved version of a report approved since migration
 * 0019 is the stored file, byte for byte; so is the version awaiting approval. Anything else
 * (drafts, reports approved before) is rendered from current data, dated `nowMs` (drafts) or
 * at approval. `fresh` renders even where a stored file exists. Inside a transaction, pass
 * the database's `vault`: the personal data vault is bound to the database handle, not to its
 * transactions.
 */
export async function exportReportXml(
  db: Queryable,
  platformId: string,
  reportId: string,
  options: { version?: number; nowMs?: number; vault?: PersonalDataVault; fresh?: boolean } = {},
): Promise<Result<ReportExport>> {
  const report = await findReport(db, platformId, reportId);
  if (report === null) return failure('not_found', `report ${reportId} not found`);
  const version = options.version ?? exportedVersion(report);
  if (version < 1 || version > report.currentVersion)
    return failure('not_found', `report ${reportId} has no version ${version}`);
  // Stored files and sealed profile fields are opened through the handle, maybe a transaction.
  if (options.vault !== undefined) bindPersonalDataVault(db, options.vault);
  if (options.fresh !== true) {
    const opened = await storedFile(db, report, version);
    if (opened?.purged === true) return purgedFileRefusal('goAML', opened.facts);
    if (opened?.purged === false)
      return success({
        reportId: report.id,
        version,
        reportCode: opened.file.reportCode,
        fileName: opened.file.fileName,
        sha256: opened.file.sha256,
        xml: opened.file.xml,
        stored: true,
      });
  }
  const entity = await loadReportingEntity(db, platformId);
  if (entity === null)
    return incomplete(['reportingEntity'], 'the reporting entity of this platform is not set');
  const outline = outlineOf(
    report,
    await loadVersionContent(db, reportId, version),
    entity.codes.indicator,
  );
  const sources = await resolveTransactions(
    db,
    options.vault ?? personalDataVaultOf(db),
    platformId,
    outline.instructionIds,
    outline.clientIds,
  );
  if (sources.unknownInstructionIds.length > 0)
    return incomplete(
      sources.unknownInstructionIds.map((id) => `transactions[${id}]`),
      'unknown instructions',
    );
  if (sources.unknownCurrencies.length > 0)
    return incomplete(
      sources.unknownCurrencies.map((c) => `fxRate[${c}]`),
      'no CNY rate',
    );
  const parties = await reportParties(
    db,
    options.vault ?? personalDataVaultOf(db),
    platformId,
    outline.clientIds,
    sources.transactions,
  );
  if (parties.unknown.length > 0)
    return incomplete(
      parties.unknown.map((id) => `subjects[${id}]`),
      'unknown customers',
    );
  const input: GoamlReportInput = {
    reportCode: outline.reportCode,
    entity,
    entityReference: `${report.id}-v${version}`,
    fiuRefNumber: await originalFiuRef(db, report),
    reportDateMs:
      report.approvedAt === null ? (options.nowMs ?? Date.now()) : Date.parse(report.approvedAt),
    reason: outline.reason,
    action: outline.action,
    indicators: outline.indicators,
    transactions: sources.transactions,
    reportParties: parties.customers,
  };
  const built = buildGoamlReport(input);
  if (!built.ok) return incomplete(built.missing, 'mandatory goAML fields are missing');
  const xml = renderGoamlXml(built.tree);
  return success({
    reportId: report.id,
    version,
    reportCode: outline.reportCode,
    fileName: `${report.id}-v${version}-${outline.reportCode.toLowerCase()}${partSuffix(report)}.xml`,
    sha256: sha256Hex(xml),
    xml,
    stored: false,
  });
}

/**
 * The customers a report is about that no listed transaction involves: goAML carries them as
 * report parties, so a subject is never left out of the file.
 */
async function reportParties(
  db: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  clientIds: ReadonlySet<string>,
  transactions: readonly GoamlTransaction[],
): Promise<{ customers: ResolvedCustomer[]; unknown: string[] }> {
  const listed = new Set<string>();
  for (const transaction of transactions)
    for (const side of [transaction.from, transaction.to])
      if (side.role === 'client') listed.add(side.customer.customerId);
  const ids = [...clientIds].filter((id) => !listed.has(id));
  const resolved = await resolveCustomers(db, vault, platformId, ids);
  return {
    customers: ids.flatMap((id) => resolved.get(id) ?? []),
    unknown: ids.filter((id) => !resolved.has(id)),
  };
}

/**
 * The submission request whose stored files (goAML, and CAMLMAC since migration 0022) an export
 * of `version` returns, or null: the approved request for the approved version, or, while a
 * submission awaits approval, the open request (what the approver decides on). The caller
 * checks that the stored file is of `version`.
 */
export async function storedFileRequest(
  db: Queryable,
  report: ReportView,
  version: number,
): Promise<string | null> {
  if (report.approvedFileId !== null && version === report.approvedVersion)
    return report.approvedFileId;
  if (report.status !== 'draft' || report.submitApprovalId === null) return null;
  if (!(await hasOpenSubmission(db, report.submitApprovalId))) return null;
  return report.submitApprovalId;
}

/**
 * The stored goAML file an export returns, if any, or the facts of its purge when the
 * retention run removed its content: the export then answers that, and renders nothing.
 */
async function storedFile(
  db: Queryable,
  report: ReportView,
  version: number,
): Promise<OpenedReportFile | null> {
  const approvalId = await storedFileRequest(db, report, version);
  if (approvalId === null) return null;
  const opened = await openReportFile(db, report.platformId, approvalId);
  if (opened === null) return null;
  const stored = opened.purged ? opened.facts : opened.file;
  return stored.version === version ? opened : null;
}

function incomplete<T>(fields: string[], why: string): Result<T> {
  return failure('validation_failed', `cannot export: ${why}: ${fields.join(', ')}`, {
    missingFields: fields,
  });
}
