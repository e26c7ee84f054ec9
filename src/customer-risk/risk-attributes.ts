import { z } from 'zod';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { formatAmount } from '../money/index.js';
import type { Queryable } from '../store/index.js';
import { RISK_LIMITS } from './risk-limits.js';
import { CHANNELS, PEP_STATUSES } from './risk-model.js';

const Code = z.string().regex(/^[a-z_]{1,40}$/, 'a lower-case code such as money_services');

/** CNY with at most two decimals, below CNY 1 trillion (the column's bound). */
const DeclaredCny = z
  .string()
  .regex(/^(0|[1-9]\d{0,11})(\.\d{1,2})?$/, 'a CNY amount such as 12000.00, below 1 trillion');

/**
 * What compliance records about a customer for the risk model beyond the books and the
 * reporting profile: occupation and industry categories (the model's codes), products, how
 * the relationship was opened, PEP status, and the declared monthly income (a person) or
 * expected monthly turnover (an entity) in CNY, which monitoring compares inflows with. A PUT
 * replaces them all: an omitted declared figure is recorded as none.
 */
export const RiskAttributesSchema = z
  .object({
    occupationCategory: Code.nullable(),
    industryCategory: Code.nullable(),
    products: z.array(Code).max(RISK_LIMITS.productsPerCustomerMax),
    onboardingChannel: z.enum(CHANNELS),
    pepStatus: z.enum(PEP_STATUSES),
    declaredMonthlyCny: DeclaredCny.nullable().optional(),
  })
  .strict();
export type RiskAttributes = z.infer<typeof RiskAttributesSchema>;

export const RISK_ATTRIBUTES_DEFAULT: RiskAttributes = {
  occupationCategory: null,
  industryCategory: null,
  products: [],
  onboardingChannel: 'remote',
  pepStatus: 'none',
  declaredMonthlyCny: null,
};

/** CNY fen of a declared amount (validated by RiskAttributesSchema). */
export function declaredCnyMinor(text: string | null | undefined): bigint | null {
  if (text === null || text === undefined) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

function declaredCnyText(minor: string | bigint | null): string | null {
  if (minor === null) return null;
  return formatAmount(BigInt(minor), 'CNY');
}

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
    declared_monthly_cny_minor: string | null;
  }>(
    `SELECT occupation_category, industry_category, products, onboarding_channel, pep_status,
       declared_monthly_cny_minor::text
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
    declaredMonthlyCny: declaredCnyText(row.declared_monthly_cny_minor),
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
  const { declaredMonthlyCny, ...recorded } = attributes;
  const declaredMinor = declaredCnyMinor(declaredMonthlyCny);
  await tx.query(
    `INSERT INTO customer_risk_attributes (platform_id, customer_id, occupation_category,
       industry_category, products, onboarding_channel, pep_status, updated_by,
       declared_monthly_cny_minor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::bigint)
     ON CONFLICT (platform_id, customer_id) DO UPDATE SET
       occupation_category = EXCLUDED.occupation_category,
       industry_category = EXCLUDED.industry_category, products = EXCLUDED.products,
       onboarding_channel = EXCLUDED.onboarding_channel, pep_status = EXCLUDED.pep_status,
       declared_monthly_cny_minor = EXCLUDED.declared_monthly_cny_minor,
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
      declaredMinor === null ? null : declaredMinor.toString(),
    ],
  );
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: 'risk_attributes.set',
      subjectType: 'customer',
      subjectId: customerId,
      // Whether an income was declared, not the amount: the audit log outlives anonymization.
      payload: { ...recorded, products, declaredIncomeRecorded: declaredMinor !== null },
      atMs: Date.now(),
    },
  ]);
}
