import { randomBytes } from 'node:crypto';
import type { ApprovalRow } from '../approvals/approval-actions.js';
import { ApprovalExecutionRefused } from '../approvals/approval-execution-refused.js';
import { openApproval } from '../approvals/approvals.js';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { failure, success, type Result } from '../custody/errors.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { generateApiKey, hashApiKey } from './api-keys.js';
import { hashPassword } from './password.js';
import { isRole, STAFF_ROLES, type StaffRole } from './permissions.js';
import type { Principal } from './principal.js';
import { recordSecurityEvent } from './security-event.js';
import { revokeSessionsOf } from './sessions.js';

/** After a rotation is approved, the old key keeps working this long unless said otherwise. */
export const API_KEY_OVERLAP_MS_DEFAULT = 24 * 60 * 60 * 1000;
export const API_KEY_OVERLAP_MS_MAX = 30 * 24 * 60 * 60 * 1000;
export const API_KEYS_PER_PRINCIPAL_MAX = 10;
export const SUPERVISED_PLATFORMS_MAX = 1_000;
const INITIAL_PASSWORD_BYTES = 18;

function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/**
 * Adds a member of staff. The person cannot sign in until a second admin approves the grant of
 * their role (approval action `principal.role_grant`). The one-time initial password is
 * returned once; at first sign-in the person enrols a second factor and chooses their own.
 */
export async function createStaffMember(
  db: Database,
  actor: Principal,
  input: { login: string; name: string; role: StaffRole; platformIds?: string[]; reason: string },
): Promise<Result<{ principalId: string; approvalId: string; initialPassword: string }>> {
  if (!isStaffRole(input.role)) return failure('validation_failed', `unknown role ${input.role}`);
  const platformIds = [...new Set(input.platformIds ?? [])];
  if (input.role === 'regulator' && platformIds.length === 0)
    return failure('validation_failed', 'a regulator supervises at least one platform');
  if (input.role !== 'regulator' && platformIds.length > 0)
    return failure('validation_failed', 'only a regulator is scoped to platforms');
  if (platformIds.length > SUPERVISED_PLATFORMS_MAX)
    return failure('validation_failed', `at most ${SUPERVISED_PLATFORMS_MAX} platforms`);
  const initialPassword = randomBytes(INITIAL_PASSWORD_BYTES).toString('base64url');
  const passwordHash = await hashPassword(initialPassword);
  return db.transaction(async (tx) => {
    const taken = await tx.query('SELECT 1 FROM principals WHERE login = $1', [input.login]);
    if (taken.length > 0) return failure('duplicate', `login ${input.login} is taken`);
    const known = await tx.query<{ id: string }>('SELECT id FROM platforms WHERE id = ANY($1)', [
      platformIds,
    ]);
    if (known.length !== platformIds.length)
      return failure('validation_failed', 'unknown platform in platformIds');
    const principalId = newId('stf');
    await tx.query(
      `INSERT INTO principals (id, kind, name, role, login, password_hash, password_changed_at)
       VALUES ($1, 'staff', $2, $3, $4, $5, now())`,
      [principalId, input.name, input.role, input.login, passwordHash],
    );
    await appendAuditRecords(tx, [
      {
        platformId: null,
        actor: actor.id,
        action: 'principal.created',
        subjectType: 'principal',
        subjectId: principalId,
        payload: { login: input.login, role: input.role, platformIds },
        atMs: Date.now(),
      },
    ]);
    const approvalId = await openApproval(tx, actor, {
      platformId: null,
      action: 'principal.role_grant',
      payload: { principalId, role: input.role, platformIds },
      reason: input.reason,
    });
    return success({ principalId, approvalId, initialPassword });
  });
}

