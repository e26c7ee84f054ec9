import { z } from 'zod';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { openText, sealText, shareVault } from '../complaints/sealed-text.js';
import { bindPersonalDataVault } from '../security/field-encryption/personal-data-vault.js';
import type { PersonalDataVault } from '../security/index.js';
import type { Database, Queryable } from '../store/index.js';
import { isIsoDate } from './cst-day.js';

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code such as CN');
/** goAML code-list values: short codes published by the FIU. */
export const GoamlCode = z.string().regex(/^[-A-Z0-9]{1,5}$/, 'a goAML code such as A or -');

/**
 * What goAML needs about a reported customer beyond the customer's own sealed personal data:
 * occupation, nationality and residence for persons; registration facts and the legal
 * representative for entities. Name, ID number and phone come from the sealed personal data
 * at export time. The representative's name is personal data: it is stored sealed
 * (`representative_name_sealed`), never in `profile`.
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

/** One sealed piece holds the longest name (100 characters). */
const REPRESENTATIVE_NAME_CHUNKS_MAX = 1;

const representativeLocation = (platformId: string, customerId: string) => ({
  table: 'report_subject_profiles',
  column: 'representative_name',
  recordId: customerId,
  platformId,
});

/** Replaces a customer's reporting profile; the representative's name is sealed. */
export async function saveSubjectProfile(
  db: Database,
  actor: string,
  platformId: string,
  customerId: string,
  profile: SubjectProfile,
): Promise<void> {
  const { representativeName, ...open } = profile;
  await db.transaction(async (tx) => {
    shareVault(db, tx);
    const sealed =
      representativeName === undefined
        ? null
        : await sealText(
            tx,
            representativeLocation(platformId, customerId),
            representativeName,
            REPRESENTATIVE_NAME_CHUNKS_MAX,
          );
    await tx.query(
      `INSERT INTO report_subject_profiles
         (platform_id, customer_id, profile, representative_name_sealed, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (platform_id, customer_id) DO UPDATE
         SET profile = EXCLUDED.profile,
             representative_name_sealed = EXCLUDED.representative_name_sealed,
             updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [platformId, customerId, JSON.stringify(open), sealed, actor],
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
  });
}

/**
 * Reporting profiles with the representative's name opened. A profile saved before the name
 * was sealed (migration 0019) still holds it in clear in `profile`; it is read as it is until
 * the profile is saved again.
 */
export async function loadSubjectProfiles(
  db: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  customerIds: readonly string[],
): Promise<Map<string, SubjectProfile>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db.query<{
    customer_id: string;
    profile: unknown;
    representative_name_sealed: string[] | null;
  }>(
    `SELECT customer_id, profile, representative_name_sealed FROM report_subject_profiles
     WHERE platform_id = $1 AND customer_id = ANY($2::text[])`,
    [platformId, customerIds],
  );
  // The sealed text reader finds the vault through the handle, which may be a transaction.
  bindPersonalDataVault(db, vault);
  const profiles = new Map<string, SubjectProfile>();
  for (const row of rows) {
    const parsed = SubjectProfileSchema.safeParse(row.profile);
    if (!parsed.success) continue;
    const profile = parsed.data;
    if (row.representative_name_sealed !== null)
      profile.representativeName = await openText(
        db,
        representativeLocation(platformId, row.customer_id),
        row.representative_name_sealed,
      );
    profiles.set(row.customer_id, profile);
  }
  return profiles;
}
