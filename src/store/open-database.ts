import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { databaseFromPool, type Database } from './database.js';

export const POSTGRES_POOL_SIZE_DEFAULT = 8;

export type DatabaseTarget =
  { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir: string };

/** Opens the embedded PGlite folder or a PostgreSQL server through the same pg driver. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? POSTGRES_POOL_SIZE_DEFAULT,
    });
    pool.on('error', () => undefined);
    await pool.query('SELECT 1');
    return databaseFromPool(pool, 'postgres', async () => undefined);
  }
  if (target.dataDir !== 'memory://')
    fs.mkdirSync(path.resolve(target.dataDir), { recursive: true });
  const pglite = await PGlite.create(target.dataDir);
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  // As for a server: an idle client's error is the next query's to report, not the process's.
  pool.on('error', () => undefined);
  return databaseFromPool(pool, 'pglite', async () => {
    await pglite.close();
  });
}
