import type { Queryable } from '../store/index.js';

/** Platform and currency pairs read at once (far above any deployment's). */
export const CUSTODY_BALANCE_ROWS_MAX = 10_000;

export interface CustodyBalance {
  platformId: string;
  currency: string;
  balanceMinor: bigint;
}

/**
 * What each platform holds in custody for its customers, per currency: the sum of its customer
 * accounts' balances, the figure the net-outflow KRI compares with. Rules that measure against
 * the custody balance (`atLeastCustodyShare`) read the last of these the service set.
 */
export async function loadCustodyBalances(db: Queryable): Promise<CustodyBalance[]> {
  const rows = await db.query<{ platform_id: string; currency: string; balance: string }>(
    `SELECT platform_id, currency, sum(credits_posted - debits_posted)::text AS balance
     FROM accounts WHERE type = 'customer'
     GROUP BY platform_id, currency
     ORDER BY platform_id, currency
     LIMIT $1`,
    [CUSTODY_BALANCE_ROWS_MAX],
  );
  if (rows.length === CUSTODY_BALANCE_ROWS_MAX)
    process.emitWarning(
      `monitoring: custody balances read for the first ${CUSTODY_BALANCE_ROWS_MAX} platform and currency pairs only; rules measured against the custody balance do not decide for the rest`,
    );
  return rows.map((row) => ({
    platformId: row.platform_id,
    currency: row.currency,
    balanceMinor: BigInt(row.balance),
  }));
}

/** The balances as last read, per platform, set on the engines that compare with them. */
export class CustodyBalanceCache {
  #byPlatform = new Map<string, CustodyBalance[]>();

  /** Rereads every balance; returns the platforms read. */
  async refresh(db: Queryable): Promise<number> {
    const byPlatform = new Map<string, CustodyBalance[]>();
    for (const balance of await loadCustodyBalances(db)) {
      const known = byPlatform.get(balance.platformId);
      if (known === undefined) byPlatform.set(balance.platformId, [balance]);
      else known.push(balance);
    }
    this.#byPlatform = byPlatform;
    return byPlatform.size;
  }

  /** Rereads every balance and sets them on each platform's engine. */
  async refreshInto(
    db: Queryable,
    engines: ReadonlyMap<string, { engine: CustodyBalanceSink }>,
  ): Promise<void> {
    await this.refresh(db);
    for (const [platformId, entry] of engines) this.applyTo(platformId, entry.engine);
  }

  /** Sets the platform's balances on `engine`; returns it. */
  applyTo<E extends CustodyBalanceSink>(platformId: string, engine: E): E {
    for (const { currency, balanceMinor } of this.#byPlatform.get(platformId) ?? [])
      engine.setCustodyBalance(platformId, currency, balanceMinor);
    return engine;
  }
}

export interface CustodyBalanceSink {
  setCustodyBalance(platformId: string, currency: string, balanceMinor: bigint): void;
}
