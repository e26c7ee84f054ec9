import { createHash } from 'node:crypto';
import { failure, success, type Result } from '../custody/index.js';
import { personalDataVaultOf, type PersonalDataVault } from '../security/index.js';
import type { Queryable } from '../store/index.js';
import { resolveTransactions } from './export-sources.js';
import type { GoamlReportInput } from './goaml/goaml-input.js';
import { buildGoamlReport } from './goaml/goaml-report.js';
import { renderGoamlXml } from './goaml/goaml-xml.js';
import { LvtrContentSchema } from './lvtr-content.js';
import { loadReportingEntity } from './reporting-entity.js';
import { findReport, loadVersionContent, type ReportView } from './report-store.js';
import { StrContentSchema } from './str-content.js';

export interface ReportExport {
  reportId: string;
  version: number;
  reportCode: 'STR' | 'CTR';
  fileName: string;
  sha256: string;
  xml: string;
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
  clientIds: Set<string>;
}

function outlineOf(report: ReportView, content: unknown, indicator: string): Outline {
  if (report.kind === 'lvtr') {
    const lvtr = LvtrContentSchema.parse(content);
    const customers = new Set(lvtr.items.map((item) => item.customerId));
    return {
      reportCode: 'CTR',
      reason:
        `Large-value transactions of ${lvtr.businessDate} (PBOC Order [2016] No. 3 Art. 5): ` +
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

async function originalFiuRef(db: Queryable, report: ReportView): Promise<string | null> {
  if (report.originalReportId === null) return null;
  const original = await findReport(db, report.platformId, report.originalReportId);
  return original?.fiuRefNumber ?? null;
}

/**
 * A report version as goAML XML (STR, or CTR for a large-value day), or a refusal naming every
 * mandatory field that is missing. Inside a transaction, pass the database's `vault`: the
 * personal data vault is bound to the database handle, not to its transactions.
 */
export async function exportReportXml(
  db: Queryable,
  platformId: string,
  reportId: string,
  options: { version?: number; nowMs?: number; vault?: PersonalDataVault } = {},
): Promise<Result<ReportExport>> {
  const report = await findReport(db, platformId, reportId);
  if (report === null) return failure('not_found', `report ${reportId} not found`);
  const version = options.version ?? exportedVersion(report);
  if (version < 1 || version > report.currentVersion)
    return failure('not_found', `report ${reportId} has no version ${version}`);
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
  };
  const built = buildGoamlReport(input);
  if (!built.ok) return incomplete(built.missing, 'mandatory goAML fields are missing');
  const xml = renderGoamlXml(built.tree);
  return success({
    reportId: report.id,
    version,
    reportCode: outline.reportCode,
    fileName: `${report.id}-v${version}-${outline.reportCode.toLowerCase()}.xml`,
    sha256: createHash('sha256').update(xml, 'utf8').digest('hex'),
    xml,
  });
}

function incomplete<T>(fields: string[], why: string): Result<T> {
  return failure('validation_failed', `cannot export: ${why}: ${fields.join(', ')}`, {
    missingFields: fields,
  });
}
