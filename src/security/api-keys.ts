import { createHash, randomBytes } from 'node:crypto';
import { newId, type Queryable } from '../store/index.js';
import type { Principal } from './principal.js';

const API_KEY_PREFIX = 'csk_';
const API_KEY_RANDOM_BYTES = 32;
export const API_KEY_LENGTH_MAX = 100;

/** Keys are stored only as SHA-256 hashes: a leaked table does not leak a usable key. */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(API_KEY_RANDOM_BYTES).toString('base64url');
}

export async function createPrincipalWithKey(
  tx: Queryable,
  principal: Omit<Principal, 'id'>,
): Promise<{ principal: Principal; apiKey: string }> {
  const id = newId(principal.kind === 'staff' ? 'stf' : 'cli');
  await tx.query(
    `INSERT INTO principals (id, platform_id, kind, name, role, activated_at)
     VALUES ($1, $2, $3, $4, $5, now())`,
    [id, principal.platformId, principal.kind, principal.name, principal.role],
  );
  const apiKey = generateApiKey();
  await tx.query(
    'INSERT INTO api_keys (id, principal_id, key_hash, activated_at) VALUES ($1, $2, $3, now())',
    [newId('key'), id, hashApiKey(apiKey)],
  );
  return { principal: { ...principal, id }, apiKey };
}

export async function authenticateApiKey(db: Queryable, key: string): Promise<Principal | null> {
  if (key.length === 0 || key.length > API_KEY_LENGTH_MAX) return null;
  const rows = await db.query<{
    id: string;
    kind: Principal['kind'];
    platform_id: string | null;
    role: string;
    name: string;
  }>(
    `SELECT p.id, p.kind, p.platform_id, p.role, p.name FROM api_keys k
     JOIN principals p ON p.id = k.principal_id
     WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND k.activated_at IS NOT NULL
       AND (k.expires_at IS NULL OR k.expires_at > now())
       AND p.disabled_at IS NULL AND p.activated_at IS NOT NULL`,
    [hashApiKey(key)],
  );
  const row = rows[0];
  if (row === undefined) return null;
  const principal: Principal = {
    id: row.id,
    kind: row.kind,
    platformId: row.platform_id,
    role: row.role,
    name: row.name,
  };
  return withSupervision(db, principal);
}

/** Adds a regulator's supervised platforms to its principal. */
export async function withSupervision(db: Queryable, principal: Principal): Promise<Principal> {
  if (principal.role !== 'regulator') return principal;
  const rows = await db.query<{ platform_id: string }>(
    'SELECT platform_id FROM principal_platforms WHERE principal_id = $1 ORDER BY platform_id',
    [principal.id],
  );
  return { ...principal, supervisedPlatformIds: rows.map((r) => r.platform_id) };
}
