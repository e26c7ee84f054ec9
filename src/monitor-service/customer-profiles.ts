import type { CustomerProfile } from '../monitor/index.js';
import type { Queryable } from '../store/index.js';

export const PROFILED_CUSTOMERS_MAX = 500_000;

/**
 * Loads what the books know of customers (person or entity, when the relationship opened,
 * whether it closed) for the engine's profile-based rules, once per customer per process.
 */
export class CustomerProfiles {
  readonly #loaded = new Set<string>();

  async missing(db: Queryable, customerIds: Iterable<string>): Promise<CustomerProfile[]> {
    const wanted = [...new Set(customerIds)].filter((id) => !this.#loaded.has(id));
    if (wanted.length === 0) return [];
    if (this.#loaded.size + wanted.length > PROFILED_CUSTOMERS_MAX) this.#loaded.clear();
    const rows = await db.query<{
      id: string;
      platform_id: string;
      kind: 'person' | 'entity';
      created_at: Date;
      status: string;
      closed_at: Date | null;
    }>(
      `SELECT c.id, c.platform_id, c.kind, c.created_at, c.status,
         (SELECT max(at) FROM audit_records a WHERE a.subject_type = 'customer'
            AND a.subject_id = c.id AND a.action = 'customer.closed') AS closed_at
       FROM customers c WHERE c.id = ANY($1::text[])`,
      [wanted],
    );
    for (const id of wanted) this.#loaded.add(id);
    return rows.map((row) => ({
      customerId: row.id,
      platformId: row.platform_id,
      kind: row.kind,
      openedAtMs: new Date(row.created_at).getTime(),
      ...(row.status === 'closed' && row.closed_at !== null
        ? { closedAtMs: new Date(row.closed_at).getTime() }
        : {}),
    }));
  }
}
