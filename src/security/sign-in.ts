import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Queryable, Database } from '../store/index.js';
import { hashPassword, passwordPolicyViolation, verifyPassword } from './password.js';
import type { SecretSealer } from './secret-sealer.js';
import { createSession, revokeSessionsOf, type SessionPrincipal } from './sessions.js';
import { recordSecurityEvent } from './security-event.js';
import { checkTotp, generateTotpSecret, totpUri } from './totp.js';

/** After this many failed sign-ins in a row, a login is locked for SIGN_IN_LOCK_MS. */
export const SIGN_IN_FAILURES_MAX = 5;
export const SIGN_IN_LOCK_MS = 15 * 60 * 1000;
export const LOGIN_LENGTH_MAX = 64;

export type SignInResult =
  | { ok: true; token: string; expiresAtMs: number; stage: 'active' | 'totp_enrolment' }
  | { ok: false; reason: 'invalid_credentials' | 'locked' | 'totp_required' };

type LoginRow = {
  id: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_last_step: string | number | null;
  totp_enrolled_at: Date | null;
  locked_until: Date | null;
};

export function totpContext(principalId: string): string {
  return `principals.totp_secret:${principalId}`;
}

/**
 * Password, then the second factor. Every failure counts towards the lock and is recorded as
 * a security event (which also becomes an audit record); the caller only learns "invalid
 * credentials", never which part was wrong. A person without an enrolled second factor gets an
 * enrolment-only session.
 */
export async function signIn(
  db: Database,
  sealer: SecretSealer,
  input: { login: string; password: string; totpCode?: string; ip: string },
  nowMs: number,
): Promise<SignInResult> {
  const login = input.login.trim().toLowerCase();
  if (login.length === 0 || login.length > LOGIN_LENGTH_MAX)
    return { ok: false, reason: 'invalid_credentials' };
  const rows = await db.query<LoginRow>(
    `SELECT id, password_hash, totp_secret, totp_last_step, totp_enrolled_at, locked_until
     FROM principals
     WHERE login = $1 AND kind = 'staff' AND disabled_at IS NULL AND activated_at IS NOT NULL`,
    [login],
  );
  const row = rows[0];
  const enrolled = row !== undefined && row.totp_enrolled_at !== null && row.totp_secret !== null;
  const codeGiven = input.totpCode !== undefined && input.totpCode.length > 0;
  const passwordOk = await verifyPassword(row?.password_hash ?? null, input.password);
  // Without a code, a login with a second factor (or an unknown one, which must look the same)
  // is asked for the code whatever the password was: the answer tells a guesser nothing about
  // the password, and the attempt does not count. A person still to enrol signs in without one.
  if (!codeGiven && (row === undefined || enrolled)) return { ok: false, reason: 'totp_required' };
  if (row === undefined) {
    await db.transaction((tx) =>
      recordSecurityEvent(
        tx,
        null,
        'signin_failed',
        login,
        { reason: 'unknown_login', ip: input.ip },
        nowMs,
      ),
    );
    return { ok: false, reason: 'invalid_credentials' };
  }
  if (row.locked_until !== null && new Date(row.locked_until).getTime() > nowMs) {
    await db.transaction((tx) =>
      recordSecurityEvent(
        tx,
        null,
        'signin_failed',
        row.id,
        { reason: 'locked', ip: input.ip },
        nowMs,
      ),
    );
    return { ok: false, reason: 'locked' };
  }
  if (!passwordOk) return failSignIn(db, row.id, 'bad_password', input.ip, nowMs);
  let totpStep: number | null = null;
  if (enrolled && row.totp_secret !== null) {
    const secret = await sealer.open(row.totp_secret, totpContext(row.id));
    const lastStep = row.totp_last_step === null ? null : Number(row.totp_last_step);
    const check = checkTotp(secret, input.totpCode ?? '', nowMs, lastStep);
    if (!check.ok) return failSignIn(db, row.id, `totp_${check.reason}`, input.ip, nowMs);
    totpStep = check.step;
  }
  return db.transaction(async (tx) => {
    // The step is stored only if no one used it meanwhile: a replay racing the first use loses.
    const updated = await tx.query(
      `UPDATE principals SET failed_signins = 0, locked_until = NULL,
         totp_last_step = COALESCE($2, totp_last_step)
       WHERE id = $1 AND ($2::bigint IS NULL OR totp_last_step IS NULL OR totp_last_step < $2)
       RETURNING id`,
      [row.id, totpStep],
    );
    if (updated.length === 0) {
      await recordSecurityEvent(
        tx,
        null,
        'signin_failed',
        row.id,
        { reason: 'totp_replayed', ip: input.ip },
        nowMs,
      );
      return { ok: false, reason: 'invalid_credentials' } as const;
    }
    const stage = enrolled ? 'active' : 'totp_enrolment';
    const session = await createSession(tx, row.id, stage, nowMs);
    await appendAuditRecords(tx, [
      {
        platformId: null,
        actor: row.id,
        action: 'session.created',
        subjectType: 'session',
        subjectId: session.sessionId,
        payload: { stage, ip: input.ip },
        atMs: nowMs,
      },
    ]);
    return { ok: true, token: session.token, expiresAtMs: session.expiresAtMs, stage } as const;
  });
}

