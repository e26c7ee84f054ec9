import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runControls } from '../../src/compliance/index.js';
import { newId } from '../../src/store/index.js';
import { createPortalHarness, ORIGIN, RP_ID, type PortalHarness } from './portal-harness.js';

// The daily debit-authorization control verifies passkey evidence again from what is stored:
// a real assertion passes, a stored assertion that does not verify fails the control.

const RP = { rpId: RP_ID, rpName: 'Custos test', origins: [ORIGIN] };
let h: PortalHarness;
let payer: { customerId: string; accountId: string };
let payee: { customerId: string; accountId: string };
let postedInstructionId = '';

async function controlRun(portalRelyingParty: typeof RP | undefined) {
  const [result] = await runControls(h.db, {
    platformId: h.books.platformId,
    codes: ['CTL-AUTH-DEBIT'],
    trigger: 'manual',
    actor: 'test',
    nowMs: Date.now() + 1_000,
    ...(portalRelyingParty === undefined ? {} : { portalRelyingParty }),
  });
  if (result === undefined) throw new Error('no control result');
  const tests = result.evidence.tests as Record<string, Record<string, unknown>>;
  return { outcome: result.outcome, evidence: tests.customer_debit_authorized ?? {} };
}

beforeAll(async () => {
  h = await createPortalHarness();
  const [a, b] = h.books.customers;
  if (a === undefined || b === undefined) throw new Error('two customers needed');
  payer = a;
  payee = b;
  const { authenticator, cookie } = await h.enrol(payer.customerId);
  await h.deposit(payer.accountId, '100.00');
  const requestId = await h.paymentRequest({
    payerAccountId: payer.accountId,
    payeeAccountId: payee.accountId,
    amount: '12.34',
  });
  const done = await h.authorize(requestId, cookie, authenticator);
  expect(done.status, done.text).toBe(200);
  postedInstructionId = String(done.body.instructionId);
}, 60_000);
afterAll(() => h.close());

describe('debit authorization control: passkey evidence', () => {
  it('re-verifies a real stored assertion and passes', async () => {
    const run = await controlRun(RP);
    expect(run.outcome).toBe('pass');
    expect(run.evidence).toMatchObject({
      passkeyAssertionsReverified: 1,
      passkeyAssertionsInvalid: 0,
    });
  });

  it('fails when the evidence was made on an origin the portal does not serve', async () => {
    // No configured relying party: only a localhost development portal is accepted.
    const run = await controlRun(undefined);
    expect(run.outcome).toBe('fail');
    expect(run.evidence.sampleIds).toEqual([postedInstructionId]);
  });

  it('fails a debit whose stored assertion does not verify, naming only that debit', async () => {
    const [credential] = await h.db.query<{ id: string }>(
      'SELECT id FROM passkey_credentials WHERE customer_id = $1',
      [payer.customerId],
    );
    if (credential === undefined) throw new Error('no credential');
    const forged = newId('ins');
    await h.db.query(
      `INSERT INTO instructions (id, platform_id, idempotency_key, request_hash, type, status,
         debit_account_id, credit_account_id, amount_minor, currency, purpose, authorization_kind,
         auth_customer_id, submitted_by)
       VALUES ($1, $2, $3, $4, 'transfer', 'posted', $5, $6, 500, 'CNY', 'p2p', 'passkey', $7,
         'tamper')`,
      [
        forged,
        h.books.platformId,
        randomUUID(),
        randomBytes(32),
        payer.accountId,
        payee.accountId,
        payer.customerId,
      ],
    );
    await h.db.query(
      `INSERT INTO passkey_authorizations (instruction_id, platform_id, customer_id, credential_id,
         nonce, expires_at, challenge, authenticator_data, client_data_json, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        forged,
        h.books.platformId,
        payer.customerId,
        credential.id,
        randomUUID(),
        new Date(Date.now() + 600_000).toISOString(),
        randomBytes(32),
        randomBytes(37),
        Buffer.from(JSON.stringify({ type: 'webauthn.get', origin: ORIGIN })),
        randomBytes(70),
      ],
    );
    const run = await controlRun(RP);
    expect(run.outcome).toBe('fail');
    expect(run.evidence).toMatchObject({
      missingOrForeignAuthorization: 0,
      passkeyAssertionsReverified: 2,
      passkeyAssertionsInvalid: 1,
    });
    expect(run.evidence.sampleIds).toEqual([forged]);
  });
});
