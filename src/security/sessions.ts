import { createHash, randomBytes } from 'node:crypto';
import { newId, type Queryable } from '../store/index.js';
import { withSupervision } from './api-keys.js';
import type { Principal } from './principal.js';

/**
 * Console sessions: a random token in an HTTP-only, same-site cookie; the database keeps its
 * SHA-256 only. A session ends after SESSION_IDLE_MS without use, after SESSION_ABSOLUTE_MS in
 * any case, or when its owner signs out.
 */
export const SESSION_COOKIE = 'custos_session';
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const ENROLMENT_SESSION_MS = 15 * 60 * 1000;
/** last_seen_at is written at most this often per session, not on every request. */
const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;
const SESSION_TOKEN_BYTES = 32;
const SESSION_TOKEN_LENGTH_MAX = 64;

export type SessionStage = 'active' | 'totp_enrolment';

export interface SessionPrincipal {
  sessionId: string;
  stage: SessionStage;
  principal: Principal;
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export async function createSession(
  tx: Queryable,
  principalId: string,
  stage: SessionStage,
  nowMs: number,
): Promise<{ sessionId: string; token: string; expiresAtMs: number }> {
  const token = randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
  const sessionId = newId('ses');
  const expiresAtMs = nowMs + (stage === 'active' ? SESSION_ABSOLUTE_MS : ENROLMENT_SESSION_MS);
  await tx.query(
    `INSERT INTO sessions (id, principal_id, token_hash, stage, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6)`,
    [sessionId, principalId, hashToken(token), stage, new Date(nowMs), new Date(expiresAtMs)],
  );
  return { sessionId, token, expiresAtMs };
}

/** The session's principal, or null when the token is unknown, revoked, idle or expired. */
export async function authenticateSession(
  db: Queryable,
  token: string,
  nowMs: number,
): Promise<SessionPrincipal | null> {
  if (token.length === 0 || token.length > SESSION_TOKEN_LENGTH_MAX) return null;
  const rows = await db.query<{
    session_id: string;
    stage: SessionStage;
    last_seen_at: Date;
    expires_at: Date;
    id: string;
    kind: Principal['kind'];
    platform_id: string | null;
    role: string;
    name: string;
  }>(
    `SELECT s.id AS session_id, s.stage, s.last_seen_at, s.expires_at,
       p.id, p.kind, p.platform_id, p.role, p.name
     FROM sessions s JOIN principals p ON p.id = s.principal_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL
       AND p.disabled_at IS NULL AND p.activated_at IS NOT NULL`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (row === undefined) return null;
  const lastSeenMs = new Date(row.last_seen_at).getTime();
  if (new Date(row.expires_at).getTime() <= nowMs) return null;
  if (nowMs - lastSeenMs >= SESSION_IDLE_MS) return null;
  if (nowMs - lastSeenMs >= SESSION_TOUCH_INTERVAL_MS) {
    await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND revoked_at IS NULL', [
      row.session_id,
      new Date(nowMs),
    ]);
  }
  if (row.kind === 'customer') {
    const principal = await customerPrincipalOf(db, row);
    return principal === null ? null : { sessionId: row.session_id, stage: row.stage, principal };
  }
  const principal = await withSupervision(db, {
    id: row.id,
    kind: 'staff',
    platformId: row.platform_id,
    role: row.role,
    name: row.name,
  });
  return { sessionId: row.session_id, stage: row.stage, principal };
}

/** A portal session's principal: the customer it is bound to (an active customer only). */
async function customerPrincipalOf(
  db: Queryable,
  row: { id: string; platform_id: string | null; role: string; name: string },
): Promise<Principal | null> {
  const rows = await db.query<{ customer_id: string }>(
    `SELECT cp.customer_id FROM customer_principals cp
     JOIN customers c ON c.id = cp.customer_id AND c.platform_id = cp.platform_id
     WHERE cp.principal_id = $1 AND c.status = 'active'`,
    [row.id],
  );
  const customerId = rows[0]?.customer_id;
  if (customerId === undefined || row.platform_id === null) return null;
  return {
    id: row.id,
    kind: 'customer',
    platformId: row.platform_id,
    customerId,
    role: row.role,
    name: row.name,
  };
}

export async function revokeSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [
    sessionId,
  ]);
}

/** Ends every session of a person: on disabling, password change or role change. */
export async function revokeSessionsOf(db: Queryable, principalId: string): Promise<number> {
  const rows = await db.query(
    'UPDATE sessions SET revoked_at = now() WHERE principal_id = $1 AND revoked_at IS NULL RETURNING id',
    [principalId],
  );
  return rows.length;
}
