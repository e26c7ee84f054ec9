import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { apiCaller } from './api-caller.js';

/** Everything the console test expects to find, created through the public API. */
export interface ConsoleBooks {
  platformId: string;
  platformName: string;
  platformKey: string;
  customerId: string;
  customerExternalRef: string;
  accountId: string;
  bankAccountNumber: string;
  depositId: string;
  heldDepositId: string;
  freezeId: string;
}

export const CUSTOMER_NAME = 'Alice Zhang';
export const DEPOSIT_AMOUNT = '1250.50';
export const HELD_AMOUNT = '300.00';

/** The raw 32-byte Ed25519 public key a customer would register, base64. */
function customerPublicKey(): string {
  const spki = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32).toString('base64');
}

/**
 * A platform (created by staff) with one customer who has a CNY account, a bank account and a
 * signing key; one posted deposit, one deposit held at the platform's request, and a debit
 * freeze on the customer.
 */
export async function seedConsoleBooks(baseUrl: string, staffKey: string): Promise<ConsoleBooks> {
  const staff = apiCaller(baseUrl, staffKey);
  const platformName = 'Lianhua Wealth';
  const created = await staff.call<{ platform: { id: string }; apiKey: string }>(
    'POST',
    '/v1/platforms',
    {
      name: platformName,
      currencies: ['CNY'],
    },
  );
  const platformId = created.platform.id;
  const platform = apiCaller(baseUrl, created.apiKey);
  const base = `/v1/platforms/${platformId}`;

  const customerExternalRef = `alice-${randomUUID().slice(0, 8)}`;
  const customer = await platform.call<{ id: string }>('POST', `${base}/customers`, {
    kind: 'person',
    externalRef: customerExternalRef,
    name: CUSTOMER_NAME,
    idNumber: '110101199001011234',
  });
  const customerPath = `${base}/customers/${customer.id}`;
  const account = await platform.call<{ id: string }>('POST', `${customerPath}/accounts`, {
    currency: 'CNY',
  });
  const bankAccountNumber = '6222020200112233445';
  await platform.call('POST', `${customerPath}/bank-accounts`, {
    currency: 'CNY',
    accountNumber: bankAccountNumber,
    bankName: 'ICBC Shanghai',
    holderName: CUSTOMER_NAME,
  });
  await platform.call('POST', `${customerPath}/keys`, { publicKey: customerPublicKey() });

  const deposit = (amount: string, purpose: string, hold: boolean) =>
    platform.call<{ id: string; status: string }>(
      'POST',
      `${base}/instructions`,
      { type: 'deposit', amount, currency: 'CNY', purpose, payeeAccountId: account.id, hold },
      { 'idempotency-key': randomUUID() },
    );
  const posted = await deposit(DEPOSIT_AMOUNT, 'Initial deposit', false);
  const held = await deposit(HELD_AMOUNT, 'Top-up under review', true);
  if (posted.status !== 'posted' || held.status !== 'pending') {
    throw new Error(`unexpected deposit statuses ${posted.status} / ${held.status}`);
  }
  const freeze = await staff.call<{ id: string }>('POST', `${base}/freezes`, {
    customerId: customer.id,
    scope: 'debits',
    reasonCode: 'aml_investigation',
    note: 'Unusual inbound pattern',
  });
  return {
    platformId,
    platformName,
    platformKey: created.apiKey,
    customerId: customer.id,
    customerExternalRef,
    accountId: account.id,
    bankAccountNumber,
    depositId: posted.id,
    heldDepositId: held.id,
    freezeId: freeze.id,
  };
}

/** More customers, so that the customer list needs a second page (the console shows 50). */
export async function seedMoreCustomers(
  baseUrl: string,
  books: ConsoleBooks,
  count: number,
): Promise<void> {
  const platform = apiCaller(baseUrl, books.platformKey);
  for (let index = 0; index < count; index += 1) {
    await platform.call('POST', `/v1/platforms/${books.platformId}/customers`, {
      kind: index % 2 === 0 ? 'person' : 'entity',
      externalRef: `bulk-${String(index).padStart(3, '0')}`,
      name: `Bulk Customer ${index}`,
    });
  }
}
