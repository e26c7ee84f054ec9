import { assert } from '../../assert.js';
import { toBigInt, type Queryable } from '../../store/index.js';
import { PORTAL_LIMITS } from '../portal-limits.js';
import type { StatementPeriod } from './statement-period.js';

export interface StatementEntry {
  transferId: string;
  instructionId: string;
  at: string;
  type: string;
  purpose: string;
  counterpartyAccountId: string;
  /** Signed: credits raise the balance, debits lower it. */
  amountMinor: bigint;
  balanceAfterMinor: bigint;
}

export interface StatementData {
  platformId: string;
  platformName: string;
  accountId: string;
  accountType: string;
  customerId: string | null;
  customerRef: string | null;
  currency: string;
  period: StatementPeriod;
  openingBalanceMinor: bigint;
  closingBalanceMinor: bigint;
  creditsMinor: bigint;
  debitsMinor: bigint;
  entries: StatementEntry[];
  generatedAt: string;
}

export type StatementResult =
  | { ok: true; statement: StatementData }
  | { ok: false; code: 'unknown_account' | 'validation_failed'; message: string };

/**
 * The posted movements of one account in a period, with the balance before (opening) and
 * after (closing). Only posted journal entries count (`single`, `post_pending`): a hold is not
 * a movement until it posts. Amounts are integer minor units throughout.
 */
export async function loadStatement(
  db: Queryable,
  scope: { platformId: string; customerId?: string },
  accountId: string,
  period: StatementPeriod,
  nowMs: number,
): Promise<StatementResult> {
  const accounts = await db.query<Record<string, unknown>>(
    `SELECT a.id, a.type, a.currency, a.customer_id, c.external_ref, p.name AS platform_name
     FROM accounts a JOIN platforms p ON p.id = a.platform_id
     LEFT JOIN customers c ON c.id = a.customer_id
     WHERE a.id = $1 AND a.platform_id = $2 AND ($3::text IS NULL OR a.customer_id = $3)`,
    [accountId, scope.platformId, scope.customerId ?? null],
  );
  const account = accounts[0];
  if (account === undefined)
    return { ok: false, code: 'unknown_account', message: `account ${accountId} not found` };
  const type = String(account.type);
  // Debit-normal accounts grow with debits; the others with credits.
  const sign = type === 'clearing' || type === 'custody_bank' ? -1n : 1n;
  const opening = await db.query<{ net: string | null }>(
    `SELECT sum(CASE WHEN credit_account_id = $1 THEN amount_minor ELSE -amount_minor END) AS net
     FROM transfers
     WHERE (debit_account_id = $1 OR credit_account_id = $1)
       AND phase IN ('single', 'post_pending') AND created_at < $2`,
    [accountId, new Date(period.startMs)],
  );
  const rows = await db.query<Record<string, unknown>>(
    `SELECT t.id, t.instruction_id, t.created_at, t.amount_minor, t.debit_account_id,
       t.credit_account_id, i.type, i.purpose
     FROM transfers t JOIN instructions i ON i.id = t.instruction_id
     WHERE (t.debit_account_id = $1 OR t.credit_account_id = $1)
       AND t.phase IN ('single', 'post_pending') AND t.created_at >= $2 AND t.created_at < $3
     ORDER BY t.created_at, t.id LIMIT $4`,
    [
      accountId,
      new Date(period.startMs),
      new Date(period.endMs),
      PORTAL_LIMITS.statementEntriesMax + 1,
    ],
  );
  if (rows.length > PORTAL_LIMITS.statementEntriesMax)
    return {
      ok: false,
      code: 'validation_failed',
      message: `more than ${PORTAL_LIMITS.statementEntriesMax} entries: choose a shorter period`,
    };
  const openingBalanceMinor = sign * toBigInt(opening[0]?.net ?? 0);
  let balance = openingBalanceMinor;
  let creditsMinor = 0n;
  let debitsMinor = 0n;
  const entries = rows.map((row): StatementEntry => {
    const credit = row.credit_account_id === accountId;
    const amount = toBigInt(row.amount_minor);
    const signed = sign * (credit ? amount : -amount);
    if (signed >= 0n) creditsMinor += signed;
    else debitsMinor -= signed;
    balance += signed;
    return {
      transferId: String(row.id),
      instructionId: String(row.instruction_id),
      at: new Date(row.created_at as string).toISOString(),
      type: String(row.type),
      purpose: String(row.purpose),
      counterpartyAccountId: String(credit ? row.debit_account_id : row.credit_account_id),
      amountMinor: signed,
      balanceAfterMinor: balance,
    };
  });
  assert(openingBalanceMinor + creditsMinor - debitsMinor === balance, 'statement does not add up');
  return {
    ok: true,
    statement: {
      platformId: scope.platformId,
      platformName: String(account.platform_name),
      accountId,
      accountType: type,
      customerId: (account.customer_id as string | null) ?? null,
      customerRef: (account.external_ref as string | null) ?? null,
      currency: String(account.currency),
      period,
      openingBalanceMinor,
      closingBalanceMinor: balance,
      creditsMinor,
      debitsMinor,
      entries,
      generatedAt: new Date(nowMs).toISOString(),
    },
  };
}
