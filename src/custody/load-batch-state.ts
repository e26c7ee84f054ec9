import type { LedgerAccount } from '../ledger/index.js';
import { toBigInt, type Queryable } from '../store/index.js';
import type { BatchState, FreezeScope, StoredInstructionRef } from './decide-batch.js';
import { nonceSlot } from './decide-batch.js';
import type { MandateState } from './mandate.js';
import type { PreparedInstruction } from './prepared-instruction.js';

/**
 * Reads, under row locks, everything `decideBatch` needs. Accounts and mandates are locked in
 * id order so concurrent batches on a PostgreSQL server cannot deadlock each other.
 */
export async function loadBatchState(
  tx: Queryable,
  batch: readonly PreparedInstruction[],
): Promise<BatchState> {
  const accountIds = new Set<string>();
  const customerIds = new Set<string>();
  const mandateIds = new Set<string>();
  const keyIds = new Set<string>();
  const nonceCustomers: string[] = [];
  const nonceValues: string[] = [];
  for (const prepared of batch) {
    for (const account of [prepared.route.debit, prepared.route.credit]) {
      accountIds.add(account.id);
      if (account.customerId !== null) customerIds.add(account.customerId);
    }
    const auth = prepared.authorization;
    if (auth.kind === 'mandate') mandateIds.add(auth.mandateId);
    if (auth.kind === 'signature') {
      keyIds.add(auth.keyId);
      nonceCustomers.push(auth.customerId);
      nonceValues.push(auth.nonce);
    }
    if (auth.kind === 'passkey') {
      nonceCustomers.push(auth.customerId);
      nonceValues.push(auth.nonce);
    }
  }
  const existing = await loadExisting(tx, batch);
  const usedNonces = await loadUsedNonces(tx, nonceCustomers, nonceValues);
  const accounts = await lockAccounts(tx, [...accountIds].sort());
  const { customerFreezes, accountFreezes } = await loadFreezes(
    tx,
    [...customerIds],
    [...accountIds],
  );
  const mandates = await lockMandates(tx, [...mandateIds].sort());
  const keys = await loadKeys(tx, [...keyIds]);
  return { accounts, existing, usedNonces, customerFreezes, accountFreezes, mandates, keys };
}

async function loadExisting(
  tx: Queryable,
  batch: readonly PreparedInstruction[],
): Promise<StoredInstructionRef[]> {
  const rows = await tx.query<{
    id: string;
    platform_id: string;
    idempotency_key: string;
    request_hash: Buffer;
    status: StoredInstructionRef['status'];
  }>(
    `SELECT i.id, i.platform_id, i.idempotency_key, i.request_hash, i.status
     FROM instructions i
     JOIN unnest($1::text[], $2::text[]) AS k (platform_id, idempotency_key)
       ON i.platform_id = k.platform_id AND i.idempotency_key = k.idempotency_key`,
    [batch.map((p) => p.platformId), batch.map((p) => p.input.idempotencyKey)],
  );
  return rows.map((row) => ({
    id: row.id,
    platformId: row.platform_id,
    idempotencyKey: row.idempotency_key,
    requestHash: Buffer.from(row.request_hash),
    status: row.status,
  }));
}

async function loadUsedNonces(
  tx: Queryable,
  customerIds: string[],
  nonces: string[],
): Promise<Set<string>> {
  if (nonces.length === 0) return new Set();
  const rows = await tx.query<{ auth_customer_id: string; auth_nonce: string }>(
    `SELECT i.auth_customer_id, i.auth_nonce FROM instructions i
     JOIN unnest($1::text[], $2::text[]) AS n (customer_id, nonce)
       ON i.auth_customer_id = n.customer_id AND i.auth_nonce = n.nonce`,
    [customerIds, nonces],
  );
  return new Set(rows.map((row) => nonceSlot(row.auth_customer_id, row.auth_nonce)));
}

export async function lockAccounts(tx: Queryable, ids: string[]): Promise<LedgerAccount[]> {
  const rows = await tx.query<Record<string, string | null>>(
    `SELECT id, platform_id, customer_id, type, currency, debits_pending, debits_posted,
       credits_pending, credits_posted
     FROM accounts WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return rows.map((row) => ({
    id: String(row.id),
    platformId: String(row.platform_id),
    customerId: row.customer_id ?? null,
    type: row.type as LedgerAccount['type'],
    currency: String(row.currency),
    debitsPendingMinor: toBigInt(row.debits_pending),
    debitsPostedMinor: toBigInt(row.debits_posted),
    creditsPendingMinor: toBigInt(row.credits_pending),
    creditsPostedMinor: toBigInt(row.credits_posted),
  }));
}

export async function loadFreezes(
  tx: Queryable,
  customerIds: string[],
  accountIds: string[],
): Promise<Pick<BatchState, 'customerFreezes' | 'accountFreezes'>> {
  const rows = await tx.query<{
    customer_id: string | null;
    account_id: string | null;
    scope: FreezeScope;
  }>(
    `SELECT customer_id, account_id, scope FROM freezes
     WHERE lifted_at IS NULL AND (customer_id = ANY($1::text[]) OR account_id = ANY($2::text[]))`,
    [customerIds, accountIds],
  );
  const customerFreezes = new Map<string, FreezeScope>();
  const accountFreezes = new Map<string, FreezeScope>();
  for (const row of rows) {
    const target = row.customer_id !== null ? customerFreezes : accountFreezes;
    const id = row.customer_id ?? row.account_id;
    if (id === null) continue;
    if (target.get(id) !== 'all') target.set(id, row.scope);
  }
  return { customerFreezes, accountFreezes };
}

async function lockMandates(tx: Queryable, ids: string[]): Promise<Map<string, MandateState>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT id, customer_id, payer_account_id, payee_account_id, purpose,
       per_instruction_max_minor, per_period_max_minor, period_days, valid_from, valid_until,
       period_started_at, period_used_minor, revoked_at
     FROM mandates WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return new Map(rows.map((row) => [String(row.id), mandateFromRow(row)]));
}

export function mandateFromRow(row: Record<string, unknown>): MandateState {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    payerAccountId: String(row.payer_account_id),
    payeeAccountId: String(row.payee_account_id),
    purpose: String(row.purpose),
    perInstructionMaxMinor: toBigInt(row.per_instruction_max_minor),
    perPeriodMaxMinor: toBigInt(row.per_period_max_minor),
    periodDays: Number(row.period_days),
    validFromMs: new Date(row.valid_from as string).getTime(),
    validUntilMs: new Date(row.valid_until as string).getTime(),
    periodStartedAtMs: new Date(row.period_started_at as string).getTime(),
    periodUsedMinor: toBigInt(row.period_used_minor),
    revoked: row.revoked_at !== null,
  };
}

async function loadKeys(
  tx: Queryable,
  ids: string[],
): Promise<Map<string, { customerId: string; revoked: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; customer_id: string; revoked_at: unknown }>(
    'SELECT id, customer_id, revoked_at FROM customer_keys WHERE id = ANY($1::text[])',
    [ids],
  );
  return new Map(
    rows.map((row) => [row.id, { customerId: row.customer_id, revoked: row.revoked_at !== null }]),
  );
}
