import type { Config } from '../config.js';
import { migrate, openDatabase, type Database } from '../store/index.js';
import { acquireDataFolder } from './data-folder-lock.js';

export interface OpenedStore {
  db: Database;
  /** Where the data lives, for messages: the folder or the server (without password). */
  location: string;
  lock: { update(url: string): void; release(): void } | null;
}

/** Opens the configured database, takes the PGlite folder lock, and migrates. */
export async function openConfiguredStore(config: Config): Promise<OpenedStore> {
  if (config.databaseUrl !== undefined) {
    const db = await openDatabase({
      kind: 'postgres',
      url: config.databaseUrl,
      poolSize: config.poolSize,
    });
    await migrate(db);
    const url = new URL(config.databaseUrl);
    url.password = '';
    return { db, location: url.toString(), lock: null };
  }
  const lock = acquireDataFolder(config.dataDir, null);
  try {
    const db = await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
    await migrate(db);
    return { db, location: config.dataDir, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}
