import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, createPortalHarness, type PortalHarness } from './portal-harness.js';
import type { SoftwareAuthenticator } from './software-authenticator.js';

let h: PortalHarness;
let payer: { customerId: string; accountId: string };
let payee: { customerId: string; accountId: string };
let authenticator: SoftwareAuthenticator;
let cookie: string;

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

const deposit = (accountId: string, amount: string) => h.deposit(accountId, amount);

const paymentRequest = (amount: string, expiresAt = inMinutes(30)) =>
  h.paymentRequest({
    payerAccountId: payer.accountId,
    payeeAccountId: payee.accountId,
    amount,
    expiresAt,
  });

const challengeOf = (requestId: string) => h.authorizationChallenge(requestId, cookie);

const authorize = (requestId: string, response: unknown) =>
  h.call('POST', `/v1/portal/payment-requests/${requestId}/authorization`, {
    cookie,
    body: { response },
  });

async function postedBalance(accountId: string): Promise<string> {
  const account = await h.call('GET', `/v1/platforms/${h.books.platformId}/accounts/${accountId}`);
  return String(
    (account.body as { balance: { posted: { amountMinor: string } } }).balance.posted.amountMinor,
  );
}

async function snapshot() {
  return {
    instructions: await h.count('instructions'),
    transfers: await h.count('transfers'),
    evidence: await h.count('passkey_authorizations'),
    payer: await postedBalance(payer.accountId),
  };
}

beforeAll(async () => {
  h = await createPortalHarness();
  const [a, b] = h.books.customers;
  if (a === undefined || b === undefined) throw new Error('two customers needed');
  payer = a;
  payee = b;
  ({ authenticator, cookie } = await h.enrol(payer.customerId));
  await deposit(payer.accountId, '1000.00');
}, 60_000);
afterAll(() => h.close());

