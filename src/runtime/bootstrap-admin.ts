import { randomBytes } from 'node:crypto';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { generateApiKey, hashApiKey } from '../security/index.js';
import { hashPassword } from '../security/password.js';
import { newId, type Database } from '../store/index.js';

const INITIAL_PASSWORD_BYTES = 18;

export interface BootstrapSecrets {
  /** The staff API key of `admin` (for the CLI and automation). */
  apiKey: string;
  /** One-time console password of login `admin`; the first sign-in replaces it. */
  initialPassword: string;
}

/**
 * The first start creates the first member of staff, login `admin` with role admin, and
 * returns its secrets once. With CUSTOS_ADMIN_KEY set, that key is used instead of a generated
 * one. Every later member of staff is added by an admin and approved by a second one.
 */
export async function bootstrapAdmin(
  db: Database,
  adminKey: string | undefined,
): Promise<BootstrapSecrets | null> {
  const initialPassword = randomBytes(INITIAL_PASSWORD_BYTES).toString('base64url');
  const passwordHash = await hashPassword(initialPassword);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7202612)');
    const staff = await tx.query("SELECT 1 FROM principals WHERE kind = 'staff' LIMIT 1");
    if (staff.length > 0) return null;
    const apiKey = adminKey ?? generateApiKey();
    const id = newId('stf');
    await tx.query(
      `INSERT INTO principals (id, kind, name, role, login, password_hash, password_changed_at,
         activated_at)
       VALUES ($1, 'staff', 'admin', 'admin', 'admin', $2, now(), now())`,
      [id, passwordHash],
    );
    await tx.query(
      `INSERT INTO api_keys (id, principal_id, key_hash, label, activated_at)
       VALUES ($1, $2, $3, 'bootstrap', now())`,
      [newId('key'), id, hashApiKey(apiKey)],
    );
    await appendAuditRecords(tx, [
      {
        platformId: null,
        actor: 'system',
        action: 'principal.created',
        subjectType: 'principal',
        subjectId: id,
        payload: { login: 'admin', role: 'admin', bootstrap: true },
        atMs: Date.now(),
      },
    ]);
    return { apiKey, initialPassword };
  });
}
