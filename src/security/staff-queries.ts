import type { Queryable } from '../store/index.js';

export const STAFF_LIST_MAX = 1_000;

function iso(value: unknown): string | null {
  return value === null || value === undefined ? null : new Date(value as string).toISOString();
}

/** Members of staff, without secrets: never a password hash or TOTP secret. */
export async function listStaff(db: Queryable) {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT p.id, p.login, p.name, p.role, p.created_at, p.activated_at, p.disabled_at,
       p.totp_enrolled_at, p.locked_until,
       COALESCE(array_agg(pp.platform_id ORDER BY pp.platform_id)
         FILTER (WHERE pp.platform_id IS NOT NULL), '{}') AS platform_ids
     FROM principals p LEFT JOIN principal_platforms pp ON pp.principal_id = p.id
     WHERE p.kind = 'staff'
     GROUP BY p.id ORDER BY p.created_at, p.id LIMIT $1`,
    [STAFF_LIST_MAX],
  );
  return rows.map((r) => ({
    id: String(r.id),
    login: (r.login as string | null) ?? null,
    name: String(r.name),
    role: String(r.role),
    platformIds: r.platform_ids as string[],
    createdAt: iso(r.created_at) ?? '',
    activatedAt: iso(r.activated_at),
    disabledAt: iso(r.disabled_at),
    totpEnrolledAt: iso(r.totp_enrolled_at),
    lockedUntil: iso(r.locked_until),
  }));
}

/** API keys (metadata only: the key itself is shown once, when created). */
export async function listApiKeys(db: Queryable, principalId: string | undefined) {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT k.id, k.principal_id, p.name AS principal_name, p.kind, p.platform_id, k.label,
       k.created_at, k.activated_at, k.expires_at, k.revoked_at
     FROM api_keys k JOIN principals p ON p.id = k.principal_id
     WHERE ($1::text IS NULL OR k.principal_id = $1) AND k.label <> 'cli'
     ORDER BY k.created_at DESC, k.id DESC LIMIT $2`,
    [principalId ?? null, STAFF_LIST_MAX],
  );
  return rows.map((r) => ({
    id: String(r.id),
    principalId: String(r.principal_id),
    principalName: String(r.principal_name),
    principalKind: String(r.kind),
    platformId: (r.platform_id as string | null) ?? null,
    label: String(r.label),
    createdAt: iso(r.created_at) ?? '',
    activatedAt: iso(r.activated_at),
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
  }));
}
