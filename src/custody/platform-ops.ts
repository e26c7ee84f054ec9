import { appendAuditRecords } from '../audit/audit-record-store.js';
import { ed25519PublicKeyFromRaw, ed25519Verify, canonicalJson } from '../crypto/index.js';
import { ACCOUNT_TYPES, type AccountType } from '../ledger/index.js';
import { isKnownCurrency } from '../money/index.js';
import {
  createPrincipalWithKey,
  sealPersonalData,
  type PersonalData,
  type Principal,
} from '../security/index.js';
import { personalDataVaultOf } from '../security/index.js';
import {
  newId,
  SQL_UNIQUE_VIOLATION,
  sqlErrorCode,
  type Database,
  type Queryable,
} from '../store/index.js';
import { failure, success, type Result } from './errors.js';
import { DAY_MS } from './mandate.js';

export const SYSTEM_ACCOUNT_TYPES: readonly AccountType[] = ACCOUNT_TYPES.filter(
  (t) => t !== 'customer',
);
export const PLATFORM_CURRENCIES_MAX = 20;

/** Creates a platform, its API client and its system accounts in each currency. */
export async function createPlatform(
  db: Database,
  actor: Principal,
  name: string,
  currencies: string[],
): Promise<Result<{ platformId: string; apiKey: string; clientId: string }>> {
  const unknown = currencies.find((currency) => !isKnownCurrency(currency));
  if (unknown !== undefined) return failure('unknown_currency', `unknown currency ${unknown}`);
  const platformId = newId('plt');
  const created = await db.transaction(async (tx) => {
    await tx.query('INSERT INTO platforms (id, name) VALUES ($1, $2)', [platformId, name]);
    const client = await createPrincipalWithKey(tx, {
      kind: 'platform',
      platformId,
      role: 'platform',
      name: `${name} API`,
    });
    for (const currency of new Set(currencies))
      await ensureSystemAccounts(tx, platformId, currency);
    await appendAuditRecords(tx, [
      audit(actor, platformId, 'platform.created', 'platform', platformId, { name, currencies }),
      audit(actor, platformId, 'principal.created', 'principal', client.principal.id, {
        role: 'platform',
      }),
    ]);
    return { platformId, apiKey: client.apiKey, clientId: client.principal.id };
  });
  return success(created);
}

