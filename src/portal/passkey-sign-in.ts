import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { recordSecurityEvent } from '../security/security-event.js';
import { createSession } from '../security/sessions.js';
import type { Database } from '../store/index.js';
import { advanceSignCount, findCredential } from './credential-store.js';
import { reason } from './passkey-enrolment.js';
import { PORTAL_LIMITS } from './portal-limits.js';
import type { RelyingParty } from './relying-party.js';
import { challengeOfClientData, consumeChallenge, issueChallenge } from './webauthn-challenges.js';
import { webAuthnLibrary } from './webauthn-library.js';

/** Options for a username-less sign-in: any discoverable passkey of this relying party. */
export async function signInOptions(
  db: Database,
  rp: RelyingParty,
  nowMs: number,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const challenge = await db.transaction((tx) => issueChallenge(tx, 'sign_in', null, nowMs));
  const { generateAuthenticationOptions } = await webAuthnLibrary();
  return generateAuthenticationOptions({
    rpID: rp.rpId,
    challenge: Buffer.from(challenge, 'base64url'),
    userVerification: 'required',
    timeout: PORTAL_LIMITS.challengeTtlMs,
  });
}

const SIGN_IN_REFUSED = 'the passkey was not accepted';

export type SignInOutcome =
  | { ok: true; value: { token: string; expiresAtMs: number; principalId: string } }
  | { ok: false; message: string };

/**
 * Checks a sign-in assertion: a challenge this server issued and nobody used, a known
 * unrevoked credential of an active customer, a valid signature with user verification, and a
 * counter that moved forward. Then a portal session starts. Every refusal is a security event;
 * the caller only learns that the passkey was not accepted.
 */
export async function signInWithPasskey(
  db: Database,
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  ip: string,
  nowMs: number,
): Promise<SignInOutcome> {
  const refuse = async (why: string, platformId: string | null) => {
    await db.transaction((tx) =>
      recordSecurityEvent(
        tx,
        platformId,
        'signin_failed',
        `passkey:${response.id.slice(0, 64)}`,
        { reason: why, ip, method: 'passkey' },
        nowMs,
      ),
    );
    return { ok: false, message: SIGN_IN_REFUSED } as const;
  };
  const challenge = challengeOfClientData(response.response.clientDataJSON);
  if (challenge === null) return refuse('unreadable', null);
  const credential = await findCredential(db, response.id);
  if (credential === null || credential.revoked) return refuse('unknown_credential', null);
  const { verifyAuthenticationResponse } = await webAuthnLibrary();
  let newCounter: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: [...rp.origins],
      expectedRPID: rp.rpId,
      credential: {
        id: credential.id,
        publicKey: credential.publicKey,
        counter: credential.signCount,
      },
      requireUserVerification: true,
    });
    if (!verified.verified) return refuse('bad_assertion', credential.platformId);
    newCounter = verified.authenticationInfo.newCounter;
  } catch (error) {
    return refuse(`bad_assertion: ${reason(error)}`, credential.platformId);
  }
  const outcome = await db.transaction(async (tx) => {
    const used = await consumeChallenge(tx, challenge, 'sign_in', nowMs);
    if (used === null) return 'challenge_replayed' as const;
    if (!(await advanceSignCount(tx, credential.id, newCounter, nowMs)))
      return 'counter_regressed' as const;
    const session = await createSession(tx, credential.principalId, 'active', nowMs);
    await appendAuditRecords(tx, [
      {
        platformId: credential.platformId,
        actor: credential.principalId,
        action: 'session.created',
        subjectType: 'session',
        subjectId: session.sessionId,
        payload: { stage: 'active', method: 'passkey', credentialId: credential.id, ip },
        atMs: nowMs,
      },
    ]);
    return session;
  });
  if (typeof outcome === 'string') return refuse(outcome, credential.platformId);
  return {
    ok: true,
    value: {
      token: outcome.token,
      expiresAtMs: outcome.expiresAtMs,
      principalId: credential.principalId,
    },
  };
}