async function failSignIn(
  db: Database,
  principalId: string,
  reason: string,
  ip: string,
  nowMs: number,
): Promise<SignInResult> {
  await db.transaction(async (tx) => {
    const rows = await tx.query<{ failed_signins: number }>(
      `UPDATE principals SET failed_signins = failed_signins + 1,
         locked_until = CASE WHEN failed_signins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
       WHERE id = $1 RETURNING failed_signins`,
      [principalId, SIGN_IN_FAILURES_MAX, new Date(nowMs + SIGN_IN_LOCK_MS)],
    );
    const failures = rows[0]?.failed_signins ?? 0;
    await recordSecurityEvent(
      tx,
      null,
      'signin_failed',
      principalId,
      { reason, ip, failures },
      nowMs,
    );
    if (failures === SIGN_IN_FAILURES_MAX)
      await recordSecurityEvent(tx, null, 'login_locked', principalId, { ip }, nowMs);
  });
  return { ok: false, reason: 'invalid_credentials' };
}

/** A fresh TOTP secret for the enrolling person, sealed and kept until they confirm a code. */
export async function beginTotpEnrolment(
  db: Queryable,
  sealer: SecretSealer,
  session: SessionPrincipal,
  login: string,
): Promise<{ secret: string; otpauthUri: string }> {
  const secret = generateTotpSecret();
  const sealed = await sealer.seal(secret, totpContext(session.principal.id));
  await db.query(
    `UPDATE principals SET totp_secret = $2 WHERE id = $1 AND totp_enrolled_at IS NULL`,
    [session.principal.id, sealed],
  );
  return { secret, otpauthUri: totpUri(secret, login) };
}

export type EnrolmentResult =
  | { ok: true; token: string; expiresAtMs: number }
  | { ok: false; reason: 'not_started' | 'totp_invalid' | 'password_policy'; message: string };

/**
 * Finishes enrolment: the person proves the authenticator works with a current code and sets
 * their own password (replacing the one an admin handed over). Every session of theirs ends
 * and a full session starts.
 */
export async function completeEnrolment(
  db: Database,
  sealer: SecretSealer,
  session: SessionPrincipal,
  input: { totpCode: string; newPassword: string },
  nowMs: number,
): Promise<EnrolmentResult> {
  const violation = passwordPolicyViolation(input.newPassword);
  if (violation !== null) return { ok: false, reason: 'password_policy', message: violation };
  const rows = await db.query<{ totp_secret: string | null }>(
    'SELECT totp_secret FROM principals WHERE id = $1 AND totp_enrolled_at IS NULL',
    [session.principal.id],
  );
  const sealed = rows[0]?.totp_secret ?? null;
  if (sealed === null)
    return { ok: false, reason: 'not_started', message: 'start the enrolment first' };
  const secret = await sealer.open(sealed, totpContext(session.principal.id));
  const check = checkTotp(secret, input.totpCode, nowMs, null);
  if (!check.ok)
    return {
      ok: false,
      reason: 'totp_invalid',
      message: 'the code does not match the authenticator',
    };
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.query(
      `UPDATE principals SET totp_enrolled_at = $2, totp_last_step = $3, password_hash = $4,
         password_changed_at = $2 WHERE id = $1`,
      [session.principal.id, new Date(nowMs), check.step, passwordHash],
    );
    await revokeSessionsOf(tx, session.principal.id);
    const created = await createSession(tx, session.principal.id, 'active', nowMs);
    await appendAuditRecords(tx, [
      {
        platformId: null,
        actor: session.principal.id,
        action: 'principal.second_factor_enrolled',
        subjectType: 'principal',
        subjectId: session.principal.id,
        payload: { method: 'totp' },
        atMs: nowMs,
      },
    ]);
    return { ok: true, token: created.token, expiresAtMs: created.expiresAtMs };
  });
}