export async function ensureSystemAccounts(
  tx: Queryable,
  platformId: string,
  currency: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO accounts (id, platform_id, type, currency)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (platform_id, type, currency) WHERE customer_id IS NULL DO NOTHING`,
    [
      SYSTEM_ACCOUNT_TYPES.map(() => newId('acc')),
      SYSTEM_ACCOUNT_TYPES.map(() => platformId),
      SYSTEM_ACCOUNT_TYPES,
      SYSTEM_ACCOUNT_TYPES.map(() => currency),
    ],
  );
}

export interface CustomerInput {
  kind: 'person' | 'entity';
  externalRef: string;
  personalData: PersonalData;
}

export async function registerCustomer(
  db: Database,
  actor: Principal,
  platformId: string,
  input: CustomerInput,
): Promise<Result<{ customerId: string }>> {
  const customerId = newId('cus');
  try {
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO customers (id, platform_id, kind, external_ref, personal_data)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          customerId,
          platformId,
          input.kind,
          input.externalRef,
          JSON.stringify(
            await sealPersonalData(input.personalData, {
              vault: personalDataVaultOf(db),
              db: tx,
              platformId,
              table: 'customers',
              recordId: customerId,
            }),
          ),
        ],
      );
      await appendAuditRecords(tx, [
        audit(actor, platformId, 'customer.registered', 'customer', customerId, {
          kind: input.kind,
          externalRef: input.externalRef,
        }),
      ]);
    });
  } catch (error) {
    if (sqlErrorCode(error) === SQL_UNIQUE_VIOLATION) {
      return failure('duplicate', `a customer with externalRef ${input.externalRef} exists`);
    }
    throw error;
  }
  return success({ customerId });
}

async function customerOf(tx: Queryable, platformId: string, customerId: string): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM customers WHERE id = $1 AND platform_id = $2', [
    customerId,
    platformId,
  ]);
  return rows.length === 1;
}

export async function openCustomerAccount(
  db: Database,
  actor: Principal,
  platformId: string,
  customerId: string,
  currency: string,
): Promise<Result<{ accountId: string }>> {
  if (!isKnownCurrency(currency))
    return failure('unknown_currency', `unknown currency ${currency}`);
  const accountId = newId('acc');
  return db.transaction(async (tx) => {
    if (!(await customerOf(tx, platformId, customerId))) {
      return failure('unknown_customer', `customer ${customerId} not found`);
    }
    const inserted = await tx.query(
      `INSERT INTO accounts (id, platform_id, customer_id, type, currency)
       VALUES ($1, $2, $3, 'customer', $4) ON CONFLICT DO NOTHING RETURNING id`,
      [accountId, platformId, customerId, currency],
    );
    if (inserted.length === 0)
      return failure('duplicate', `customer already has a ${currency} account`);
    await ensureSystemAccounts(tx, platformId, currency);
    await appendAuditRecords(tx, [
      audit(actor, platformId, 'account.opened', 'account', accountId, {
        customerId,
        currency,
        type: 'customer',
      }),
    ]);
    return success({ accountId });
  });
}

export async function registerCustomerKey(
  db: Database,
  actor: Principal,
  platformId: string,
  customerId: string,
  publicKey: Buffer,
): Promise<Result<{ keyId: string }>> {
  if (publicKey.length !== 32)
    return failure('validation_failed', 'publicKey must be 32 raw bytes (base64)');
  const keyId = newId('ckey');
  return db.transaction(async (tx) => {
    if (!(await customerOf(tx, platformId, customerId))) {
      return failure('unknown_customer', `customer ${customerId} not found`);
    }
    await tx.query(
      'INSERT INTO customer_keys (id, platform_id, customer_id, public_key) VALUES ($1, $2, $3, $4)',
      [keyId, platformId, customerId, publicKey],
    );
    await appendAuditRecords(tx, [
      audit(actor, platformId, 'customer_key.registered', 'customer_key', keyId, {
        customerId,
        publicKey: publicKey.toString('base64'),
      }),
    ]);
    return success({ keyId });
  });
}

export async function revokeCustomerKey(
  db: Database,
  actor: Principal,
  platformId: string,
  keyId: string,
): Promise<Result<{ keyId: string }>> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE customer_keys SET revoked_at = now()
       WHERE id = $1 AND platform_id = $2 AND revoked_at IS NULL RETURNING id`,
      [keyId, platformId],
    );
    if (rows.length === 0) return failure('unknown_key', `active key ${keyId} not found`);
    await appendAuditRecords(tx, [
      audit(actor, platformId, 'customer_key.revoked', 'customer_key', keyId, {}),
    ]);
    return success({ keyId });
  });
}

