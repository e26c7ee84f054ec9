import { randomBytes } from 'node:crypto';
import type { Queryable } from '../store/index.js';
import { PORTAL_LIMITS } from './portal-limits.js';

export type ChallengePurpose = 'registration' | 'sign_in';

/** A fresh random challenge the server remembers until it is answered once or expires. */
export async function issueChallenge(
  tx: Queryable,
  purpose: ChallengePurpose,
  enrolmentId: string | null,
  nowMs: number,
): Promise<string> {
  const challenge = randomBytes(32);
  await tx.query(
    `INSERT INTO webauthn_challenges (challenge, purpose, enrolment_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [
      challenge,
      purpose,
      enrolmentId,
      new Date(nowMs),
      new Date(nowMs + PORTAL_LIMITS.challengeTtlMs),
    ],
  );
  // Answered challenges and long-expired ones are of no further use.
  await tx.query('DELETE FROM webauthn_challenges WHERE expires_at < $1', [
    new Date(nowMs - PORTAL_LIMITS.challengeTtlMs),
  ]);
  return challenge.toString('base64url');
}

/** The challenge inside a browser's clientDataJSON (base64url), or null when unreadable. */
export function challengeOfClientData(clientDataJSON: string): string | null {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge =
      typeof decoded === 'object' && decoded !== null && 'challenge' in decoded
        ? decoded.challenge
        : undefined;
    return typeof challenge === 'string' && challenge.length <= 128 ? challenge : null;
  } catch {
    return null;
  }
}

/**
 * Marks an issued, unexpired, unused challenge as used and returns its enrolment (if any);
 * null when it was never issued, has expired or was used already. A concurrent second use
 * finds it used: the UPDATE is the lock.
 */
export async function consumeChallenge(
  tx: Queryable,
  challenge: string,
  purpose: ChallengePurpose,
  nowMs: number,
): Promise<{ enrolmentId: string | null } | null> {
  const bytes = Buffer.from(challenge, 'base64url');
  if (bytes.length !== 32) return null;
  const rows = await tx.query<{ enrolment_id: string | null }>(
    `UPDATE webauthn_challenges SET used_at = $3
     WHERE challenge = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
     RETURNING enrolment_id`,
    [bytes, purpose, new Date(nowMs)],
  );
  const row = rows[0];
  return row === undefined ? null : { enrolmentId: row.enrolment_id };
}
