import { randomUUID } from 'node:crypto';
import {
  authorizationMessage,
  createPlatform,
  openCustomerAccount,
  registerCustomer,
  registerCustomerKey,
  type InstructionInput,
} from '../../src/custody/index.js';
import {
  ed25519GenerateRaw,
  ed25519PrivateKeyFromSeed,
  ed25519Sign,
} from '../../src/crypto/index.js';
import { createPrincipalWithKey, type Principal } from '../../src/security/index.js';
import type { Database } from '../../src/store/index.js';

export async function bootstrapStaff(
  db: Database,
  name = 'admin',
): Promise<{ principal: Principal; apiKey: string }> {
  return db.transaction((tx) =>
    createPrincipalWithKey(tx, { kind: 'staff', platformId: null, role: 'admin', name }),
  );
}

export interface TestCustomer {
  customerId: string;
  accountId: string;
  keyId: string;
  seed: Buffer;
}

export interface TestBooks {
  staff: Principal;
  platform: Principal;
  platformId: string;
  apiKey: string;
  staffKey: string;
  customers: TestCustomer[];
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A platform with `count` customers, each with a signing key and an account in `currency`. */
export async function createTestBooks(
  db: Database,
  count = 2,
  currency = 'CNY',
): Promise<TestBooks> {
  const { principal: staff, apiKey: staffKey } = await bootstrapStaff(db);
  const created = unwrap(await createPlatform(db, staff, 'Test Platform', [currency]));
  const platform: Principal = {
    id: created.clientId,
    kind: 'platform',
    platformId: created.platformId,
    role: 'platform',
    name: 'Test Platform API',
  };
  const customers: TestCustomer[] = [];
  for (let index = 0; index < count; index += 1) {
    const { customerId } = unwrap(
      await registerCustomer(db, platform, created.platformId, {
        kind: 'person',
        externalRef: `user-${index}-${randomUUID()}`,
        personalData: {
          name: `Customer ${index}`,
          idNumber: `11010119900101${String(index).padStart(4, '0')}`,
        },
      }),
    );
    const { accountId } = unwrap(
      await openCustomerAccount(db, platform, created.platformId, customerId, currency),
    );
    const { seed, publicKey } = ed25519GenerateRaw();
    const { keyId } = unwrap(
      await registerCustomerKey(db, platform, created.platformId, customerId, publicKey),
    );
    customers.push({ customerId, accountId, keyId, seed });
  }
  return {
    staff,
    platform,
    platformId: created.platformId,
    apiKey: created.apiKey,
    staffKey,
    customers,
  };
}

/** Signs an instruction as its payer would, over the canonical authorization document. */
export function signInstruction(
  platformId: string,
  payer: TestCustomer,
  input: Omit<InstructionInput, 'authorization'>,
  payeeAccountId: string,
  options: { nonce?: string; expiresAt?: string } = {},
): InstructionInput {
  const nonce = options.nonce ?? randomUUID();
  const expiresAt = options.expiresAt ?? new Date(Date.now() + 10 * 60_000).toISOString();
  const message = authorizationMessage({
    platformId,
    type: input.type,
    payerAccountId: payer.accountId,
    ...(input.type === 'withdrawal' && input.bankAccountId !== undefined
      ? { bankAccountId: input.bankAccountId }
      : { payeeAccountId }),
    amountMinor: input.amountMinor,
    currency: input.currency,
    purpose: input.purpose,
    nonce,
    expiresAt,
  });
  const signature = ed25519Sign(ed25519PrivateKeyFromSeed(payer.seed), message).toString('base64');
  return {
    ...input,
    authorization: { kind: 'signature', keyId: payer.keyId, nonce, expiresAt, signature },
  };
}

/** A CNY 1.00 top-up of `payeeAccountId` with a fresh idempotency key (held when `hold`). */
export function testDeposit(payeeAccountId: string, hold = false): InstructionInput {
  return {
    type: 'deposit',
    idempotencyKey: randomUUID(),
    currency: 'CNY',
    amountMinor: 100n,
    purpose: 'top_up',
    payeeAccountId,
    ...(hold ? { hold: true } : {}),
  };
}
