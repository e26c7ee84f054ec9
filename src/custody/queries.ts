import { balanceOf, type AccountType, type Balance } from '../ledger/index.js';
import { maskText, openPersonalData } from '../security/index.js';
import { personalDataVaultOf } from '../security/index.js';
import { toBigInt, type Queryable } from '../store/index.js';

export const LIST_LIMIT_MAX = 500;
export const LIST_LIMIT_DEFAULT = 50;

export interface AccountView {
  id: string;
  platformId: string;
  type: AccountType;
  customerId: string | null;
  currency: string;
  balance: Balance;
  createdAt: string;
}

const ACCOUNT_COLUMNS = `id, platform_id, type, customer_id, currency, debits_pending, debits_posted,
  credits_pending, credits_posted, created_at`;

function accountView(row: Record<string, unknown>): AccountView {
  const type = row.type as AccountType;
  return {
    id: String(row.id),
    platformId: String(row.platform_id),
    type,
    customerId: (row.customer_id as string | null) ?? null,
    currency: String(row.currency),
    balance: balanceOf(type, {
      debitsPendingMinor: toBigInt(row.debits_pending),
      debitsPostedMinor: toBigInt(row.debits_posted),
      creditsPendingMinor: toBigInt(row.credits_pending),
      creditsPostedMinor: toBigInt(row.credits_posted),
    }),
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isInteger(limit) || limit < 1) return LIST_LIMIT_DEFAULT;
  return Math.min(limit, LIST_LIMIT_MAX);
}

export async function listAccounts(
  db: Queryable,
  platformId: string,
  filter: {
    type?: string;
    currency?: string;
    customerId?: string;
    limit?: number;
    cursor?: string;
  },
): Promise<{ items: AccountView[]; nextCursor: string | null }> {
  const limit = clampLimit(filter.limit);
  const rows = await db.query(
    `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE platform_id = $1
       AND ($2::text IS NULL OR type = $2) AND ($3::text IS NULL OR currency = $3)
       AND ($4::text IS NULL OR customer_id = $4) AND ($5::text IS NULL OR id > $5)
     ORDER BY id LIMIT $6`,
    [
      platformId,
      filter.type ?? null,
      filter.currency ?? null,
      filter.customerId ?? null,
      filter.cursor ?? null,
      limit + 1,
    ],
  );
  return page(rows.map(accountView), limit, (item) => item.id);
}

export async function getAccount(
  db: Queryable,
  platformId: string,
  accountId: string,
): Promise<AccountView | null> {
  const rows = await db.query(
    `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1 AND platform_id = $2`,
    [accountId, platformId],
  );
  return rows[0] === undefined ? null : accountView(rows[0]);
}

function page<T>(
  items: T[],
  limit: number,
  cursorOf: (item: T) => string,
): { items: T[]; nextCursor: string | null } {
  const more = items.length > limit;
  const kept = more ? items.slice(0, limit) : items;
  const last = kept.at(-1);
  return { items: kept, nextCursor: more && last !== undefined ? cursorOf(last) : null };
}

export interface StatementLine {
  transferId: string;
  instructionId: string;
  at: string;
  phase: string;
  direction: 'debit' | 'credit';
  amountMinor: bigint;
  runningBalanceMinor: bigint;
  counterpartyAccountId: string;
}

/**
 * Posted movements of one account, newest first, each with the posted balance after it.
 * The running balance is computed from the whole journal by the database, so a page deep in
 * history shows the same figures as the first page.
 */
export async function accountStatement(
  db: Queryable,
  account: AccountView,
  options: { limit?: number; before?: string },
): Promise<{ items: StatementLine[]; nextCursor: string | null }> {
  const limit = clampLimit(options.limit);
  const sign = account.type === 'clearing' || account.type === 'custody_bank' ? -1 : 1;
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT t.id, t.instruction_id, t.created_at, t.phase, t.amount_minor,
         CASE WHEN t.debit_account_id = $1 THEN 'debit' ELSE 'credit' END AS direction,
         CASE WHEN t.debit_account_id = $1 THEN t.credit_account_id ELSE t.debit_account_id END AS counterparty,
         sum(CASE WHEN t.phase IN ('single', 'post_pending')
               THEN CASE WHEN t.debit_account_id = $1 THEN -t.amount_minor ELSE t.amount_minor END
               ELSE 0 END) OVER (ORDER BY t.id) AS running
       FROM transfers t WHERE t.debit_account_id = $1 OR t.credit_account_id = $1
     ) lines
     WHERE phase IN ('single', 'post_pending') AND ($2::bigint IS NULL OR id < $2)
     ORDER BY id DESC LIMIT $3`,
    [account.id, options.before ?? null, limit + 1],
  );
  const items = rows.map((row) => ({
    transferId: String(row.id),
    instructionId: String(row.instruction_id),
    at: new Date(row.created_at as string).toISOString(),
    phase: String(row.phase),
    direction: row.direction as 'debit' | 'credit',
    amountMinor: toBigInt(row.amount_minor),
    runningBalanceMinor: BigInt(sign) * toBigInt(row.running),
    counterpartyAccountId: String(row.counterparty),
  }));
  return page(items, limit, (item) => item.transferId);
}

export interface TrialBalance {
  currency: string;
  debitsMinor: bigint;
  creditsMinor: bigint;
  balanced: boolean;
  byType: { type: AccountType; postedMinor: bigint; pendingMinor: bigint; accounts: number }[];
}

/** Per currency: total debits equal total credits, and what each account type holds. */
export async function trialBalance(db: Queryable, platformId: string): Promise<TrialBalance[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT currency, type, count(*) AS accounts,
       sum(debits_posted) AS dpo, sum(credits_posted) AS cpo,
       sum(debits_pending) AS dp, sum(credits_pending) AS cp
     FROM accounts WHERE platform_id = $1 GROUP BY currency, type ORDER BY currency, type`,
    [platformId],
  );
  const byCurrency = new Map<string, TrialBalance>();
  for (const row of rows) {
    const currency = String(row.currency);
    const type = row.type as AccountType;
    const counters = {
      debitsPostedMinor: toBigInt(row.dpo),
      creditsPostedMinor: toBigInt(row.cpo),
      debitsPendingMinor: toBigInt(row.dp),
      creditsPendingMinor: toBigInt(row.cp),
    };
    const entry = byCurrency.get(currency) ?? {
      currency,
      debitsMinor: 0n,
      creditsMinor: 0n,
      balanced: true,
      byType: [],
    };
    entry.debitsMinor += counters.debitsPostedMinor + counters.debitsPendingMinor;
    entry.creditsMinor += counters.creditsPostedMinor + counters.creditsPendingMinor;
    const balance = balanceOf(type, counters);
    entry.byType.push({
      type,
      postedMinor: balance.postedMinor,
      pendingMinor: balance.pendingMinor,
      accounts: Number(row.accounts),
    });
    byCurrency.set(currency, entry);
  }
  for (const entry of byCurrency.values())
    entry.balanced = entry.debitsMinor === entry.creditsMinor;
  return [...byCurrency.values()];
}

