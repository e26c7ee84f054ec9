import { assert } from '../assert.js';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { failure, success, type Result } from '../custody/index.js';
import type { Database } from '../store/index.js';
import { CREDENTIAL_ID_LENGTH_MAX } from './credential-store.js';
import type { CustomerScope } from './passkey-authorization.js';

export const LAST_PASSKEY_REFUSED =
  'this is your only passkey: removing it would leave you unable to sign in; register another ' +
  'passkey first, or ask your platform for a new enrolment link';

/**
 * The customer revokes one of their own passkeys. The row is kept and marked revoked: the
 * evidence of every payment the passkey authorized (`passkey_authorizations`) refers to it and
 * is re-verified against its public key. A revoked passkey can no longer sign in or authorize.
 * Another customer's credential answers exactly as an unknown one. The last active passkey is
 * refused, so the customer keeps a way to sign in. The customer's other sessions end (all but
 * `currentSessionId`), since a session does not record the passkey that opened it.
 */
export async function revokeOwnPasskey(
  db: Database,
  customer: CustomerScope,
  credentialId: string,
  nowMs: number,
  currentSessionId: string | null,
): Promise<Result<{ credentialId: string; revokedAt: string; otherSessionsEnded: number }>> {
  const notFound = failure<never>('not_found', `passkey ${credentialId} not found`);
  if (credentialId.length === 0 || credentialId.length > CREDENTIAL_ID_LENGTH_MAX) return notFound;
  return db.transaction(async (tx) => {
    // Every active passkey of the customer, locked in one order: two removals at once cannot
    // both see a second passkey left.
    const active = await tx.query<{ id: string }>(
      `SELECT id FROM passkey_credentials
       WHERE customer_id = $1 AND platform_id = $2 AND revoked_at IS NULL
       ORDER BY id FOR UPDATE`,
      [customer.customerId, customer.platformId],
    );
    if (!active.some((row) => row.id === credentialId)) return notFound;
    if (active.length <= 1) return failure('invalid_state', LAST_PASSKEY_REFUSED);
    const revokedAt = new Date(nowMs);
    const updated = await tx.query(
      `UPDATE passkey_credentials SET revoked_at = $3
       WHERE id = $1 AND customer_id = $2 AND revoked_at IS NULL RETURNING id`,
      [credentialId, customer.customerId, revokedAt],
    );
    assert(updated.length === 1, 'a locked active passkey is revoked exactly once');
    // Sessions do not record which passkey opened them: every other session of the customer
    // ends, so a lost device that is still signed in is signed out with its passkey.
    const ended = await tx.query(
      `UPDATE sessions SET revoked_at = $3
       WHERE principal_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2 RETURNING id`,
      [customer.id, currentSessionId, revokedAt],
    );
    await appendAuditRecords(tx, [
      {
        platformId: customer.platformId,
        actor: customer.id,
        action: 'passkey.revoked',
        subjectType: 'customer',
        subjectId: customer.customerId,
        payload: {
          credentialId,
          remainingPasskeys: active.length - 1,
          otherSessionsEnded: ended.length,
        },
        atMs: nowMs,
      },
    ]);
    return success({
      credentialId,
      revokedAt: revokedAt.toISOString(),
      otherSessionsEnded: ended.length,
    });
  });
}
