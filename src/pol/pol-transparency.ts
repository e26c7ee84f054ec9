import { toBigInt, type Queryable } from '../store/index.js';
import { toHex } from './pol-hash.js';
import { POL_TRANSPARENCY_MIN_CUSTOMERS } from './pol-limits.js';

/**
 * The public transparency report of one platform: aggregate figures only. No customer id,
 * name or balance appears; the proof-of-liabilities root lets each customer check, with their
 * own proof, that they are counted.
 */
export interface TransparencyReport {
  platformId: string;
  platformName: string;
  generatedAt: string;
  customerCount: number;
  currencies: {
    currency: string;
    customerAccounts: number;
    /**
     * What the books owe customers: the sum of customer accounts' posted balances; null when
     * fewer than the minimum number of customers hold accounts in the currency, where the
     * exact total would come close to telling one customer's balance.
     */
    custodyBalanceMinor: bigint | null;
    /** Why the total is withheld, or null. */
    custodyBalanceWithheld: string | null;
    reserveMinor: bigint;
    safeguarding: { asOf: string; status: string } | null;
    proofOfLiabilities: {
      treeId: string;
      date: string;
      customerCount: number;
      rootHash: string;
      rootMaskedSum: string;
    } | null;
  }[];
  lastReconciliation: {
    asOf: string;
    matchCount: number;
    breakCount: number;
    ranAt: string;
  } | null;
  auditCheckpoint: { treeSize: string; rootHash: string; signedAt: string } | null;
}

const iso = (value: unknown) => new Date(value as string).toISOString();

/** The report, or undefined for an unknown platform. */
export async function transparencyReport(
  db: Queryable,
  platformId: string,
  nowMs: number,
  options: { minCustomers?: number } = {},
): Promise<TransparencyReport | undefined> {
  const minCustomers = options.minCustomers ?? POL_TRANSPARENCY_MIN_CUSTOMERS;
  const [platform] = await db.query('SELECT name FROM platforms WHERE id = $1', [platformId]);
  if (platform === undefined) return undefined;
  const books = await db.query(
    `SELECT currency,
       count(*) FILTER (WHERE type = 'customer') AS customer_accounts,
       coalesce(sum(credits_posted - debits_posted) FILTER (WHERE type = 'customer'), 0) AS custody,
       coalesce(sum(credits_posted - debits_posted) FILTER (WHERE type = 'reserve'), 0) AS reserve
     FROM accounts WHERE platform_id = $1 AND type IN ('customer', 'reserve')
     GROUP BY currency ORDER BY currency`,
    [platformId],
  );
  const safeguarding = await db.query(
    `SELECT DISTINCT ON (currency) currency, as_of::text AS as_of_day, status
     FROM safeguarding_checks WHERE platform_id = $1 ORDER BY currency, as_of DESC, id DESC`,
    [platformId],
  );
  const roots = await db.query(
    `SELECT DISTINCT ON (currency) id, currency, as_of::text AS as_of_day, customer_count, root_hash, root_sum
     FROM pol_trees WHERE platform_id = $1 ORDER BY currency, as_of DESC, built_at DESC, id DESC`,
    [platformId],
  );
  const [customers] = await db.query(
    "SELECT count(*) AS n FROM customers WHERE platform_id = $1 AND status = 'active'",
    [platformId],
  );
  const [run] = await db.query(
    `SELECT as_of::text AS as_of_day, match_count, break_count, created_at FROM match_runs
     WHERE platform_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [platformId],
  );
  const [checkpoint] = await db.query(
    'SELECT tree_size, root_hash, created_at FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1',
  );
  return {
    platformId,
    platformName: String(platform.name),
    generatedAt: new Date(nowMs).toISOString(),
    customerCount: Number(customers?.n ?? 0),
    currencies: books.map((row) => {
      const currency = String(row.currency);
      const check = safeguarding.find((item) => item.currency === currency);
      const root = roots.find((item) => item.currency === currency);
      const customerAccounts = Number(row.customer_accounts);
      const withheld = customerAccounts < minCustomers;
      return {
        currency,
        customerAccounts,
        custodyBalanceMinor: withheld ? null : toBigInt(String(row.custody)),
        custodyBalanceWithheld: withheld ? `withheld: fewer than ${minCustomers} customers` : null,
        reserveMinor: toBigInt(String(row.reserve)),
        safeguarding:
          check === undefined
            ? null
            : { asOf: String(check.as_of_day), status: String(check.status) },
        proofOfLiabilities:
          root === undefined
            ? null
            : {
                treeId: String(root.id),
                date: String(root.as_of_day),
                customerCount: Number(root.customer_count),
                rootHash: toHex(root.root_hash as Uint8Array),
                rootMaskedSum: toHex(root.root_sum as Uint8Array),
              },
      };
    }),
    lastReconciliation:
      run === undefined
        ? null
        : {
            asOf: String(run.as_of_day),
            matchCount: Number(run.match_count),
            breakCount: Number(run.break_count),
            ranAt: iso(run.created_at),
          },
    auditCheckpoint:
      checkpoint === undefined
        ? null
        : {
            treeSize: String(checkpoint.tree_size),
            rootHash: toHex(checkpoint.root_hash as Uint8Array),
            signedAt: iso(checkpoint.created_at),
          },
  };
}
