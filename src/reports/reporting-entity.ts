import { z } from 'zod';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Queryable } from '../store/index.js';
import { GoamlCode } from './subject-profiles.js';

/**
 * FIU code lists. The goAML schema carries placeholder enumerations only; each FIU publishes
 * its own lists, so every code Custos writes is configured here. '-' is "unknown".
 */
export const GoamlCodesSchema = z
  .object({
    fundsCode: GoamlCode.default('-'),
    transmodeCash: GoamlCode.default('-'),
    transmodeTransfer: GoamlCode.default('-'),
    addressType: GoamlCode.default('-'),
    phoneContactType: GoamlCode.default('-'),
    phoneCommunicationType: GoamlCode.default('-'),
    representativeRole: GoamlCode.default('-'),
    indicator: GoamlCode.default('-'),
  })
  .strict();
export type GoamlCodes = z.infer<typeof GoamlCodesSchema>;

export const ReportingEntitySchema = z
  .object({
    rentityId: z.number().int().min(1).max(2_147_483_647),
    rentityBranch: z.string().trim().min(1).max(255),
    reportingUserCode: z.string().trim().min(4).max(50),
    institutionName: z.string().trim().min(1).max(255),
    institutionCode: z.string().trim().min(1).max(50),
    address: z.string().trim().min(1).max(100),
    city: z.string().trim().min(1).max(255),
    countryCode: z.string().regex(/^[A-Z]{2}$/),
    codes: GoamlCodesSchema.default(GoamlCodesSchema.parse({})),
  })
  .strict();
export type ReportingEntity = z.infer<typeof ReportingEntitySchema>;

export async function saveReportingEntity(
  tx: Queryable,
  actor: string,
  platformId: string,
  entity: ReportingEntity,
): Promise<void> {
  await tx.query(
    `INSERT INTO report_entities (platform_id, rentity_id, rentity_branch, reporting_user_code,
       institution_name, institution_code, address, city, country_code, codes, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (platform_id) DO UPDATE SET rentity_id = EXCLUDED.rentity_id,
       rentity_branch = EXCLUDED.rentity_branch, reporting_user_code = EXCLUDED.reporting_user_code,
       institution_name = EXCLUDED.institution_name, institution_code = EXCLUDED.institution_code,
       address = EXCLUDED.address, city = EXCLUDED.city, country_code = EXCLUDED.country_code,
       codes = EXCLUDED.codes, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [
      platformId,
      entity.rentityId,
      entity.rentityBranch,
      entity.reportingUserCode,
      entity.institutionName,
      entity.institutionCode,
      entity.address,
      entity.city,
      entity.countryCode,
      JSON.stringify(entity.codes),
      actor,
    ],
  );
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: 'report.entity_set',
      subjectType: 'platform',
      subjectId: platformId,
      payload: { ...entity },
      atMs: Date.now(),
    },
  ]);
}

export async function loadReportingEntity(
  db: Queryable,
  platformId: string,
): Promise<ReportingEntity | null> {
  const rows = await db.query<Record<string, unknown>>(
    'SELECT * FROM report_entities WHERE platform_id = $1',
    [platformId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return ReportingEntitySchema.parse({
    rentityId: Number(row.rentity_id),
    rentityBranch: row.rentity_branch,
    reportingUserCode: row.reporting_user_code,
    institutionName: row.institution_name,
    institutionCode: row.institution_code,
    address: row.address,
    city: row.city,
    countryCode: row.country_code,
    codes: row.codes,
  });
}
