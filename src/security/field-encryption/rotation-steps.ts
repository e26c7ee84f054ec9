import { assert } from '../../assert.js';
import type { Queryable } from '../../store/index.js';
import type { PersonalDataVault } from './personal-data-vault.js';

export const PERSONAL_DATA_TABLES = [
  'customers',
  'customer_bank_accounts',
  'customer_beneficial_owners',
] as const;

/**
 * Free text sealed piece by piece (arrays of enc:v1 ciphertexts: complaints, answers,
 * attachments, privacy requests and exports, goAML and CAMLMAC report files, representatives'
 * names). Rotation does not re-encrypt these yet, so a key version stays decrypt_only, never
 * retired, while any piece under it remains.
 */
export const SEALED_TEXT_COLUMNS: readonly { table: string; columns: readonly string[] }[] = [
  {
    table: 'complaints',
    columns: ['subject_sealed', 'description_sealed', 'outcome_sealed'],
  },
  { table: 'complaint_events', columns: ['text_sealed'] },
  { table: 'complaint_attachments', columns: ['file_name_sealed', 'content_sealed'] },
  { table: 'privacy_requests', columns: ['correction_sealed', 'export_sealed'] },
  { table: 'report_files', columns: ['xml_sealed'] },
  { table: 'report_camlmac_files', columns: ['xml_sealed'] },
  { table: 'report_subject_profiles', columns: ['representative_name_sealed'] },
];

export interface RotationStart {
  newVersion: number;
  /** Versions that were active or decrypt_only before; rows under them get re-encrypted. */
  previousVersions: number[];
  /** Keys (data or index) moved from an older master key to the current one. */
  rewrappedKeys: number;
}

/**
 * Step 1, one transaction: a new data key version becomes active and the old active one
 * decrypt_only. Locking every live key row FOR UPDATE waits for writers that share-locked the
 * old active version; once this commits, no row can be written under an old version again.
 * Keys wrapped under an older master key are rewrapped under the current one.
 */
export async function startRotation(
  tx: Queryable,
  vault: PersonalDataVault,
  platformId: string,
): Promise<RotationStart> {
  const live = await tx.query<{ version: number; status: string }>(
    `SELECT version, status FROM data_keys
     WHERE platform_id = $1 AND status <> 'retired' ORDER BY version FOR UPDATE`,
    [platformId],
  );
  const next = await tx.query<{ version: number }>(
    'SELECT coalesce(max(version), 0) + 1 AS version FROM data_keys WHERE platform_id = $1',
    [platformId],
  );
  const newVersion = next[0]?.version ?? 1;
  assert(
    live.every((key) => key.version < newVersion),
    'a new version must be above every live one',
  );
  const { key, wrapped } = await vault.keyring.newDataKey(platformId, newVersion);
  await tx.query(
    `UPDATE data_keys SET status = 'decrypt_only' WHERE platform_id = $1 AND status = 'active'`,
    [platformId],
  );
  await tx.query(
    `INSERT INTO data_keys (platform_id, version, wrapped_key, master_key_id, status)
     VALUES ($1, $2, $3, $4, 'active')`,
    [platformId, newVersion, wrapped, vault.provider.id],
  );
  const rewrappedKeys = await rewrapOlderMasterKeys(tx, vault, platformId);
  // Not cached here: until this transaction commits the version may yet vanish.
  key.fill(0);
  return { newVersion, previousVersions: live.map((k) => k.version), rewrappedKeys };
}

async function rewrapOlderMasterKeys(
  tx: Queryable,
  vault: PersonalDataVault,
  platformId: string,
): Promise<number> {
  const { provider, keyring } = vault;
  const dataKeys = await tx.query<{
    version: number;
    wrapped_key: Buffer;
    master_key_id: string;
  }>(
    `SELECT version, wrapped_key, master_key_id FROM data_keys
     WHERE platform_id = $1 AND status = 'decrypt_only' AND master_key_id <> $2 FOR UPDATE`,
    [platformId, provider.id],
  );
  for (const row of dataKeys) {
    const key = await keyring.unwrapRow(row, platformId, 'data');
    const context = { platformId, purpose: 'data' as const, version: row.version };
    const wrapped = await provider.wrap(key, context);
    key.fill(0);
    await tx.query(
      'UPDATE data_keys SET wrapped_key = $3, master_key_id = $4 WHERE platform_id = $1 AND version = $2',
      [platformId, row.version, wrapped, provider.id],
    );
  }
  const indexKeys = await tx.query<{ wrapped_key: Buffer; master_key_id: string }>(
    `SELECT wrapped_key, master_key_id FROM blind_index_keys
     WHERE platform_id = $1 AND master_key_id <> $2 FOR UPDATE`,
    [platformId, provider.id],
  );
  for (const row of indexKeys) {
    const root = await keyring.unwrapRow({ ...row, version: 0 }, platformId, 'index');
    const wrapped = await provider.wrap(root, { platformId, purpose: 'index', version: 0 });
    root.fill(0);
    await tx.query(
      'UPDATE blind_index_keys SET wrapped_key = $2, master_key_id = $3 WHERE platform_id = $1',
      [platformId, wrapped, provider.id],
    );
  }
  return dataKeys.length + indexKeys.length;
}

/** Rows of a platform still sealed under a version below `version`, or in clear. */
export async function rowsBelowVersion(
  db: Queryable,
  platformId: string,
  version: number,
): Promise<number> {
  let total = 0;
  for (const table of PERSONAL_DATA_TABLES) {
    const rows = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE platform_id = $1
       AND (personal_data_key_version < $2 OR personal_data_key_version IS NULL)`,
      [platformId, version],
    );
    total += rows[0]?.n ?? 0;
  }
  return total;
}

/** Rows holding sealed text with a piece under a version below `version`. */
export async function sealedTextRowsBelowVersion(
  db: Queryable,
  platformId: string,
  version: number,
): Promise<number> {
  let total = 0;
  for (const { table, columns } of SEALED_TEXT_COLUMNS) {
    const pieces = columns.map((column) => `coalesce(${column}, '{}')`).join(' || ');
    const rows = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} t WHERE platform_id = $1 AND EXISTS (
         SELECT 1 FROM unnest(${pieces}) AS piece
         WHERE split_part(piece, ':', 3)::int < $2)`,
      [platformId, version],
    );
    total += rows[0]?.n ?? 0;
  }
  return total;
}

/**
 * Last step, one transaction: with no row left under an older version, those versions are
 * retired and their wrapped keys erased. Nothing can write under them any more (step 1), so
 * the count read here cannot be overtaken.
 */
export async function retireVersionsBelow(
  tx: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  version: number,
): Promise<number[]> {
  if ((await rowsBelowVersion(tx, platformId, version)) > 0) return [];
  if ((await sealedTextRowsBelowVersion(tx, platformId, version)) > 0) return [];
  const retired = await tx.query<{ version: number }>(
    `UPDATE data_keys SET status = 'retired', wrapped_key = NULL, retired_at = now()
     WHERE platform_id = $1 AND status = 'decrypt_only' AND version < $2
     RETURNING version`,
    [platformId, version],
  );
  for (const row of retired) vault.keyring.forgetDataKey(platformId, row.version);
  return retired.map((row) => row.version).sort((a, b) => a - b);
}
