import { randomUUID } from 'node:crypto';
import {
  authorizationMessage,
  createPlatform,
  openCustomerAccount,
  registerCustomer,
  registerCustomerKey,
  registerMandate,
  type Custody,
  type InstructionInput,
  type MandateDocument,
} from '../src/custody/index.js';
import {
  canonicalJson,
  ed25519GenerateRaw,
  ed25519PrivateKeyFromSeed,
  ed25519Sign,
} from '../src/crypto/index.js';
import { createPrincipalWithKey, type Principal } from '../src/security/index.js';
import type { Database } from '../src/store/index.js';

export interface BenchCustomer {
  customerId: string;
  accountId: string;
  keyId: string;
  seed: Buffer;
}

export interface BenchBooks {
  platformId: string;
  platform: Principal;
  apiKey: string;
  customers: BenchCustomer[];
  /** mandateByPair.get(`${payer}/${payee}`) for repayments from borrower to lender. */
  mandates: { payer: BenchCustomer; payee: BenchCustomer; mandateId: string }[];
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A platform with funded customers, keys, and repayment mandates between pairs. */
export async function createBenchBooks(
  db: Database,
  custody: Custody,
  customerCount: number,
): Promise<BenchBooks> {
  const staff = (
    await db.transaction((tx) =>
      createPrincipalWithKey(tx, {
        kind: 'staff',
        platformId: null,
        role: 'admin',
        name: `bench-${randomUUID()}`,
      }),
    )
  ).principal;
  const created = must(await createPlatform(db, staff, 'Bench', ['CNY']));
  const platform: Principal = {
    id: created.clientId,
    kind: 'platform',
    platformId: created.platformId,
    role: 'platform',
    name: 'bench',
  };
  const customers: BenchCustomer[] = [];
  for (let index = 0; index < customerCount; index += 1) {
    const { customerId } = must(
      await registerCustomer(db, platform, created.platformId, {
        kind: 'person',
        externalRef: `b${index}`,
        personalData: { name: `B${index}` },
      }),
    );
    const { accountId } = must(
      await openCustomerAccount(db, platform, created.platformId, customerId, 'CNY'),
    );
    const pair = ed25519GenerateRaw();
    const { keyId } = must(
      await registerCustomerKey(db, platform, created.platformId, customerId, pair.publicKey),
    );
    customers.push({ customerId, accountId, keyId, seed: pair.seed });
  }
  await Promise.all(
    customers.map((customer) =>
      custody.submit(platform, created.platformId, {
        type: 'deposit',
        idempotencyKey: randomUUID(),
        currency: 'CNY',
        amountMinor: 10n ** 12n,
        purpose: 'top_up',
        payeeAccountId: customer.accountId,
      }),
    ),
  );
  const mandates: BenchBooks['mandates'] = [];
  for (let index = 0; index + 1 < customers.length; index += 2) {
    const payer = customers[index];
    const payee = customers[index + 1];
    if (payer === undefined || payee === undefined) continue;
    const now = Date.now();
    const document: MandateDocument = {
      platformId: created.platformId,
      customerId: payer.customerId,
      payerAccountId: payer.accountId,
      payeeAccountId: payee.accountId,
      purpose: 'repayment',
      currency: 'CNY',
      perInstructionMaxMinor: '100000000',
      perPeriodMaxMinor: '1000000000000000',
      periodDays: 30,
      validFrom: new Date(now - 60_000).toISOString(),
      validUntil: new Date(now + 86_400_000).toISOString(),
      nonce: randomUUID(),
    };
    const signature = ed25519Sign(
      ed25519PrivateKeyFromSeed(payer.seed),
      Buffer.from(canonicalJson(document)),
    );
    mandates.push({
      payer,
      payee,
      mandateId: must(
        await registerMandate(db, platform, created.platformId, document, payer.keyId, signature),
      ).mandateId,
    });
  }
  return { platformId: created.platformId, platform, apiKey: created.apiKey, customers, mandates };
}

export type MixKind = 'deposit' | 'repayment' | 'signed_transfer';
/** The realistic mix: half deposits, 30% mandate-authorized repayments, 20% signed transfers. */
export const MIX: readonly MixKind[] = [
  'deposit',
  'deposit',
  'deposit',
  'deposit',
  'deposit',
  'repayment',
  'repayment',
  'repayment',
  'signed_transfer',
  'signed_transfer',
];

export function makeInstruction(books: BenchBooks, index: number, kind: MixKind): InstructionInput {
  const customer = books.customers[index % books.customers.length] as BenchCustomer;
  const base = {
    idempotencyKey: randomUUID(),
    currency: 'CNY',
    amountMinor: BigInt(100 + (index % 900)),
  };
  if (kind === 'deposit')
    return { ...base, type: 'deposit', purpose: 'top_up', payeeAccountId: customer.accountId };
  if (kind === 'repayment') {
    const mandate = books.mandates[index % books.mandates.length];
    if (mandate === undefined) throw new Error('no mandates');
    return {
      ...base,
      type: 'transfer',
      purpose: 'repayment',
      payerAccountId: mandate.payer.accountId,
      payeeAccountId: mandate.payee.accountId,
      authorization: { kind: 'mandate', mandateId: mandate.mandateId },
    };
  }
  const payee = books.customers[(index + 7) % books.customers.length] as BenchCustomer;
  const nonce = randomUUID();
  const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
  const input = {
    ...base,
    type: 'transfer' as const,
    purpose: 'investment',
    payerAccountId: customer.accountId,
    payeeAccountId: payee.accountId,
  };
  const message = authorizationMessage({
    platformId: books.platformId,
    ...input,
    nonce,
    expiresAt,
  });
  const signature = ed25519Sign(ed25519PrivateKeyFromSeed(customer.seed), message).toString(
    'base64',
  );
  return {
    ...input,
    authorization: { kind: 'signature', keyId: customer.keyId, nonce, expiresAt, signature },
  };
}
