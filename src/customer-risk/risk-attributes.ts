import { z } from 'zod';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Queryable } from '../store/index.js';
import { RISK_LIMITS } from './risk-limits.js';
import { CHANNELS, PEP_STATUSES } from './risk-model.js';

const Code = z.string().regex(/^[a-z_]{1,40}$/, 'a lower-case code such as money_services');

/**
 * What compliance records about a customer for the risk model beyond the books and the
 * reporting profile: occupation and industry categories (the model's codes), products, how
 * the relationship was opened, and PEP status.
 */
export const RiskAttributesSchema = z
  .object({
    occupationCategory: Code.nullable(),
    industryCategory: Code.nullable(),
    products: z.array(Code).max(RISK_LIMITS.productsPerCustomerMax),
    onboardingChannel: z.enum(CHANNELS),
    pepStatus: z.enum(PEP_STATUSES),
  })
  .strict();
export type RiskAttributes = z.infer<typeof RiskAttributesSchema>;

export const RISK_ATTRIBUTES_DEFAULT: RiskAttributes = {
  occupationCategory: null,
  industryCategory: null,
  products: [],
  onboardingChannel: 'remote',
  pepStatus: 'none',
};

export async function loadRiskAttributes(
  db: Queryable,
  platformId: string,
  customerId: string,
): Promise<RiskAttributes> {
  const rows = await db.query<{
    occupation_category: string | null;
    industry_category: string | null;
    products: string[];
    onboarding_channel: RiskAttributes['onboardingChannel'];
    pep_status: RiskAttributes['pepStatus'];
  }>(
    `SELECT occupation_category, industry_category, products, onboarding_channel, pep_status
     FROM customer_risk_attributes WHERE platform_id = $1 AND customer_id = $2`,
    [platformId, customerId],
  );
  const row = rows[0];
  if (row === undefined) return RISK_ATTRIBUTES_DEFAULT;
  return {
    occupationCategory: row.occupation_category,
    industryCategory: row.industry_category,
    products: row.products,
    onboardingChannel: row.onboarding_channel,
    pepStatus: row.pep_status,
  };
}

export async function saveRiskAttributes(
  tx: Queryable,
  actor: string,
  platformId: string,
  customerId: string,
  attributes: RiskAttributes,
): Promise<void> {
  const products = [...new Set(attributes.products)].sort();
  await tx.query(
    `INSERT INTO customer_risk_attributes (platform_id, customer_id, occupation_category,
       industry_category, products, onboarding_channel, pep_status, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (platform_id, customer_id) DO UPDATE SET
       occupation_category = EXCLUDED.occupation_category,
       industry_category = EXCLUDED.industry_category, products = EXCLUDED.products,
       onboarding_channel = EXCLUDED.onboarding_channel, pep_status = EXCLUDED.pep_status,
       updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [
      platformId,
      customerId,
      attributes.occupationCategory,
      attributes.industryCategory,
      products,
      attributes.onboardingChannel,
      attributes.pepStatus,
      actor,
    ],
  );
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: 'risk_attributes.set',
      subjectType: 'customer',
      subjectId: customerId,
      payload: { ...attributes, products },
      atMs: Date.now(),
    },
  ]);
}
