import { assert } from '../../assert.js';
import type { Queryable } from '../../store/index.js';
import { Keyring } from './keyring.js';
import type { MasterKeyProvider } from './master-key-provider.js';

/**
 * Everything personal-data code needs to encrypt, decrypt and index: the master key provider
 * and the keyring (the cache of unwrapped keys). One per process and database, made at start.
 */
export interface PersonalDataVault {
  readonly provider: MasterKeyProvider;
  readonly keyring: Keyring;
  /** Zeroes every cached key. */
  close(): void;
}

export function createPersonalDataVault(provider: MasterKeyProvider): PersonalDataVault {
  const keyring = new Keyring(provider);
  return { provider, keyring, close: () => keyring.close() };
}

const vaults = new WeakMap<object, PersonalDataVault>();

/**
 * Opens the vault of a database: checks that the provider can unwrap every stored key (a
 * wrong or missing master key stops the start, before any request is served), then binds the
 * vault to this database handle so `personalDataVaultOf(db)` finds it.
 */
export async function openPersonalDataVault(
  db: Queryable,
  provider: MasterKeyProvider,
): Promise<PersonalDataVault> {
  const vault = createPersonalDataVault(provider);
  await checkMasterKeys(db, vault);
  bindPersonalDataVault(db, vault);
  return vault;
}

export function bindPersonalDataVault(db: Queryable, vault: PersonalDataVault): void {
  vaults.set(db, vault);
}

/** The vault bound to this database handle; none bound is a wiring mistake at start-up. */
export function personalDataVaultOf(db: Queryable): PersonalDataVault {
  const vault = vaults.get(db);
  assert(
    vault !== undefined,
    'no personal data vault is bound to this database: call openPersonalDataVault(db, provider) after opening it',
  );
  return vault;
}

async function checkMasterKeys(db: Queryable, vault: PersonalDataVault): Promise<void> {
  // One key row per master key id is enough to prove the provider holds that key.
  const rows = await db.query<{
    platform_id: string;
    purpose: 'data' | 'index';
    version: number;
    wrapped_key: Buffer;
    master_key_id: string;
  }>(
    `SELECT DISTINCT ON (master_key_id) platform_id, purpose, version, wrapped_key, master_key_id
     FROM (SELECT platform_id, 'data' AS purpose, version, wrapped_key, master_key_id
           FROM data_keys WHERE status <> 'retired'
           UNION ALL
           SELECT platform_id, 'index', 0, wrapped_key, master_key_id FROM blind_index_keys) keys
     ORDER BY master_key_id, platform_id, purpose, version`,
  );
  for (const row of rows) {
    if (!vault.provider.knows(row.master_key_id)) {
      throw new Error(
        `personal data keys are wrapped by master key ${row.master_key_id}, which is not ` +
          `configured (current: ${vault.provider.id}); set it as the master key, or list it ` +
          'as a previous one and run `custos keys rotate`',
      );
    }
    const key = await vault.keyring.unwrapRow(row, row.platform_id, row.purpose);
    key.fill(0);
  }
}
