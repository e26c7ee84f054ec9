import { listBeneficialOwners } from '../../customer-risk/index.js';
import { failure, success, type Result } from '../../custody/index.js';
import { bindPersonalDataVault } from '../../security/field-encryption/personal-data-vault.js';
import { personalDataVaultOf, type PersonalDataVault } from '../../security/index.js';
import type { Queryable } from '../../store/index.js';
import { resolveCustomers, resolveTransactions } from '../export-sources.js';
import type { GoamlTransaction } from '../goaml/goaml-input.js';
import { LvtrContentSchema } from '../lvtr-content.js';
import { exportedVersion } from '../report-export.js';
import { sha256Hex } from '../report-files.js';
import { findReport, loadVersionContent, type ReportView } from '../report-store.js';
import { loadReportingEntity } from '../reporting-entity.js';
import { StrContentSchema } from '../str-content.js';
import { CAMLMAC_CODES_DEFAULT, messageTypeOf, type CamlmacCodes } from './camlmac-codes.js';
import type { CamlmacInput, CamlmacSubject } from './camlmac-input.js';
import { storedCamlmacExport } from './camlmac-files.js';
import { buildCamlmacReport } from './camlmac-report.js';
import { renderCamlmacXml } from './camlmac-xml.js';

export interface CamlmacExport {
  reportId: string;
  version: number;
  reportCode: 'HVTR' | 'BSTR';
  messageType: string;
  fileName: string;
  sha256: string;
  xml: string;
  /**
   * True when these are the stored bytes of a submission request (the approved file, or the
   * one awaiting approval); false when rendered now from current data.
   */
  stored: boolean;
}

interface CamlmacOptions {
  version?: number;
  nowMs?: number;
  vault?: PersonalDataVault;
  codes?: CamlmacCodes;
  fresh?: boolean;
}

function incomplete<T>(fields: string[], why: string): Result<T> {
  return failure('validation_failed', `cannot export: ${why}: ${fields.join(', ')}`, {
    missingFields: fields,
  });
}

async function subjectsOf(
  db: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  customerIds: readonly string[],
): Promise<Map<string, CamlmacSubject>> {
  const customers = await resolveCustomers(db, vault, platformId, customerIds);
  const subjects = new Map<string, CamlmacSubject>();
  for (const [id, customer] of customers) {
    const owners =
      customer.kind === 'entity' ? await listBeneficialOwners(db, vault, platformId, id) : [];
    subjects.set(id, {
      customer,
      controllers: owners
        .filter((o) => o.isUbo)
        .map((o) => ({
          name: o.name,
          nationality: o.nationality,
          ownershipPercent: o.ownershipPercent,
        })),
    });
  }
  return subjects;
}

async function originalReference(db: Queryable, report: ReportView): Promise<string | null> {
  if (report.originalReportId === null) return null;
  return (await findReport(db, report.platformId, report.originalReportId))?.fiuRefNumber ?? null;
}

/**
 * A report version as a CAMLMAC-style message: HVTR for a large-value day, BSTR for a
 * suspicious transaction report; or a refusal naming every mandatory field that is missing.
 * As for goAML (`exportReportXml`), the approved version of a report asked for submission since
 * migration 0022 is the file stored at the request, byte for byte, and so is the version
 * awaiting approval; a request that could not render CAMLMAC stored no file, and its export is
 * refused with the fields that were missing. Anything else (drafts, reports asked for before)
 * is rendered from current data, dated `nowMs` (drafts) or at approval. `fresh` renders even
 * where a stored file exists. Inside a transaction, pass the database's `vault`.
 */
