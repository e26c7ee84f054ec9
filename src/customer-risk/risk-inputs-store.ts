import type { Queryable } from '../store/index.js';
import type { OnboardingChannel, PepStatus, RiskModel } from './risk-model.js';
import type { RiskInputs } from './risk-score.js';
import type { SanctionsStatusReader } from './sanctions-status.js';

/**
 * Behaviour counts monitoring alerts (rules and typologies; compliance duties such as an
 * overdue review are not the customer's behaviour) and cases of the rules queue, less those
 * closed as false positives.
 */
/** Monitoring rules whose alerts mean a device or address shared between customers. */
export const SHARED_DEVICE_RULE_IDS = ['cn.shared_device', 'cn.shared_ip'] as const;

const DAY_MS = 86_400_000;

type CustomerRow = {
  id: string;
  kind: 'person' | 'entity';
  profile: Record<string, unknown> | null;
  occupation_category: string | null;
  industry_category: string | null;
  products: string[] | null;
  onboarding_channel: OnboardingChannel | null;
  pep_status: PepStatus | null;
};

const CUSTOMERS_SQL = `
SELECT c.id, c.kind, p.profile, a.occupation_category, a.industry_category, a.products,
  a.onboarding_channel, a.pep_status
FROM customers c
LEFT JOIN report_subject_profiles p ON p.platform_id = c.platform_id AND p.customer_id = c.id
LEFT JOIN customer_risk_attributes a ON a.platform_id = c.platform_id AND a.customer_id = c.id
WHERE c.platform_id = $1 AND c.id = ANY($2::text[])`;

const COUNTS_SQL = `
SELECT ids.id,
  (SELECT count(*)::int FROM alerts al WHERE al.platform_id = $1 AND al.customer_id = ids.id
     AND al.last_seen_at >= $3 AND al.source IN ('rule', 'typology')
     AND al.rule_id NOT LIKE 'compliance.%') AS alerts,
  (SELECT count(*)::int FROM alerts al WHERE al.platform_id = $1 AND al.customer_id = ids.id
     AND al.last_seen_at >= $3 AND al.rule_id = ANY($4::text[])) AS shared_device_alerts,
  (SELECT count(*)::int FROM cases cs WHERE cs.platform_id = $1 AND cs.customer_id = ids.id
     AND cs.opened_at >= $3 AND cs.queue = 'rules'
     AND NOT (cs.state = 'closed' AND cs.disposition = 'false_positive')
     AND EXISTS (SELECT 1 FROM alerts ca WHERE ca.case_id = cs.id
       AND ca.rule_id NOT LIKE 'compliance.%')) AS cases,
  (SELECT count(*)::int FROM reports r JOIN report_versions v
       ON v.report_id = r.id AND v.version = r.current_version
     WHERE r.platform_id = $1 AND r.kind = 'str' AND r.purpose = 'new' AND r.status = 'submitted'
       AND r.submitted_at >= $3
       AND v.content -> 'subjects' @> jsonb_build_array(jsonb_build_object('customerId', ids.id))
  ) AS strs_filed,
  (SELECT count(*)::int FROM customer_beneficial_owners b
     WHERE b.platform_id = $1 AND b.customer_id = ids.id AND b.is_ubo) AS owners,
  (SELECT coalesce(array_agg(DISTINCT b.nationality), '{}') FROM customer_beneficial_owners b
     WHERE b.platform_id = $1 AND b.customer_id = ids.id AND b.nationality IS NOT NULL)
     AS owner_nationalities
FROM unnest($2::text[]) AS ids(id)`;

type CountRow = {
  id: string;
  alerts: number;
  shared_device_alerts: number;
  cases: number;
  strs_filed: number;
  owners: number;
  owner_nationalities: string[];
};

function profileCountries(row: CustomerRow): string[] {
  const profile = row.profile ?? {};
  const countries: string[] = [];
  for (const key of ['nationality', 'residence', 'incorporationCountry']) {
    const value = profile[key];
    if (typeof value === 'string' && /^[A-Z]{2}$/.test(value)) countries.push(value);
  }
  return countries;
}

/**
 * What the model needs about each customer of `customerIds` on `platformId`: type, declared
 * categories, countries (the reporting profile's and the beneficial owners'), products,
 * channel, PEP and screening status, and monitoring behaviour within the look-back window.
 * Unknown customers are left out of the map.
 */
export async function loadRiskInputs(
  db: Queryable,
  model: RiskModel,
  platformId: string,
  customerIds: readonly string[],
  readSanctions: SanctionsStatusReader,
  nowMs: number,
): Promise<Map<string, RiskInputs>> {
  const inputs = new Map<string, RiskInputs>();
  if (customerIds.length === 0) return inputs;
  const customers = await db.query<CustomerRow>(CUSTOMERS_SQL, [platformId, customerIds]);
  const known = customers.map((row) => row.id);
  const since = new Date(nowMs - model.behaviour.lookbackDays * DAY_MS);
  const counts = new Map(
    (
      await db.query<CountRow>(COUNTS_SQL, [platformId, known, since, [...SHARED_DEVICE_RULE_IDS]])
    ).map((row) => [row.id, row]),
  );
  const sanctions = await readSanctions(db, platformId, known);
  for (const row of customers) {
    const count = counts.get(row.id);
    inputs.set(row.id, {
      customerKind: row.kind,
      occupationCategory: row.occupation_category,
      industryCategory: row.industry_category,
      countries: [...profileCountries(row), ...(count?.owner_nationalities ?? [])],
      products: row.products ?? [],
      onboardingChannel: row.onboarding_channel ?? 'remote',
      sharedDeviceAlerts: count?.shared_device_alerts ?? 0,
      pep: row.pep_status ?? 'none',
      sanctions: sanctions.get(row.id) ?? 'not_screened',
      alerts: count?.alerts ?? 0,
      cases: count?.cases ?? 0,
      strsFiled: count?.strs_filed ?? 0,
      beneficialOwners: count?.owners ?? 0,
    });
  }
  return inputs;
}