export async function registerBankAccount(
  db: Database,
  actor: Principal,
  platformId: string,
  customerId: string,
  currency: string,
  personalData: PersonalData,
): Promise<Result<{ bankAccountId: string }>> {
  if (!isKnownCurrency(currency))
    return failure('unknown_currency', `unknown currency ${currency}`);
  const bankAccountId = newId('bnk');
  return db.transaction(async (tx) => {
    if (!(await customerOf(tx, platformId, customerId))) {
      return failure('unknown_customer', `customer ${customerId} not found`);
    }
    await tx.query(
      `INSERT INTO customer_bank_accounts (id, platform_id, customer_id, currency, personal_data)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        bankAccountId,
        platformId,
        customerId,
        currency,
        JSON.stringify(
          await sealPersonalData(personalData, {
            vault: personalDataVaultOf(db),
            db: tx,
            platformId,
            table: 'customer_bank_accounts',
            recordId: bankAccountId,
          }),
        ),
      ],
    );
    await appendAuditRecords(tx, [
      audit(actor, platformId, 'bank_account.registered', 'bank_account', bankAccountId, {
        customerId,
        currency,
      }),
    ]);
    return success({ bankAccountId });
  });
}

/** What a customer signs to grant a mandate; amounts in minor units as strings. */
export interface MandateDocument {
  platformId: string;
  customerId: string;
  payerAccountId: string;
  payeeAccountId: string;
  purpose: string;
  currency: string;
  perInstructionMaxMinor: string;
  perPeriodMaxMinor: string;
  periodDays: number;
  validFrom: string;
  validUntil: string;
  nonce: string;
}

export async function registerMandate(
  db: Database,
  actor: Principal,
  platformId: string,
  document: MandateDocument,
  keyId: string,
  signature: Buffer,
): Promise<Result<{ mandateId: string }>> {
  if (document.platformId !== platformId)
    return failure('mandate_mismatch', 'mandate is for another platform');
  const validFromMs = Date.parse(document.validFrom);
  const validUntilMs = Date.parse(document.validUntil);
  if (
    !Number.isFinite(validFromMs) ||
    !Number.isFinite(validUntilMs) ||
    validUntilMs <= validFromMs
  ) {
    return failure(
      'validation_failed',
      'validFrom and validUntil must be timestamps, validFrom first',
    );
  }
  if (validUntilMs - validFromMs > 3660 * DAY_MS)
    return failure('validation_failed', 'mandate valid too long');
  const mandateId = newId('mnd');
  return db.transaction(async (tx) => {
    const keys = await tx.query<{ customer_id: string; public_key: Buffer; revoked_at: unknown }>(
      'SELECT customer_id, public_key, revoked_at FROM customer_keys WHERE id = $1 AND platform_id = $2',
      [keyId, platformId],
    );
    const key = keys[0];
    if (key === undefined) return failure('unknown_key', `key ${keyId} is not registered`);
    if (key.revoked_at !== null) return failure('key_revoked', 'the signing key was revoked');
    if (key.customer_id !== document.customerId)
      return failure('key_not_customer', 'key belongs to another customer');
    const message = Buffer.from(canonicalJson(document), 'utf8');
    if (
      !ed25519Verify(ed25519PublicKeyFromRaw(new Uint8Array(key.public_key)), message, signature)
    ) {
      return failure('bad_signature', 'the mandate signature does not verify');
    }
    const accounts = await tx.query<{ id: string; customer_id: string | null; currency: string }>(
      'SELECT id, customer_id, currency FROM accounts WHERE platform_id = $1 AND id = ANY($2::text[])',
      [platformId, [document.payerAccountId, document.payeeAccountId]],
    );
    const payer = accounts.find((a) => a.id === document.payerAccountId);
    const payee = accounts.find((a) => a.id === document.payeeAccountId);
    if (payer === undefined || payee === undefined)
      return failure('unknown_account', 'mandate accounts not found');
    if (payer.customer_id !== document.customerId)
      return failure('mandate_mismatch', "payer is not the signer's account");
    if (payer.currency !== document.currency || payee.currency !== document.currency) {
      return failure('currency_mismatch', 'mandate accounts are in another currency');
    }
    await tx.query(
      `INSERT INTO mandates (id, platform_id, customer_id, payer_account_id, payee_account_id, purpose,
         per_instruction_max_minor, per_period_max_minor, period_days, valid_from, valid_until,
         period_started_at, key_id, signed_document, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $12, $13, $14)`,
      [
        mandateId,
        platformId,
        document.customerId,
        document.payerAccountId,
        document.payeeAccountId,
        document.purpose,
        document.perInstructionMaxMinor,
        document.perPeriodMaxMinor,
        document.periodDays,
        document.validFrom,
        document.validUntil,
        keyId,
        JSON.stringify(document),
        signature,
      ],
    );
    await appendAuditRecords(tx, [
      audit(actor, platformId, 'mandate.registered', 'mandate', mandateId, {
        document: { ...document },
        keyId,
        signature: signature.toString('base64'),
      }),
    ]);
    return success({ mandateId });
  });
}

export function audit(
  actor: Principal,
  platformId: string | null,
  action: string,
  subjectType: string,
  subjectId: string,
  payload: Record<string, unknown>,
) {
  return { platformId, actor: actor.id, action, subjectType, subjectId, payload, atMs: Date.now() };
}

export function isSystemAccountType(type: string): type is AccountType {
  return (SYSTEM_ACCOUNT_TYPES as readonly string[]).includes(type);
}
