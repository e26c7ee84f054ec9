import { appendAuditRecords } from '../audit/audit-record-store.js';
import { createPrincipalWithKey, hashApiKey } from '../security/index.js';
import { newId, type Database } from '../store/index.js';

/**
 * The first start creates the first member of staff, `admin`, and returns its key once. With
 * CUSTOS_ADMIN_KEY set, that key is used instead of a generated one.
 */
export async function bootstrapAdmin(
  db: Database,
  adminKey: string | undefined,
): Promise<string | null> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7202612)');
    const staff = await tx.query("SELECT 1 FROM principals WHERE kind = 'staff' LIMIT 1");
    if (staff.length > 0) return null;
    if (adminKey === undefined) {
      const created = await createPrincipalWithKey(tx, {
        kind: 'staff',
        platformId: null,
        role: 'admin',
        name: 'admin',
      });
      await appendAuditRecords(tx, [bootstrapRecord(created.principal.id)]);
      return created.apiKey;
    }
    const id = newId('stf');
    await tx.query(
      "INSERT INTO principals (id, kind, name, role) VALUES ($1, 'staff', 'admin', 'admin')",
      [id],
    );
    await tx.query('INSERT INTO api_keys (id, principal_id, key_hash) VALUES ($1, $2, $3)', [
      newId('key'),
      id,
      hashApiKey(adminKey),
    ]);
    await appendAuditRecords(tx, [bootstrapRecord(id)]);
    return adminKey;
  });
}

function bootstrapRecord(principalId: string) {
  return {
    platformId: null,
    actor: 'system',
    action: 'principal.created',
    subjectType: 'principal',
    subjectId: principalId,
    payload: { role: 'admin', bootstrap: true },
    atMs: Date.now(),
  };
}
