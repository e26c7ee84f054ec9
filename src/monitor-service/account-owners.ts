import type { Queryable } from '../store/index.js';

export const ACCOUNT_OWNERS_CACHED_MAX = 200_000;

/**
 * Which customer owns an account (null for the platform's system accounts). Ownership never
 * changes, so entries stay valid; the cache is bounded and starts over when full.
 */
export class AccountOwners {
  readonly #owners = new Map<string, string | null>();

  async ensure(db: Queryable, accountIds: readonly string[]): Promise<void> {
    const missing = accountIds.filter((id) => !this.#owners.has(id));
    if (missing.length === 0) return;
    if (this.#owners.size + missing.length > ACCOUNT_OWNERS_CACHED_MAX) this.#owners.clear();
    const rows = await db.query<{ id: string; customer_id: string | null }>(
      'SELECT id, customer_id FROM accounts WHERE id = ANY($1::text[])',
      [missing],
    );
    for (const row of rows) this.#owners.set(row.id, row.customer_id);
  }

  customerOf(accountId: string): string | null {
    return this.#owners.get(accountId) ?? null;
  }
}