/** Asks for a different role (or supervision scope) for an existing member of staff. */
export async function requestRoleGrant(
  db: Database,
  actor: Principal,
  principalId: string,
  input: { role: StaffRole; platformIds?: string[]; reason: string },
): Promise<Result<{ approvalId: string }>> {
  if (!isStaffRole(input.role)) return failure('validation_failed', `unknown role ${input.role}`);
  const platformIds = [...new Set(input.platformIds ?? [])];
  if ((input.role === 'regulator') !== platformIds.length > 0)
    return failure('validation_failed', 'platformIds are given for regulators and only for them');
  return db.transaction(async (tx) => {
    const rows = await tx.query("SELECT 1 FROM principals WHERE id = $1 AND kind = 'staff'", [
      principalId,
    ]);
    if (rows.length === 0) return failure('not_found', `member of staff ${principalId} not found`);
    const approvalId = await openApproval(tx, actor, {
      platformId: null,
      action: 'principal.role_grant',
      payload: { principalId, role: input.role, platformIds },
      reason: input.reason,
    });
    return success({ approvalId });
  });
}

/** Runs an approved role grant: activates the person, sets role and scope, ends sessions. */
export async function executeRoleGrant(
  tx: Queryable,
  approval: ApprovalRow,
  decider: Principal,
): Promise<void> {
  const principalId = String(approval.payload.principalId);
  const role = String(approval.payload.role);
  const platformIds = (approval.payload.platformIds as string[] | undefined) ?? [];
  if (!isRole(role) || role === 'platform')
    throw new ApprovalExecutionRefused({ code: 'validation_failed', message: `bad role ${role}` });
  const updated = await tx.query(
    `UPDATE principals SET role = $2, activated_at = COALESCE(activated_at, now())
     WHERE id = $1 AND kind = 'staff' AND disabled_at IS NULL RETURNING id`,
    [principalId, role],
  );
  if (updated.length === 0)
    throw new ApprovalExecutionRefused({
      code: 'invalid_state',
      message: 'the member of staff no longer exists or is disabled',
    });
  await tx.query('DELETE FROM principal_platforms WHERE principal_id = $1', [principalId]);
  if (platformIds.length > 0)
    await tx.query(
      `INSERT INTO principal_platforms (principal_id, platform_id)
       SELECT $1, unnest($2::text[])`,
      [principalId, platformIds],
    );
  await revokeSessionsOf(tx, principalId);
  await appendAuditRecords(tx, [
    {
      platformId: null,
      actor: decider.id,
      action: 'principal.role_granted',
      subjectType: 'principal',
      subjectId: principalId,
      payload: { role, platformIds, requestedBy: approval.requested_by },
      atMs: Date.now(),
    },
  ]);
}

