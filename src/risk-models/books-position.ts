import { assert } from '../assert.js';
import { failure, success, type Result } from '../custody/errors.js';
import { toBigInt, type Queryable } from '../store/index.js';
import { RISK_MODEL_LIMITS } from './risk-model-limits.js';
import type { BankBalance, LiquidityPosition, ScheduledFlow } from './stress/stress-types.js';

const DAY_MS = 86_400_000;

/** The risk reserve per currency: the posted balance of the platform's reserve accounts. */
export async function reserveBalances(
  db: Queryable,
  platformId: string,
): Promise<Map<string, bigint>> {
  const rows = await db.query<{ currency: string; reserve: string }>(
    `SELECT currency, COALESCE(sum(credits_posted - debits_posted), 0) AS reserve
     FROM accounts WHERE platform_id = $1 AND type = 'reserve' GROUP BY currency`,
    [platformId],
  );
  return new Map(rows.map((r) => [r.currency, toBigInt(r.reserve)]));
}

/**
 * Custody cash by bank account: the latest statement closing balance of each bank account
 * up to the day. Without any statement, the books' custody_bank balance stands in, as one
 * bank named 'books'.
 */
async function custodyCash(
  db: Queryable,
  platformId: string,
  currency: string,
  asOf: string,
): Promise<BankBalance[]> {
  const statements = await db.query<{ bank_account: string; closing_minor: string }>(
    `SELECT DISTINCT ON (bank_account) bank_account, closing_minor FROM bank_statements
     WHERE platform_id = $1 AND currency = $2 AND closing_date <= $3::date
       AND closing_minor IS NOT NULL
     ORDER BY bank_account, closing_date DESC, id DESC`,
    [platformId, currency, asOf],
  );
  if (statements.length > 0) {
    return statements.map((s) => ({
      bank: s.bank_account,
      amountMinor: toBigInt(s.closing_minor),
    }));
  }
  const books = await db.query<{ balance: string }>(
    `SELECT COALESCE(sum(debits_posted - credits_posted), 0) AS balance FROM accounts
     WHERE platform_id = $1 AND currency = $2 AND type = 'custody_bank'`,
    [platformId, currency],
  );
  return [{ bank: 'books', amountMinor: toBigInt(books[0]?.balance ?? '0') }];
}

async function scheduledFlows(
  db: Queryable,
  platformId: string,
  currency: string,
  asOf: string,
  horizonDays: number,
): Promise<ScheduledFlow[]> {
  const rows = await db.query<{
    due_on: string;
    kind: ScheduledFlow['kind'];
    amount_minor: string;
  }>(
    `SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on, kind, amount_minor FROM liquidity_flows
     WHERE platform_id = $1 AND currency = $2 AND due_on > $3::date
       AND due_on <= $3::date + $4::integer
     ORDER BY due_on, id LIMIT $5`,
    [platformId, currency, asOf, horizonDays, RISK_MODEL_LIMITS.liquidityFlowsMax],
  );
  const startMs = Date.parse(`${asOf}T00:00:00Z`);
  return rows.map((r) => {
    const day = Math.round((Date.parse(`${r.due_on}T00:00:00Z`) - startMs) / DAY_MS);
    assert(day >= 1 && day <= horizonDays, 'flow inside the horizon');
    return { day, kind: r.kind, amountMinor: toBigInt(r.amount_minor) };
  });
}

/** Currencies the platform keeps books in. */
export async function bookCurrencies(db: Queryable, platformId: string): Promise<string[]> {
  const rows = await db.query<{ currency: string }>(
    'SELECT DISTINCT currency FROM accounts WHERE platform_id = $1 ORDER BY currency',
    [platformId],
  );
  return rows.map((r) => r.currency);
}

/**
 * A currency's liquidity position for stress tests: custody cash by bank, every customer
 * balance, the reserve and the scheduled flows of the horizon. The books keep current posted
 * balances only, so the position is of today: another date would mix that date's statements
 * and flows with today's balances, and is refused until balances as of a date exist. More
 * positive customer balances than the read limit are refused rather than cut short.
 */
export async function liquidityPosition(
  db: Queryable,
  platformId: string,
  currency: string,
  asOf: string,
  horizonDays: number,
  bounds: { nowMs?: number; customersMax?: number } = {},
): Promise<Result<LiquidityPosition>> {
  const today = new Date(bounds.nowMs ?? Date.now()).toISOString().slice(0, 10);
  if (asOf !== today) {
    return failure(
      'validation_failed',
      `a stress position can only be taken as of today (${today}), not ${asOf}: the books keep current balances only, not balances as of a past or future date`,
    );
  }
  const limit = bounds.customersMax ?? RISK_MODEL_LIMITS.customersReadMax;
  assert(limit >= 1 && limit <= RISK_MODEL_LIMITS.customersReadMax, 'customer read limit');
  const customers = await db.query<{ balance: string }>(
    `SELECT credits_posted - debits_posted AS balance FROM accounts
     WHERE platform_id = $1 AND currency = $2 AND type = 'customer'
       AND credits_posted - debits_posted > 0
     ORDER BY credits_posted - debits_posted DESC LIMIT $3`,
    [platformId, currency, limit + 1],
  );
  if (customers.length > limit) {
    return failure(
      'validation_failed',
      `${currency}: more than ${limit} customers hold a balance, the most a stress position reads; no result rather than one that leaves customers out`,
    );
  }
  const reserve = (await reserveBalances(db, platformId)).get(currency) ?? 0n;
  return success({
    currency,
    asOf,
    custodyCash: await custodyCash(db, platformId, currency, asOf),
    customerBalancesMinor: customers.map((c) => toBigInt(c.balance)),
    reserveMinor: reserve,
    flows: await scheduledFlows(db, platformId, currency, asOf, horizonDays),
  });
}