export interface CustomerView {
  id: string;
  kind: 'person' | 'entity';
  externalRef: string;
  displayName: string;
  status: string;
  createdAt: string;
}

async function customerView(db: Queryable, row: Record<string, unknown>): Promise<CustomerView> {
  const data = await openPersonalData(
    row.personal_data,
    {
      vault: personalDataVaultOf(db),
      db,
      platformId: String(row.platform_id),
      table: 'customers',
      recordId: String(row.id),
    },
    ['name'],
  );
  return {
    id: String(row.id),
    kind: row.kind as CustomerView['kind'],
    externalRef: String(row.external_ref),
    displayName: maskText(data.name),
    status: String(row.status),
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

export async function listCustomers(
  db: Queryable,
  platformId: string,
  options: { limit?: number; cursor?: string },
): Promise<{ items: CustomerView[]; nextCursor: string | null }> {
  const limit = clampLimit(options.limit);
  const rows = await db.query(
    `SELECT id, platform_id, kind, external_ref, personal_data, status, created_at FROM customers
     WHERE platform_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`,
    [platformId, options.cursor ?? null, limit + 1],
  );
  const views = await Promise.all(rows.map((row) => customerView(db, row)));
  return page(views, limit, (item) => item.id);
}

export async function getCustomer(db: Queryable, platformId: string, customerId: string) {
  const rows = await db.query(
    'SELECT id, platform_id, kind, external_ref, personal_data, status, created_at FROM customers WHERE id = $1 AND platform_id = $2',
    [customerId, platformId],
  );
  if (rows[0] === undefined) return null;
  const accounts = await db.query(
    `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE customer_id = $1 ORDER BY id`,
    [customerId],
  );
  const keys = await db.query<{ id: string; created_at: Date; revoked_at: Date | null }>(
    'SELECT id, created_at, revoked_at FROM customer_keys WHERE customer_id = $1 ORDER BY id',
    [customerId],
  );
  const banks = await db.query<{ id: string; currency: string; personal_data: unknown }>(
    'SELECT id, currency, personal_data FROM customer_bank_accounts WHERE customer_id = $1 ORDER BY id',
    [customerId],
  );
  const mandates = await db.query<Record<string, unknown>>(
    `SELECT id, payer_account_id, payee_account_id, purpose, per_instruction_max_minor,
       per_period_max_minor, period_days, valid_from, valid_until, revoked_at,
       (SELECT currency FROM accounts WHERE id = payer_account_id) AS currency
     FROM mandates WHERE customer_id = $1 ORDER BY id`,
    [customerId],
  );
  return {
    customer: await customerView(db, rows[0]),
    accounts: accounts.map(accountView),
    keys: keys.map((k) => ({
      id: k.id,
      createdAt: iso(k.created_at),
      revokedAt: k.revoked_at === null ? null : iso(k.revoked_at),
    })),
    bankAccounts: await Promise.all(
      banks.map(async (b) => {
        const data = await openPersonalData(
          b.personal_data,
          {
            vault: personalDataVaultOf(db),
            db,
            platformId,
            table: 'customer_bank_accounts',
            recordId: b.id,
          },
          ['accountNumber', 'bankName'],
        );
        return {
          id: b.id,
          currency: b.currency,
          maskedNumber: maskText(data.accountNumber),
          bankName: data.bankName ?? '',
        };
      }),
    ),
    mandates: mandates.map((m) => ({
      id: String(m.id),
      payerAccountId: String(m.payer_account_id),
      payeeAccountId: String(m.payee_account_id),
      purpose: String(m.purpose),
      currency: String(m.currency),
      perInstructionMaxMinor: toBigInt(m.per_instruction_max_minor),
      perPeriodMaxMinor: toBigInt(m.per_period_max_minor),
      periodDays: Number(m.period_days),
      validFrom: iso(m.valid_from),
      validUntil: iso(m.valid_until),
      revokedAt: m.revoked_at === null ? null : iso(m.revoked_at),
    })),
  };
}

export function iso(value: unknown): string {
  return new Date(value as string).toISOString();
}