/** Disables a member of staff at once (taking access away needs no second person). */
export async function disableStaffMember(
  db: Database,
  actor: Principal,
  principalId: string,
  reason: string,
): Promise<Result<{ principalId: string }>> {
  if (actor.id === principalId) return failure('forbidden', 'you cannot disable yourself');
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE principals SET disabled_at = now() WHERE id = $1 AND kind = 'staff'
       AND disabled_at IS NULL RETURNING id`,
      [principalId],
    );
    if (rows.length === 0)
      return failure('not_found', `active member of staff ${principalId} not found`);
    await revokeSessionsOf(tx, principalId);
    await tx.query(
      'UPDATE api_keys SET revoked_at = now() WHERE principal_id = $1 AND revoked_at IS NULL',
      [principalId],
    );
    await appendAuditRecords(tx, [
      {
        platformId: null,
        actor: actor.id,
        action: 'principal.disabled',
        subjectType: 'principal',
        subjectId: principalId,
        payload: { reason },
        atMs: Date.now(),
      },
    ]);
    return success({ principalId });
  });
}

/**
 * Rotates a principal's API key. The new key is created now but stays inactive until a second
 * person approves (approval action `api_key.activate`); the caller sees it once. On approval
 * the principal's other keys expire after the overlap, so clients can switch without downtime.
 */
export async function rotateApiKey(
  db: Database,
  actor: Principal,
  principalId: string,
  input: { label: string; overlapMs?: number; reason: string },
): Promise<Result<{ keyId: string; apiKey: string; approvalId: string }>> {
  const overlapMs = input.overlapMs ?? API_KEY_OVERLAP_MS_DEFAULT;
  if (!Number.isInteger(overlapMs) || overlapMs < 0 || overlapMs > API_KEY_OVERLAP_MS_MAX)
    return failure('validation_failed', `overlapMs must be 0..${API_KEY_OVERLAP_MS_MAX}`);
  return db.transaction(async (tx) => {
    const principal = await tx.query<{ platform_id: string | null }>(
      'SELECT platform_id FROM principals WHERE id = $1 AND disabled_at IS NULL',
      [principalId],
    );
    if (principal[0] === undefined)
      return failure('not_found', `principal ${principalId} not found`);
    const live = await tx.query(
      'SELECT 1 FROM api_keys WHERE principal_id = $1 AND revoked_at IS NULL',
      [principalId],
    );
    if (live.length >= API_KEYS_PER_PRINCIPAL_MAX)
      return failure(
        'validation_failed',
        `at most ${API_KEYS_PER_PRINCIPAL_MAX} live keys; revoke one first`,
      );
    const apiKey = generateApiKey();
    const keyId = newId('key');
    await tx.query(
      'INSERT INTO api_keys (id, principal_id, key_hash, label) VALUES ($1, $2, $3, $4)',
      [keyId, principalId, hashApiKey(apiKey), input.label],
    );
    const platformId = principal[0].platform_id;
    await recordSecurityEvent(
      tx,
      platformId,
      'key_rotation',
      actor.id,
      { principalId, keyId, stage: 'requested' },
      Date.now(),
    );
    const approvalId = await openApproval(tx, actor, {
      platformId,
      action: 'api_key.activate',
      payload: { principalId, keyId, overlapMs },
      reason: input.reason,
    });
    return success({ keyId, apiKey, approvalId });
  });
}

export async function executeApiKeyActivation(
  tx: Queryable,
  approval: ApprovalRow,
  decider: Principal,
): Promise<void> {
  const keyId = String(approval.payload.keyId);
  const principalId = String(approval.payload.principalId);
  const overlapMs = Number(approval.payload.overlapMs);
  const activated = await tx.query(
    `UPDATE api_keys SET activated_at = now() WHERE id = $1 AND principal_id = $2
     AND activated_at IS NULL AND revoked_at IS NULL RETURNING id`,
    [keyId, principalId],
  );
  if (activated.length === 0)
    throw new ApprovalExecutionRefused({
      code: 'invalid_state',
      message: 'the key was revoked meanwhile',
    });
  await tx.query(
    `UPDATE api_keys SET expires_at = LEAST(COALESCE(expires_at, 'infinity'), $3::timestamptz)
     WHERE principal_id = $1 AND id <> $2 AND revoked_at IS NULL AND activated_at IS NOT NULL`,
    [principalId, keyId, new Date(Date.now() + overlapMs)],
  );
  await recordSecurityEvent(
    tx,
    approval.platform_id,
    'key_rotation',
    decider.id,
    { principalId, keyId, stage: 'activated', overlapMs },
    Date.now(),
  );
}

export async function revokeApiKey(
  db: Database,
  actor: Principal,
  keyId: string,
  reason: string,
): Promise<Result<{ keyId: string }>> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ platform_id: string | null; principal_id: string }>(
      `UPDATE api_keys k SET revoked_at = now() FROM principals p
       WHERE k.id = $1 AND p.id = k.principal_id AND k.revoked_at IS NULL
       RETURNING p.platform_id, k.principal_id`,
      [keyId],
    );
    const row = rows[0];
    if (row === undefined) return failure('not_found', `live key ${keyId} not found`);
    // A rotated key revoked before its approval: the request has nothing left to approve.
    await tx.query(
      `UPDATE approvals SET status = 'expired' WHERE action = 'api_key.activate'
       AND status = 'open' AND payload->>'keyId' = $1`,
      [keyId],
    );
    await recordSecurityEvent(
      tx,
      row.platform_id,
      'api_key_revoked',
      actor.id,
      { keyId, principalId: row.principal_id, reason },
      Date.now(),
    );
    return success({ keyId });
  });
}
