import { assert } from '../assert.js';
import type { Queryable } from '../store/index.js';
import type { CustodyBalanceSink } from './custody-balances.js';

/** How a posted instruction changed what a platform holds for its customers, in one currency. */
export interface CustodyChange {
  leafIndex: number;
  currency: string;
  deltaMinor: bigint;
}

/** Change rows one read may return: a feed page's leaves, times the currencies of a posting. */
export const CUSTODY_CHANGES_PER_READ_MAX = 50_000;

/**
 * The changes to a platform's customer balances (posted transfers into and out of its customer
 * accounts) made by the instructions posted at leaves (afterLeaf, uptoLeaf], in leaf order.
 * Pending transfers change no posted balance; their posting (`post_pending`) does.
 */
export async function readCustodyChanges(
  db: Queryable,
  platformId: string,
  afterLeaf: number,
  uptoLeaf: number,
): Promise<CustodyChange[]> {
  const rows = await db.query<{ leaf_index: string; currency: string; delta: string }>(
    `SELECT r.leaf_index::text AS leaf_index, t.currency,
       sum(CASE WHEN c.type = 'customer' THEN t.amount_minor ELSE 0 END
         - CASE WHEN d.type = 'customer' THEN t.amount_minor ELSE 0 END)::text AS delta
     FROM audit_records r
     JOIN transfers t ON t.instruction_id = r.subject_id
       AND t.phase IN ('single', 'post_pending')
     JOIN accounts c ON c.id = t.credit_account_id
     JOIN accounts d ON d.id = t.debit_account_id
     WHERE r.platform_id = $1 AND r.action = 'instruction.posted'
       AND r.leaf_index > $2 AND r.leaf_index <= $3
     GROUP BY r.leaf_index, t.currency
     ORDER BY r.leaf_index, t.currency
     LIMIT $4`,
    [platformId, afterLeaf, uptoLeaf, CUSTODY_CHANGES_PER_READ_MAX + 1],
  );
  assert(
    rows.length <= CUSTODY_CHANGES_PER_READ_MAX,
    `more than ${CUSTODY_CHANGES_PER_READ_MAX} custody changes in one read: read fewer leaves`,
  );
  return rows
    .map((row) => ({
      leafIndex: Number(row.leaf_index),
      currency: row.currency,
      deltaMinor: BigInt(row.delta),
    }))
    .filter((change) => change.deltaMinor !== 0n);
}

/**
 * A platform's customer balances per currency as a replay of its history moves through the
 * leaves: what the books held right after each posting, set on the engines that compare with
 * it (`atLeastCustodyShare`). A replay from the first leaf starts from nothing.
 */
export class CustodyBalanceReplay {
  readonly #balances = new Map<string, bigint>();
  #changes: CustodyChange[] = [];
  #next = 0;
  #readUpTo: number;

  constructor(
    readonly platformId: string,
    startLeaf = -1,
  ) {
    this.#readUpTo = startLeaf;
  }

  /** Reads the changes of the leaves after the last read, up to `uptoLeaf`. */
  async read(db: Queryable, uptoLeaf: number): Promise<void> {
    assert(this.#next === this.#changes.length, 'the changes read before are applied first');
    if (uptoLeaf <= this.#readUpTo) return;
    this.#changes = await readCustodyChanges(db, this.platformId, this.#readUpTo, uptoLeaf);
    this.#next = 0;
    this.#readUpTo = uptoLeaf;
  }

  /** Applies the changes up to and including `leafIndex`, setting what changed on `engines`. */
  applyUpTo(leafIndex: number, engines: readonly CustodyBalanceSink[]): void {
    const changes = this.#changes;
    for (; this.#next < changes.length; this.#next += 1) {
      const change = changes[this.#next] as CustodyChange;
      if (change.leafIndex > leafIndex) return;
      const balance = (this.#balances.get(change.currency) ?? 0n) + change.deltaMinor;
      this.#balances.set(change.currency, balance);
      for (const engine of engines)
        engine.setCustodyBalance(this.platformId, change.currency, balance);
    }
  }

  balanceOf(currency: string): bigint {
    return this.#balances.get(currency) ?? 0n;
  }
}
