import type { Config } from '../config.js';
import { openConfiguredVault, type ConfiguredVault } from '../security/field-encryption/index.js';
import { migrate, openDatabase, type Database } from '../store/index.js';
import { acquireDataFolder } from './data-folder-lock.js';

export interface OpenedStore {
  db: Database;
  /** Where the data lives, for messages: the folder or the server (without password). */
  location: string;
  lock: { update(url: string): void; release(): void } | null;
  /** The personal-data vault, bound to `db`, and where its master key came from. */
  keys: ConfiguredVault;
}

function masterKeyOptions(config: Config) {
  return {
    masterKeyBase64: config.masterKeyBase64,
    masterKeyFile: config.masterKeyFile,
    previousMasterKeysBase64: [...config.previousMasterKeysBase64],
    dataDir: config.dataDir,
  };
}

/**
 * Opens the configured database, takes the PGlite folder lock, migrates, and opens the
 * personal-data vault with the configured master key (refusing to start with the wrong one).
 */
export async function openConfiguredStore(config: Config): Promise<OpenedStore> {
  if (config.databaseUrl !== undefined) {
    const db = await openDatabase({
      kind: 'postgres',
      url: config.databaseUrl,
      poolSize: config.poolSize,
    });
    await migrate(db);
    const keys = await openConfiguredVault(db, masterKeyOptions(config));
    const url = new URL(config.databaseUrl);
    url.password = '';
    return { db, location: url.toString(), lock: null, keys };
  }
  const lock = acquireDataFolder(config.dataDir, null);
  try {
    const db = await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
    await migrate(db);
    const keys = await openConfiguredVault(db, masterKeyOptions(config)).catch(
      async (error: unknown) => {
        await db.close();
        throw error;
      },
    );
    return { db, location: config.dataDir, lock, keys };
  } catch (error) {
    lock.release();
    throw error;
  }
}
