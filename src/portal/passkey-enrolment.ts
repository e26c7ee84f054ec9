import { createHash, randomBytes } from 'node:crypto';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
  VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { failure, success, type Result } from '../custody/index.js';
import { createSession } from '../security/sessions.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { ensureCustomerPrincipal } from './customer-principal.js';
import { PORTAL_LIMITS } from './portal-limits.js';
import type { RelyingParty } from './relying-party.js';
import { challengeOfClientData, consumeChallenge, issueChallenge } from './webauthn-challenges.js';
import { webAuthnLibrary } from './webauthn-library.js';

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * A one-time enrolment link for a customer, created by the platform (or staff) and handed to
 * the customer out of band. Only the token's hash is stored.
 */
export async function createEnrolment(
  db: Database,
  actorId: string,
  platformId: string,
  customerId: string,
  nowMs: number,
): Promise<Result<{ enrolmentId: string; token: string; expiresAt: string }>> {
  return db.transaction(async (tx) => {
    const customers = await tx.query<{ external_ref: string; status: string }>(
      'SELECT external_ref, status FROM customers WHERE id = $1 AND platform_id = $2 FOR UPDATE',
      [customerId, platformId],
    );
    const customer = customers[0];
    if (customer === undefined)
      return failure('unknown_customer', `customer ${customerId} not found`);
    if (customer.status !== 'active')
      return failure('invalid_state', 'a closed customer cannot enrol a passkey');
    await ensureCustomerPrincipal(tx, platformId, customerId, customer.external_ref);
    const token = randomBytes(32).toString('base64url');
    const enrolmentId = newId('enr');
    const expiresAtMs = nowMs + PORTAL_LIMITS.enrolmentTokenTtlMs;
    await tx.query(
      `INSERT INTO passkey_enrolments (id, platform_id, customer_id, token_hash, created_by,
         created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        enrolmentId,
        platformId,
        customerId,
        hashToken(token),
        actorId,
        new Date(nowMs),
        new Date(expiresAtMs),
      ],
    );
    await appendAuditRecords(tx, [
      {
        platformId,
        actor: actorId,
        action: 'passkey.enrolment_created',
        subjectType: 'customer',
        subjectId: customerId,
        payload: { enrolmentId, expiresAt: new Date(expiresAtMs).toISOString() },
        atMs: nowMs,
      },
    ]);
    return success({ enrolmentId, token, expiresAt: new Date(expiresAtMs).toISOString() });
  });
}

type EnrolmentRow = {
  id: string;
  platform_id: string;
  customer_id: string;
  principal_id: string;
  name: string;
};

async function openEnrolment(
  db: Queryable,
  token: string,
  nowMs: number,
  lock: boolean,
): Promise<EnrolmentRow | null> {
  if (token.length === 0 || token.length > PORTAL_LIMITS.enrolmentTokenLengthMax) return null;
  const rows = await db.query<EnrolmentRow>(
    `SELECT e.id, e.platform_id, e.customer_id, cp.principal_id, p.name
     FROM passkey_enrolments e
     JOIN customer_principals cp ON cp.customer_id = e.customer_id
     JOIN principals p ON p.id = cp.principal_id
     JOIN customers c ON c.id = e.customer_id AND c.status = 'active'
     WHERE e.token_hash = $1 AND e.used_at IS NULL AND e.expires_at > $2
     ${lock ? 'FOR UPDATE OF e' : ''}`,
    [hashToken(token), new Date(nowMs)],
  );
  return rows[0] ?? null;
}

const ENROLMENT_REFUSED = 'this enrolment link is unknown, used or expired';

/** WebAuthn creation options for the customer behind an enrolment link. */
export async function registrationOptions(
  db: Database,
  rp: RelyingParty,
  token: string,
  nowMs: number,
): Promise<Result<PublicKeyCredentialCreationOptionsJSON>> {
  return db.transaction(async (tx) => {
    const enrolment = await openEnrolment(tx, token, nowMs, false);
    if (enrolment === null) return failure('not_found', ENROLMENT_REFUSED);
    const existing = await tx.query<{ id: string; transports: string[] }>(
      'SELECT id, transports FROM passkey_credentials WHERE customer_id = $1 AND revoked_at IS NULL',
      [enrolment.customer_id],
    );
    if (existing.length >= PORTAL_LIMITS.passkeysPerCustomerMax)
      return failure('invalid_state', 'this customer holds the most passkeys allowed');
    const challenge = await issueChallenge(tx, 'registration', enrolment.id, nowMs);
    const { generateRegistrationOptions } = await webAuthnLibrary();
    const options = await generateRegistrationOptions({
      rpName: rp.rpName,
      rpID: rp.rpId,
      userName: enrolment.name,
      userDisplayName: enrolment.name,
      userID: new TextEncoder().encode(enrolment.principal_id),
      challenge: Buffer.from(challenge, 'base64url'),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({ id: c.id })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      timeout: PORTAL_LIMITS.challengeTtlMs,
    });
    return success(options);
  });
}

/**
 * Verifies the new passkey's attestation against the challenge issued for this enrolment,
 * stores the credential, uses up the link and signs the customer in.
 */
export async function completeRegistration(
  db: Database,
  rp: RelyingParty,
  token: string,
  response: RegistrationResponseJSON,
  nowMs: number,
): Promise<Result<{ credentialId: string; session: { token: string; expiresAtMs: number } }>> {
  const challenge = challengeOfClientData(response.response.clientDataJSON);
  if (challenge === null)
    return failure('bad_passkey_assertion', 'the passkey response is unreadable');
  const { verifyRegistrationResponse } = await webAuthnLibrary();
  let verified: VerifiedRegistrationResponse;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: [...rp.origins],
      expectedRPID: rp.rpId,
      requireUserVerification: true,
    });
  } catch (error) {
    return failure(
      'bad_passkey_assertion',
      `the passkey registration was refused: ${reason(error)}`,
    );
  }
  if (!verified.verified)
    return failure('bad_passkey_assertion', 'the passkey registration was refused');
  const info = verified.registrationInfo;
  return db.transaction(async (tx) => {
    const enrolment = await openEnrolment(tx, token, nowMs, true);
    if (enrolment === null) return failure('not_found', ENROLMENT_REFUSED);
    const used = await consumeChallenge(tx, challenge, 'registration', nowMs);
    if (used === null || used.enrolmentId !== enrolment.id)
      return failure(
        'authorization_replayed',
        'this registration challenge is unknown, used or expired',
      );
    const taken = await tx.query('SELECT 1 FROM passkey_credentials WHERE id = $1', [
      info.credential.id,
    ]);
    if (taken.length > 0) return failure('duplicate', 'this passkey is registered already');
    await tx.query(
      `INSERT INTO passkey_credentials (id, platform_id, customer_id, principal_id, public_key,
         sign_count, transports, device_type, backed_up, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        info.credential.id,
        enrolment.platform_id,
        enrolment.customer_id,
        enrolment.principal_id,
        Buffer.from(info.credential.publicKey),
        info.credential.counter,
        info.credential.transports ?? [],
        info.credentialDeviceType,
        info.credentialBackedUp,
        new Date(nowMs),
      ],
    );
    await tx.query('UPDATE passkey_enrolments SET used_at = $2, credential_id = $3 WHERE id = $1', [
      enrolment.id,
      new Date(nowMs),
      info.credential.id,
    ]);
    const session = await createSession(tx, enrolment.principal_id, 'active', nowMs);
    await appendAuditRecords(tx, [
      {
        platformId: enrolment.platform_id,
        actor: enrolment.principal_id,
        action: 'passkey.registered',
        subjectType: 'customer',
        subjectId: enrolment.customer_id,
        payload: { enrolmentId: enrolment.id, credentialId: info.credential.id },
        atMs: nowMs,
      },
      {
        platformId: enrolment.platform_id,
        actor: enrolment.principal_id,
        action: 'session.created',
        subjectType: 'session',
        subjectId: session.sessionId,
        payload: { stage: 'active', method: 'passkey' },
        atMs: nowMs,
      },
    ]);
    return success({
      credentialId: info.credential.id,
      session: { token: session.token, expiresAtMs: session.expiresAtMs },
    });
  });
}

export function reason(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : 'unreadable response';
}
