import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBooks, type TestBooks, type TestCustomer } from '../../test/support/books.js';
import { createTestDatabase } from '../../test/support/test-database.js';
import { canonicalJson, ed25519PrivateKeyFromSeed, ed25519Sign } from '../crypto/index.js';
import type { Database } from '../store/index.js';
import { Custody, registerMandate, type InstructionInput, type MandateDocument } from './index.js';
import { applyMandate, DAY_MS, type MandateState } from './mandate.js';

let db: Database;
let custody: Custody;
let books: TestBooks;
let borrower: TestCustomer;
let lender: TestCustomer;

beforeAll(async () => {
  db = await createTestDatabase();
  custody = new Custody(db);
  books = await createTestBooks(db, 3);
  [borrower, lender] = books.customers as [TestCustomer, TestCustomer];
  const funded = await custody.submit(books.platform, books.platformId, {
    type: 'deposit',
    idempotencyKey: randomUUID(),
    currency: 'CNY',
    amountMinor: 100_000n,
    purpose: 'top_up',
    payeeAccountId: borrower.accountId,
  });
  expect(funded.ok).toBe(true);
});
afterAll(async () => {
  await custody.close();
  await db.close();
});

function document(overrides: Partial<MandateDocument> = {}): MandateDocument {
  const now = Date.now();
  return {
    platformId: books.platformId,
    customerId: borrower.customerId,
    payerAccountId: borrower.accountId,
    payeeAccountId: lender.accountId,
    purpose: 'repayment',
    currency: 'CNY',
    perInstructionMaxMinor: '1000',
    perPeriodMaxMinor: '1500',
    periodDays: 30,
    validFrom: new Date(now - 60_000).toISOString(),
    validUntil: new Date(now + DAY_MS).toISOString(),
    nonce: randomUUID(),
    ...overrides,
  };
}

function sign(doc: MandateDocument, signer: TestCustomer = borrower): Buffer {
  return ed25519Sign(ed25519PrivateKeyFromSeed(signer.seed), Buffer.from(canonicalJson(doc)));
}

function repayment(
  mandateId: string,
  amountMinor: bigint,
  payeeAccountId = lender.accountId,
): InstructionInput {
  return {
    type: 'transfer',
    idempotencyKey: randomUUID(),
    currency: 'CNY',
    amountMinor,
    purpose: 'repayment',
    payerAccountId: borrower.accountId,
    payeeAccountId,
    authorization: { kind: 'mandate', mandateId },
  };
}

describe('mandates', () => {
  it('registers only a mandate signed by the payer', async () => {
    const doc = document();
    const forged = await registerMandate(
      db,
      books.platform,
      books.platformId,
      doc,
      borrower.keyId,
      sign(doc, lender),
    );
    expect(forged.ok ? 'ok' : forged.error.code).toBe('bad_signature');
    const otherKey = await registerMandate(
      db,
      books.platform,
      books.platformId,
      doc,
      lender.keyId,
      sign(doc, lender),
    );
    expect(otherKey.ok ? 'ok' : otherKey.error.code).toBe('key_not_customer');
    const ok = await registerMandate(
      db,
      books.platform,
      books.platformId,
      doc,
      borrower.keyId,
      sign(doc),
    );
    expect(ok.ok).toBe(true);
  });

  it('debits within its limits and refuses beyond them, recording each refusal', async () => {
    const doc = document();
    const registered = await registerMandate(
      db,
      books.platform,
      books.platformId,
      doc,
      borrower.keyId,
      sign(doc),
    );
    if (!registered.ok) throw new Error(registered.error.message);
    const { mandateId } = registered.value;
    const code = async (input: InstructionInput) => {
      const result = await custody.submit(books.platform, books.platformId, input);
      return result.ok ? 'ok' : result.error.code;
    };
    const eventsBefore = await db.query<{ n: string }>('SELECT count(*) AS n FROM security_events');
    expect(await code(repayment(mandateId, 1_001n))).toBe('mandate_exceeded');
    expect(await code(repayment(mandateId, 1_000n))).toBe('ok');
    expect(await code(repayment(mandateId, 501n))).toBe('mandate_exceeded');
    expect(await code(repayment(mandateId, 500n))).toBe('ok');
    expect(await code(repayment(mandateId, 1n))).toBe('mandate_exceeded');
    const carol = books.customers[2] as TestCustomer;
    expect(await code(repayment(mandateId, 10n, carol.accountId))).toBe('mandate_mismatch');
    expect(await code({ ...repayment(mandateId, 10n), purpose: 'investment' })).toBe(
      'mandate_mismatch',
    );
    expect(await code(repayment('mnd_unknown', 10n))).toBe('mandate_unknown');
    const eventsAfter = await db.query<{ n: string }>('SELECT count(*) AS n FROM security_events');
    expect(Number(eventsAfter[0]?.n) - Number(eventsBefore[0]?.n)).toBe(6);
  });

  it('resets usage at fixed period boundaries and honours the validity window', () => {
    const start = Date.UTC(2026, 0, 1);
    const mandate: MandateState = {
      id: 'm',
      customerId: 'c',
      payerAccountId: 'a',
      payeeAccountId: 'b',
      purpose: 'repayment',
      perInstructionMaxMinor: 100n,
      perPeriodMaxMinor: 150n,
      periodDays: 30,
      validFromMs: start,
      validUntilMs: start + 365 * DAY_MS,
      periodStartedAtMs: start,
      periodUsedMinor: 120n,
      revoked: false,
    };
    const use = {
      payerAccountId: 'a',
      payeeAccountId: 'b',
      purpose: 'repayment',
      amountMinor: 50n,
    };
    expect(applyMandate(mandate, use, start + DAY_MS).ok).toBe(false);
    const nextPeriod = applyMandate(mandate, use, start + 65 * DAY_MS);
    expect(nextPeriod).toEqual({
      ok: true,
      value: { periodStartedAtMs: start + 60 * DAY_MS, periodUsedMinor: 50n },
    });
    expect(applyMandate(mandate, use, start - 1)).toMatchObject({
      ok: false,
      error: { code: 'mandate_expired' },
    });
    expect(applyMandate({ ...mandate, revoked: true }, use, start + 65 * DAY_MS)).toMatchObject({
      ok: false,
      error: { code: 'mandate_expired' },
    });
  });
});
