import type { CustomerProfile, MonitoringAlert, MonitoringEngine } from '../monitor/index.js';
import type { Queryable } from '../store/index.js';

export const PROFILED_CUSTOMERS_MAX = 500_000;
/** Customers whose profiles one query reads. */
export const PROFILES_PER_QUERY_MAX = 10_000;

/**
 * Audit actions after which a customer's profile reads differently: the relationship ended
 * (closure rules look back from it), the risk attributes (occupation, declared income) or the
 * risk rating changed.
 */
export const PROFILE_CHANGING_ACTIONS: ReadonlySet<string> = new Set([
  'customer.relationship_ended',
  'risk_attributes.set',
  'risk_rating.rated',
  'risk_rating.overridden',
]);

/**
 * The engine's occupation groups from the risk attributes' categories (the default risk model's
 * list); a category it does not know is 'other'.
 */
const OCCUPATION_GROUPS: Readonly<Record<string, NonNullable<CustomerProfile['occupation']>>> = {
  student: 'student',
  retired: 'retired',
  salaried: 'employed',
  civil_servant: 'employed',
  employed: 'employed',
  self_employed: 'self_employed',
  farmer: 'self_employed',
  cash_intensive_business: 'self_employed',
  precious_metals_dealer: 'self_employed',
};

export function occupationGroupOf(category: string): NonNullable<CustomerProfile['occupation']> {
  return OCCUPATION_GROUPS[category] ?? 'other';
}

type ProfileRow = {
  id: string;
  platform_id: string;
  kind: 'person' | 'entity';
  created_at: Date;
  status: string;
  relationship_ended_at: Date | null;
  occupation_category: string | null;
  declared_monthly_cny_minor: string | null;
  risk_level: 'low' | 'medium' | 'high' | null;
};

/**
 * Loads what the books know of customers for the engine's profile-based rules: person or
 * entity, when the relationship opened and whether it ended, the occupation group and the
 * declared monthly income or turnover (CNY) from the risk attributes, and the risk rating in
 * force. Each customer once per process when first seen
 * (`missing`, without the end of the relationship), and again when the feed carries a change
 * (`reload`, the end included).
 */
export class CustomerProfiles {
  readonly #loaded = new Set<string>();

  async missing(db: Queryable, customerIds: Iterable<string>): Promise<CustomerProfile[]> {
    const wanted = [...new Set(customerIds)].filter((id) => !this.#loaded.has(id));
    if (wanted.length === 0) return [];
    if (this.#loaded.size + wanted.length > PROFILED_CUSTOMERS_MAX) this.#loaded.clear();
    // A closure reaches the engine at the leaf that records it (reload), after the flows
    // before it: read with the profile, it would be decided before those flows were seen.
    const profiles = (await readProfiles(db, wanted)).map(
      ({ closedAtMs: _closedAtMs, ...open }): CustomerProfile => open,
    );
    for (const id of wanted) this.#loaded.add(id);
    return profiles;
  }

  /**
   * The current profiles of those of `customerIds` already given to the engines; the others
   * are read when they are first seen.
   */
  async reload(db: Queryable, customerIds: Iterable<string>): Promise<CustomerProfile[]> {
    const known = [...new Set(customerIds)].filter((id) => this.#loaded.has(id));
    return known.length === 0 ? [] : readProfiles(db, known);
  }

  /**
   * A customer's profile changed (relationship ended, risk attributes or rating): the engine
   * of its platform, if there is one and it has seen the customer, gets it again. A newly
   * recorded closure is decided by the closure rules, whose alerts are returned.
   */
  async reapply(
    db: Queryable,
    customerId: string,
    engineOf: (platformId: string) => MonitoringEngine | undefined,
  ): Promise<MonitoringAlert[]> {
    const alerts: MonitoringAlert[] = [];
    for (const profile of await this.reload(db, [customerId]))
      alerts.push(...(engineOf(profile.platformId)?.upsertProfile(profile) ?? []));
    return alerts;
  }
}

async function readProfiles(db: Queryable, ids: readonly string[]): Promise<CustomerProfile[]> {
  const profiles: CustomerProfile[] = [];
  for (let start = 0; start < ids.length; start += PROFILES_PER_QUERY_MAX) {
    const rows = await db.query<ProfileRow>(
      `SELECT c.id, c.platform_id, c.kind, c.created_at, c.status, c.relationship_ended_at,
         a.occupation_category, a.declared_monthly_cny_minor::text, s.level AS risk_level
       FROM customers c
       LEFT JOIN customer_risk_attributes a
         ON a.platform_id = c.platform_id AND a.customer_id = c.id
       LEFT JOIN customer_risk_state s ON s.platform_id = c.platform_id AND s.customer_id = c.id
       WHERE c.id = ANY($1::text[])`,
      [ids.slice(start, start + PROFILES_PER_QUERY_MAX)],
    );
    for (const row of rows) profiles.push(profileOf(row));
  }
  return profiles;
}

function profileOf(row: ProfileRow): CustomerProfile {
  return {
    customerId: row.id,
    platformId: row.platform_id,
    kind: row.kind,
    openedAtMs: new Date(row.created_at).getTime(),
    ...(row.status === 'closed' && row.relationship_ended_at !== null
      ? { closedAtMs: new Date(row.relationship_ended_at).getTime() }
      : {}),
    ...(row.occupation_category === null
      ? {}
      : { occupation: occupationGroupOf(row.occupation_category) }),
    ...(row.risk_level === null ? {} : { riskRating: row.risk_level }),
    ...(row.declared_monthly_cny_minor === null
      ? {}
      : { declaredMonthlyMinor: BigInt(row.declared_monthly_cny_minor) }),
  };
}
