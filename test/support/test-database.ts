import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
  localMasterKeyProvider,
  openPersonalDataVault,
} from '../../src/security/field-encryption/index.js';
import { migrate, openDatabase, type Database } from '../../src/store/index.js';
import { templateDir, testRunDir } from './test-run-dir.js';

/** Which database the suite runs on: a PostgreSQL server when DATABASE_URL is set. */
export const TEST_BACKEND = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated, private database for one test, with a personal-data vault under a random
 * master key: a copy of the PGlite template folder,
 * or a new database on the PostgreSQL server named by DATABASE_URL (dropped on close).
 */
export async function createTestDatabase(): Promise<Database & { location: string }> {
  const suffix = randomBytes(6).toString('hex');
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    const dataDir = path.join(testRunDir(), `db-${suffix}`);
    fs.cpSync(templateDir(), dataDir, { recursive: true });
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await openPersonalDataVault(db, localMasterKeyProvider(randomBytes(32)));
    const closeDatabase = db.close.bind(db);
    return Object.assign(db, {
      location: dataDir,
      close: async () => {
        await closeDatabase();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    });
  }
  const name = `custos_test_${suffix}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: target.toString() });
  await migrate(db);
  await openPersonalDataVault(db, localMasterKeyProvider(randomBytes(32)));
  const closeDatabase = db.close.bind(db);
  return Object.assign(db, {
    location: target.toString(),
    close: async () => {
      await closeDatabase();
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  });
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
