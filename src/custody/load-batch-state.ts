import { assert } from '../assert.js';
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
  const { existing, usedNonces } = await loadExistingAndNonces(
    tx,
    batch,
    nonceCustomers,
    nonceValues,
  );
  const accounts = await lockAccounts(tx, [...accountIds].sort());
  // Read after the account locks: a freeze or key revocation committed before them is seen.
  const { customerFreezes, accountFreezes, keys } = await loadFreezesAndKeys(
    tx,
    [...customerIds],
    [...accountIds],
    [...keyIds],
  );
  const mandates = await lockMandates(tx, [...mandateIds].sort());
  return { accounts, existing, usedNonces, customerFreezes, accountFreezes, mandates, keys };
}

/**
 * Instructions already stored under the batch's idempotency keys, and the authorization nonces
 * (customer, nonce) of the batch that are already used: one statement, one round trip.
 */
async function loadExistingAndNonces(
  tx: Queryable,
  batch: readonly PreparedInstruction[],
  nonceCustomers: string[],
  nonceValues: string[],
): Promise<Pick<BatchState, 'existing' | 'usedNonces'>> {
  const rows = await tx.query<{
    kind: 'existing' | 'nonce';
    id: string | null;
    platform_id: string | null;
    idempotency_key: string | null;
    request_hash: Buffer | null;
    status: StoredInstructionRef['status'] | null;
    auth_customer_id: string | null;
    auth_nonce: string | null;
  }>(
    `SELECT 'existing' AS kind, i.id, i.platform_id, i.idempotency_key, i.request_hash, i.status,
       NULL::text AS auth_customer_id, NULL::text AS auth_nonce
     FROM instructions i
     JOIN unnest($1::text[], $2::text[]) AS k (platform_id, idempotency_key)
       ON i.platform_id = k.platform_id AND i.idempotency_key = k.idempotency_key
     UNION ALL
     SELECT 'nonce', NULL, NULL, NULL, NULL, NULL, i.auth_customer_id, i.auth_nonce
     FROM instructions i
     JOIN unnest($3::text[], $4::text[]) AS n (customer_id, nonce)
       ON i.auth_customer_id = n.customer_id AND i.auth_nonce = n.nonce`,
    [
      batch.map((p) => p.platformId),
      batch.map((p) => p.input.idempotencyKey),
      nonceCustomers,
      nonceValues,
    ],
  );
  const existing: StoredInstructionRef[] = [];
  const usedNonces = new Set<string>();
  for (const row of rows) {
    if (row.kind === 'nonce') {
      const { auth_customer_id: customerId, auth_nonce: nonce } = row;
      assert(customerId !== null && nonce !== null, 'a used nonce names its customer');
      usedNonces.add(nonceSlot(customerId, nonce));
      continue;
    }
    const { id, platform_id: platformId, idempotency_key: idempotencyKey } = row;
    assert(
      id !== null && platformId !== null && idempotencyKey !== null,
      'a stored instruction has an id, a platform and an idempotency key',
    );
    assert(row.request_hash !== null && row.status !== null, 'a stored instruction has a hash');
    existing.push({
      id,
      platformId,
      idempotencyKey,
      requestHash: Buffer.from(row.request_hash),
      status: row.status,
    });
  }
  return { existing, usedNonces };
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

/** The freezes in force on the customers $1 or the accounts $2: one definition for every read. */
const FREEZES_IN_FORCE =
  'lifted_at IS NULL AND (customer_id = ANY($1::text[]) OR account_id = ANY($2::text[]))';

export async function loadFreezes(
  tx: Queryable,
  customerIds: string[],
  accountIds: string[],
): Promise<Pick<BatchState, 'customerFreezes' | 'accountFreezes'>> {
  const rows = await tx.query<FreezeRow>(
    `SELECT customer_id, account_id, scope FROM freezes WHERE ${FREEZES_IN_FORCE}`,
    [customerIds, accountIds],
  );
  return freezesByTarget(rows);
}

// A type, not an interface: query rows must satisfy Row's index signature.
type FreezeRow = {
  customer_id: string | null;
  account_id: string | null;
  scope: FreezeScope;
};

/** The broadest freeze in force per customer and per account ('all' covers 'debits'). */
function freezesByTarget(
  rows: readonly FreezeRow[],
): Pick<BatchState, 'customerFreezes' | 'accountFreezes'> {
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

/** Freezes in force (as loadFreezes) and the signing keys the batch names: one round trip. */
async function loadFreezesAndKeys(
  tx: Queryable,
  customerIds: string[],
  accountIds: string[],
  keyIds: string[],
): Promise<Pick<BatchState, 'customerFreezes' | 'accountFreezes' | 'keys'>> {
  const rows = await tx.query<
    FreezeRow & { kind: 'freeze' | 'key'; key_id: string | null; revoked: boolean | null }
  >(
    `SELECT 'freeze' AS kind, customer_id, account_id, scope, NULL::text AS key_id,
       NULL::boolean AS revoked
     FROM freezes WHERE ${FREEZES_IN_FORCE}
     UNION ALL
     SELECT 'key', customer_id, NULL, NULL, id, revoked_at IS NOT NULL
     FROM customer_keys WHERE id = ANY($3::text[])`,
    [customerIds, accountIds, keyIds],
  );
  const keys: BatchState['keys'] = new Map();
  for (const row of rows) {
    if (row.kind !== 'key') continue;
    assert(row.key_id !== null && row.customer_id !== null, 'a key row names key and customer');
    keys.set(row.key_id, { customerId: row.customer_id, revoked: row.revoked === true });
  }
  return { ...freezesByTarget(rows.filter((row) => row.kind === 'freeze')), keys };
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