describe('passkey enrolment and sign-in', () => {
  it('signs the enrolled customer in and shows only their own session', async () => {
    const session = await h.call('GET', '/v1/portal/session', { cookie });
    expect(session.status, session.text).toBe(200);
    expect(session.body.customerId).toBe(payer.customerId);
    const staffOnly = await h.call('GET', `/v1/platforms/${h.books.platformId}/customers`, {
      cookie,
    });
    expect(staffOnly.status).toBe(403);
  });

  it('refuses a used enrolment link', async () => {
    const link = await h.call(
      'POST',
      `/v1/platforms/${h.books.platformId}/customers/${payee.customerId}/portal-enrolments`,
      { body: {} },
    );
    const token = String(link.body.token);
    const options = await h.call('POST', '/v1/portal/enrolment/options', { body: { token } });
    expect(options.status).toBe(200);
    const unknown = await h.call('POST', '/v1/portal/enrolment/options', {
      body: { token: 'x'.repeat(43) },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('signs in with a passkey once per challenge, and refuses a replay or a forgery', async () => {
    const options = await h.call('POST', '/v1/portal/sign-in/options', { body: {} });
    const challenge = String(options.body.challenge);
    const assertion = authenticator.assert(challenge);
    const signedIn = await h.call('POST', '/v1/portal/sign-in', { body: { response: assertion } });
    expect(signedIn.status, signedIn.text).toBe(200);
    const fresh = cookieOf(signedIn.headers);
    expect((await h.call('GET', '/v1/portal/accounts', { cookie: fresh })).status).toBe(200);
    const replay = await h.call('POST', '/v1/portal/sign-in', { body: { response: assertion } });
    expect(replay.status).toBe(401);
    expect(replay.headers['set-cookie']).toBeUndefined();
    const wrongOrigin = authenticator.assert(
      String((await h.call('POST', '/v1/portal/sign-in/options', { body: {} })).body.challenge),
      { origin: 'https://evil.example' },
    );
    expect(
      (await h.call('POST', '/v1/portal/sign-in', { body: { response: wrongOrigin } })).status,
    ).toBe(401);
    const events = await h.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM security_events WHERE kind = 'signin_failed' AND detail->>'method' = 'passkey'",
    );
    expect(Number(events[0]?.n)).toBeGreaterThanOrEqual(2);
  });
});

describe('authorizing a payment request with a passkey', () => {
  let postedInstructionId = '';

  it('posts the instruction, keeps the assertion as evidence, and re-verifies it', async () => {
    const requestId = await paymentRequest('12.34');
    const pending = await h.call('GET', '/v1/portal/payment-requests', { cookie });
    expect((pending.body.items as { id: string }[]).map((r) => r.id)).toContain(requestId);
    const before = await snapshot();
    const done = await authorize(requestId, authenticator.assert(await challengeOf(requestId)));
    expect(done.status, done.text).toBe(200);
    postedInstructionId = String(done.body.instructionId);
    expect((done.body.request as { status: string }).status).toBe('posted');
    const after = await snapshot();
    expect(after.instructions).toBe(before.instructions + 1);
    expect(after.evidence).toBe(before.evidence + 1);
    expect(BigInt(after.payer)).toBe(BigInt(before.payer) - 1234n);
    const instruction = await h.call(
      'GET',
      `/v1/platforms/${h.books.platformId}/instructions/${postedInstructionId}`,
    );
    expect(instruction.body.authorizationKind).toBe('passkey');
    const verified = await h.call(
      'GET',
      `/v1/platforms/${h.books.platformId}/instructions/${postedInstructionId}/authorization-verification`,
    );
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body).toMatchObject({
      verified: true,
      challengeMatches: true,
      signatureValid: true,
    });
  });

  it('refuses a replayed assertion and changes nothing', async () => {
    const requestId = await paymentRequest('1.00');
    const assertion = authenticator.assert(await challengeOf(requestId));
    expect((await authorize(requestId, assertion)).status).toBe(200);
    const before = await snapshot();
    const replay = await authorize(requestId, assertion);
    expect(replay.status).toBe(403);
    expect(replay.body.code).toBe('authorization_replayed');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an assertion made for another instruction (altered amount) and changes nothing', async () => {
    const signed = await paymentRequest('5.00');
    const altered = await paymentRequest('500.00');
    const assertion = authenticator.assert(await challengeOf(signed));
    const before = await snapshot();
    const refused = await authorize(altered, assertion);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('bad_passkey_assertion');
    expect(String(refused.body.detail)).toContain('challenge');
    expect(await snapshot()).toEqual(before);
    const still = await h.call('GET', `/v1/portal/payment-requests/${altered}`, { cookie });
    expect(still.body.status).toBe('awaiting_authorization');
  });

  it('refuses a forged assertion (another key) and records the attempt', async () => {
    const requestId = await paymentRequest('2.00');
    const challenge = await challengeOf(requestId);
    const before = await snapshot();
    const forged = authenticator.forge(challenge);
    const refused = await authorize(requestId, forged);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('bad_passkey_assertion');
    expect(await snapshot()).toEqual(before);
    const events = await h.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM security_events WHERE kind = 'unauthorized_debit_attempt' AND detail->>'code' = 'bad_passkey_assertion'",
    );
    expect(Number(events[0]?.n)).toBeGreaterThan(0);
  });

  it('refuses an expired request', async () => {
    const requestId = await paymentRequest('3.00', new Date(Date.now() + 1_500).toISOString());
    const assertion = authenticator.assert(await challengeOf(requestId));
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const before = await snapshot();
    const refused = await authorize(requestId, assertion);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('authorization_expired');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a signature counter that went backwards', async () => {
    const enrolled = await h.enrol(payee.customerId);
    await deposit(payee.accountId, '50.00');
    const created = await h.call('POST', `/v1/platforms/${h.books.platformId}/payment-requests`, {
      body: {
        type: 'transfer',
        idempotencyKey: `pr-counter-${Math.random()}`,
        payerAccountId: payee.accountId,
        payeeAccountId: payer.accountId,
        amount: '1.00',
        currency: 'CNY',
        purpose: 'counter check',
        expiresAt: inMinutes(10),
      },
    });
    const requestId = String(created.body.id);
    enrolled.authenticator.counter = 10;
    const options = await h.call(
      'POST',
      `/v1/portal/payment-requests/${requestId}/authorization/options`,
      {
        cookie: enrolled.cookie,
        body: {},
      },
    );
    const challenge = String((options.body.options as { challenge: string }).challenge);
    // Sign in once with counter 11, then authorize with counter 5: a cloned authenticator.
    const signInOptions = await h.call('POST', '/v1/portal/sign-in/options', { body: {} });
    const signedIn = await h.call('POST', '/v1/portal/sign-in', {
      body: { response: enrolled.authenticator.assert(String(signInOptions.body.challenge)) },
    });
    expect(signedIn.status).toBe(200);
    enrolled.authenticator.counter = 4;
    const refused = await h.call('POST', `/v1/portal/payment-requests/${requestId}/authorization`, {
      cookie: enrolled.cookie,
      body: { response: enrolled.authenticator.assert(challenge) },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('passkey_counter_regressed');
  });

  it("hides another customer's request and refuses malformed input with problem+json", async () => {
    const other = h.books.customers[2];
    if (other === undefined) throw new Error('third customer');
    const theirs = await h.call('POST', `/v1/platforms/${h.books.platformId}/payment-requests`, {
      body: {
        type: 'transfer',
        idempotencyKey: `pr-other-${Math.random()}`,
        payerAccountId: other.accountId,
        payeeAccountId: payer.accountId,
        amount: '1.00',
        currency: 'CNY',
        purpose: 'not yours',
        expiresAt: inMinutes(10),
      },
    });
    const hidden = await h.call('GET', `/v1/portal/payment-requests/${String(theirs.body.id)}`, {
      cookie,
    });
    expect(hidden.status).toBe(404);
    const malformed = await authorize(String(theirs.body.id), { id: 'x' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const deposit = await h.call('POST', `/v1/platforms/${h.books.platformId}/payment-requests`, {
      body: {
        type: 'transfer',
        idempotencyKey: 'pr-bad-amount',
        payerAccountId: payer.accountId,
        payeeAccountId: payee.accountId,
        amount: '1.001',
        currency: 'CNY',
        purpose: 'bad',
        expiresAt: inMinutes(10),
      },
    });
    expect(deposit.status).toBe(400);
  });

  it('detects an instruction altered in the database after it was authorized', async () => {
    const requestId = await paymentRequest('7.00');
    const done = await authorize(requestId, authenticator.assert(await challengeOf(requestId)));
    expect(done.status, done.text).toBe(200);
    const instructionId = String(done.body.instructionId);
    await h.db.query('UPDATE instructions SET amount_minor = 70000 WHERE id = $1', [instructionId]);
    const report = await h.call(
      'GET',
      `/v1/platforms/${h.books.platformId}/instructions/${instructionId}/authorization-verification`,
    );
    expect(report.body).toMatchObject({ verified: false, challengeMatches: false });
    await h.db.query('UPDATE instructions SET amount_minor = 700 WHERE id = $1', [instructionId]);
  });

  it('lets the customer decline a request, which can then never post', async () => {
    const requestId = await paymentRequest('4.00');
    const challenge = await challengeOf(requestId);
    const declined = await h.call('POST', `/v1/portal/payment-requests/${requestId}/decline`, {
      cookie,
      body: {},
    });
    expect(declined.status, declined.text).toBe(200);
    expect(declined.body.status).toBe('declined');
    const refused = await authorize(requestId, authenticator.assert(challenge));
    expect(refused.status).toBe(409);
  });
});
