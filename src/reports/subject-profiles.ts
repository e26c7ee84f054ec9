import { z } from 'zod';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Queryable } from '../store/index.js';
import { isIsoDate } from './cst-day.js';

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code such as CN');
/** goAML code-list values: short codes published by the FIU. */
export const GoamlCode = z.string().regex(/^[-A-Z0-9]{1,5}$/, 'a goAML code such as A or -');

/**
 * What goAML needs about a reported customer that Custos does not hold sealed: occupation,
 * nationality and residence for persons; registration facts and the legal representative for
 * entities. Name, ID number and phone come from the sealed personal data at export time.
 */
export const SubjectProfileSchema = z
  .object({
    occupation: z.string().trim().min(1).max(255).optional(),
    nationality: CountryCode.optional(),
    residence: CountryCode.optional(),
    phoneCountryPrefix: z
      .string()
      .regex(/^\d{1,4}$/)
      .optional(),
    commercialName: z.string().trim().min(1).max(255).optional(),
    legalForm: GoamlCode.optional(),
    business: z.string().trim().min(1).max(255).optional(),
    incorporationCountry: CountryCode.optional(),
    incorporationDate: z.string().refine(isIsoDate, 'a YYYY-MM-DD date').optional(),
    representativeName: z.string().trim().min(1).max(100).optional(),
    representativeRole: GoamlCode.optional(),
  })
  .strict();
export type SubjectProfile = z.infer<typeof SubjectProfileSchema>;

export async function saveSubjectProfile(
  tx: Queryable,
  actor: string,
  platformId: string,
  customerId: string,
  profile: SubjectProfile,
): Promise<void> {
  await tx.query(
    `INSERT INTO report_subject_profiles (platform_id, customer_id, profile, updated_by)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (platform_id, customer_id) DO UPDATE
       SET profile = EXCLUDED.profile, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [platformId, customerId, JSON.stringify(profile), actor],
  );
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: 'report.subject_profile_set',
      subjectType: 'customer',
      subjectId: customerId,
      payload: { fields: Object.keys(profile).sort() },
      atMs: Date.now(),
    },
  ]);
}

export async function loadSubjectProfiles(
  db: Queryable,
  platformId: string,
  customerIds: readonly string[],
): Promise<Map<string, SubjectProfile>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db.query<{ customer_id: string; profile: unknown }>(
    `SELECT customer_id, profile FROM report_subject_profiles
     WHERE platform_id = $1 AND customer_id = ANY($2::text[])`,
    [platformId, customerIds],
  );
  const profiles = new Map<string, SubjectProfile>();
  for (const row of rows) {
    const parsed = SubjectProfileSchema.safeParse(row.profile);
    if (parsed.success) profiles.set(row.customer_id, parsed.data);
  }
  return profiles;
}
