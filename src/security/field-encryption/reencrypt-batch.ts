import { assert } from '../../assert.js';
import type { Database } from '../../store/index.js';
import { openPersonalData, sealPersonalDataAt, type PersonalDataTable } from '../personal-data.js';
import type { PersonalDataVault } from './personal-data-vault.js';

export const REENCRYPT_BATCH_SIZE_MAX = 5_000;

/**
 * One batch of re-encryption, in its own transaction: up to `batchSize` rows of `table`
 * still below `version` (or in clear) are locked with SKIP LOCKED — a row a writer holds is
 * left for a later batch, never overwritten — decrypted, sealed under the active version and
 * written back in one statement. Returns how many rows it moved.
 */
export async function reencryptBatch(
  db: Database,
  vault: PersonalDataVault,
  platformId: string,
  table: PersonalDataTable,
  version: number,
  batchSize: number,
): Promise<number> {
  assert(batchSize >= 1 && batchSize <= REENCRYPT_BATCH_SIZE_MAX, 'batch size out of range');
  return db.transaction(async (tx) => {
    const active = await vault.keyring.lockActiveVersion(tx, platformId);
    assert(active >= version, 'the active version never goes back');
    const rows = await tx.query<{ id: string; personal_data: unknown }>(
      `SELECT id, personal_data FROM ${table}
       WHERE platform_id = $1
         AND (personal_data_key_version < $2 OR personal_data_key_version IS NULL)
       LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [platformId, version, batchSize],
    );
    if (rows.length === 0) return 0;
    const updates: { id: string; p: unknown }[] = [];
    for (const row of rows) {
      const context = { vault, db: tx, platformId, table, recordId: row.id };
      const data = await openPersonalData(row.personal_data, context);
      updates.push({ id: row.id, p: await sealPersonalDataAt(data, context, active) });
    }
    const updated = await tx.query(
      `UPDATE ${table} AS t SET personal_data = r.p
       FROM json_to_recordset($1::json) AS r(id text, p jsonb)
       WHERE t.id = r.id AND t.platform_id = $2 RETURNING t.id`,
      [JSON.stringify(updates), platformId],
    );
    assert(updated.length === rows.length, 'every locked row must be rewritten');
    return updated.length;
  });
}
