import type { Queryable } from '../../store/index.js';
import { loadLocalMasterKey, type MasterKeyOptions } from './master-key-source.js';
import { openPersonalDataVault, type PersonalDataVault } from './personal-data-vault.js';

export interface ConfiguredVault {
  vault: PersonalDataVault;
  /** For start-up messages: the master key id and where it came from (never the key). */
  masterKeyId: string;
  source: string;
  /** True when this start created `<dataDir>/master.key`. */
  created: boolean;
}

/**
 * What a start-up (server, CLI over the data folder) does once the database is open and
 * migrated: load the local master key and open the vault bound to `db`. A KMS deployment
 * calls `openPersonalDataVault(db, itsProvider)` instead.
 */
export async function openConfiguredVault(
  db: Queryable,
  options: MasterKeyOptions,
): Promise<ConfiguredVault> {
  const master = loadLocalMasterKey(options);
  const vault = await openPersonalDataVault(db, master.provider);
  return {
    vault,
    masterKeyId: master.provider.id,
    source: master.source,
    created: master.created,
  };
}