export async function exportReportCamlmac(
  db: Queryable,
  platformId: string,
  reportId: string,
  options: CamlmacOptions = {},
): Promise<Result<CamlmacExport>> {
  const report = await findReport(db, platformId, reportId);
  if (report === null) return failure('not_found', `report ${reportId} not found`);
  const version = options.version ?? exportedVersion(report);
  if (version < 1 || version > report.currentVersion)
    return failure('not_found', `report ${reportId} has no version ${version}`);
  // Stored files are opened through the handle, maybe a transaction.
  if (options.vault !== undefined) bindPersonalDataVault(db, options.vault);
  if (options.fresh !== true) {
    const stored = await storedCamlmacExport(db, report, version);
    if (stored !== null) return stored;
  }
  return renderCamlmac(db, report, version, options);
}

async function renderCamlmac(
  db: Queryable,
  report: ReportView,
  version: number,
  options: CamlmacOptions,
): Promise<Result<CamlmacExport>> {
  const { platformId, id: reportId } = report;
  const entity = await loadReportingEntity(db, platformId);
  if (entity === null)
    return incomplete(['reportingEntity'], 'the reporting entity of this platform is not set');
  const vault = options.vault ?? personalDataVaultOf(db);
  const content = await loadVersionContent(db, reportId, version);
  const lvtr = report.kind === 'lvtr' ? LvtrContentSchema.parse(content) : null;
  const str = report.kind === 'str' ? StrContentSchema.parse(content) : null;
  const instructionIds =
    lvtr !== null
      ? [...new Set(lvtr.items.flatMap((i) => i.instructionIds))]
      : (str?.transactions.map((t) => t.instructionId) ?? []);
  const clientIds = new Set(
    lvtr !== null
      ? lvtr.items.map((i) => i.customerId)
      : (str?.subjects.map((s) => s.customerId) ?? []),
  );
  const sources = await resolveTransactions(db, vault, platformId, instructionIds, clientIds);
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
  const byId = new Map<string, GoamlTransaction>(
    sources.transactions.map((t) => [t.instructionId, t]),
  );
  const subjects = await subjectsOf(db, vault, platformId, [...clientIds]);
  const missingSubjects = [...clientIds].filter((id) => !subjects.has(id));
  if (missingSubjects.length > 0)
    return incomplete(
      missingSubjects.map((id) => `customer[${id}]`),
      'unknown customers',
    );
  const common = {
    messageType: messageTypeOf(report.purpose),
    institution: {
      code: entity.institutionCode,
      name: entity.institutionName,
      countryCode: entity.countryCode,
      city: entity.city,
    },
    reportId: `${report.id}-v${version}`,
    reportDateMs:
      report.approvedAt === null ? (options.nowMs ?? Date.now()) : Date.parse(report.approvedAt),
    originalReference: await originalReference(db, report),
    codes: options.codes ?? CAMLMAC_CODES_DEFAULT,
  };
  const pick = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  const input: CamlmacInput =
    lvtr !== null
      ? {
          kind: 'HVTR',
          ...common,
          items: lvtr.items.map((item) => ({
            subject: subjects.get(item.customerId) as CamlmacSubject,
            businessDate: lvtr.businessDate,
            direction: item.direction,
            category: item.category,
            transactions: pick(item.instructionIds),
          })),
        }
      : {
          kind: 'BSTR',
          ...common,
          analysis: str?.reason ?? '',
          behaviour: str?.action ?? '',
          characteristics: str?.indicators ?? [],
          subjects: (str?.subjects ?? []).map((s) => subjects.get(s.customerId) as CamlmacSubject),
          transactions: pick(str?.transactions.map((t) => t.instructionId) ?? []),
        };
  const built = buildCamlmacReport(input);
  if (!built.ok) return incomplete(built.missing, 'mandatory CAMLMAC fields are missing');
  const xml = renderCamlmacXml(built.root, built.tree);
  const suffix = built.root === 'HVTR' ? 'BH' : 'BS';
  return success({
    reportId: report.id,
    version,
    reportCode: built.root,
    messageType: `${common.messageType}${suffix}`,
    fileName: `${common.messageType}${suffix}${entity.institutionCode}-${report.id}-v${version}.xml`,
    sha256: sha256Hex(xml),
    xml,
    stored: false,
  });
}
