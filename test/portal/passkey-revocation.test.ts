import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalHarness, type PortalHarness } from './portal-harness.js';
import type { SoftwareAuthenticator } from './software-authenticator.js';

let h: PortalHarness;
let owner: { customerId: string; accountId: string };
let other: { customerId: string; accountId: string };
/** The owner's first passkey (revoked in the tests) and second one (kept). */
let lost: { authenticator: SoftwareAuthenticator; cookie: string };
let kept: { authenticator: SoftwareAuthenticator; cookie: string };
/** The other customer's only passkey. */
let theirs: { authenticator: SoftwareAuthenticator; cookie: string };
/** An instruction the lost passkey authorized before it was revoked. */
let authorizedBefore = '';

const remove = (credentialId: string, cookie: string) =>
  h.call('DELETE', `/v1/portal/passkeys/${encodeURIComponent(credentialId)}`, { cookie });

async function passkeyIds(cookie: string): Promise<string[]> {
  const listed = await h.call('GET', '/v1/portal/passkeys', { cookie });
  expect(listed.status, listed.text).toBe(200);
  return (listed.body.items as { id: string }[]).map((item) => item.id);
}

async function revokedAt(credentialId: string): Promise<Date | null> {
  const rows = await h.db.query<{ revoked_at: Date | null }>(
    'SELECT revoked_at FROM passkey_credentials WHERE id = $1',
    [credentialId],
  );
  expect(rows).toHaveLength(1);
  return rows[0]?.revoked_at ?? null;
}

const paymentRequest = (amount: string) =>
  h.paymentRequest({
    payerAccountId: owner.accountId,
    payeeAccountId: other.accountId,
    amount,
    purpose: 'passkey revocation',
  });

async function signIn(authenticator: SoftwareAuthenticator) {
  const options = await h.call('POST', '/v1/portal/sign-in/options', { body: {} });
  const response = authenticator.assert(String(options.body.challenge));
  return h.call('POST', '/v1/portal/sign-in', { body: { response } });
}

beforeAll(async () => {
  h = await createPortalHarness();
  const [a, b] = h.books.customers;
  if (a === undefined || b === undefined) throw new Error('two customers needed');
  owner = a;
  other = b;
  lost = await h.enrol(owner.customerId);
  kept = await h.enrol(owner.customerId);
  theirs = await h.enrol(other.customerId);
  await h.deposit(owner.accountId, '100.00');
  const done = await h.authorize(await paymentRequest('1.00'), lost.cookie, lost.authenticator);
  expect(done.status, done.text).toBe(200);
  authorizedBefore = String(done.body.instructionId);
}, 60_000);
afterAll(() => h.close());

describe('a customer removes a passkey', () => {
  it("answers another customer's passkey exactly as an unknown one, and leaves it alone", async () => {
    const foreign = await remove(theirs.authenticator.id, kept.cookie);
    const unknown = await remove('bm90QVJlZ2lzdGVyZWRQYXNza2V5', kept.cookie);
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect(foreign.body.code).toBe('not_found');
    expect(unknown.body.code).toBe('not_found');
    expect(await revokedAt(theirs.authenticator.id)).toBeNull();
    expect(await passkeyIds(theirs.cookie)).toEqual([theirs.authenticator.id]);
  });

  it('refuses to remove the last passkey with a 409 problem that says why', async () => {
    const refused = await remove(theirs.authenticator.id, theirs.cookie);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('invalid_state');
    expect(String(refused.body.detail)).toContain('only passkey');
    expect(await revokedAt(theirs.authenticator.id)).toBeNull();
    expect((await signIn(theirs.authenticator)).status).toBe(200);
  });

  it('removes an own passkey: gone from the list, kept as revoked, audited', async () => {
    expect(await passkeyIds(kept.cookie)).toEqual([lost.authenticator.id, kept.authenticator.id]);
    // The lost device is still signed in until the passkey is removed from another one.
    expect((await h.call('GET', '/v1/portal/session', { cookie: lost.cookie })).status).toBe(200);
    const removed = await remove(lost.authenticator.id, kept.cookie);
    expect(removed.status, removed.text).toBe(204);
    expect((await h.call('GET', '/v1/portal/session', { cookie: lost.cookie })).status).toBe(401);
    expect((await h.call('GET', '/v1/portal/session', { cookie: kept.cookie })).status).toBe(200);
    expect(await passkeyIds(kept.cookie)).toEqual([kept.authenticator.id]);
    expect(await revokedAt(lost.authenticator.id)).not.toBeNull();
    const audit = await h.db.query<{ entry: string }>(
      "SELECT entry FROM audit_records WHERE action = 'passkey.revoked' AND subject_id = $1",
      [owner.customerId],
    );
    expect(audit).toHaveLength(1);
    const entry = JSON.parse(audit[0]?.entry ?? '{}') as {
      actor: string;
      platformId: string;
      payload: { credentialId: string };
    };
    expect(entry.platformId).toBe(h.books.platformId);
    expect(entry.actor).toMatch(/^[a-z]+_/);
    expect(entry.payload.credentialId).toBe(lost.authenticator.id);
    expect((await remove(lost.authenticator.id, kept.cookie)).status).toBe(404);
  });

  it('refuses the removed passkey for sign-in and for authorizing a payment', async () => {
    const refused = await signIn(lost.authenticator);
    expect(refused.status).toBe(401);
    expect(refused.headers['set-cookie']).toBeUndefined();
    const events = await h.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM security_events
       WHERE kind = 'signin_failed' AND detail->>'reason' = 'unknown_credential'`,
    );
    expect(Number(events[0]?.n)).toBeGreaterThan(0);
    const requestId = await paymentRequest('2.00');
    const challenge = await h.authorizationChallenge(requestId, kept.cookie);
    const authorization = await h.call(
      'POST',
      `/v1/portal/payment-requests/${requestId}/authorization`,
      { cookie: kept.cookie, body: { response: lost.authenticator.assert(challenge) } },
    );
    expect(authorization.status).toBe(403);
    expect(authorization.body.code).toBe('passkey_unknown');
    const pending = await h.call('GET', `/v1/portal/payment-requests/${requestId}`, {
      cookie: kept.cookie,
    });
    expect(pending.body.status).toBe('awaiting_authorization');
    expect((await signIn(kept.authenticator)).status).toBe(200);
  });

  it('keeps what the removed passkey authorized re-verifiable', async () => {
    const report = await h.call(
      'GET',
      `/v1/platforms/${h.books.platformId}/instructions/${authorizedBefore}/authorization-verification`,
    );
    expect(report.status, report.text).toBe(200);
    expect(report.body).toMatchObject({
      verified: true,
      challengeMatches: true,
      signatureValid: true,
    });
  });

  it('then refuses to remove the one passkey left', async () => {
    const refused = await remove(kept.authenticator.id, kept.cookie);
    expect(refused.status).toBe(409);
    expect(await passkeyIds(kept.cookie)).toEqual([kept.authenticator.id]);
  });

  it('refuses a malformed credential id with problem+json', async () => {
    const malformed = await remove('not a credential!', kept.cookie);
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
  });
});
