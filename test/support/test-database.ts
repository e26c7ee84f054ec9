import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  localMasterKeyProvider,
  openPersonalDataVault,
} from '../../src/security/field-encryption/index.js';
import { migrate, openDatabase, type Database } from '../../src/store/index.js';
import { adminQuery, databaseUrl, PG_TEMPLATE_ENV, testDatabaseName } from './postgres-template.js';
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
  const name = testDatabaseName('test');
  const template = process.env[PG_TEMPLATE_ENV] ?? '';
  await adminQuery(url, `CREATE DATABASE ${name}${template === '' ? '' : ` TEMPLATE ${template}`}`);
  const location = databaseUrl(url, name);
  const db = await openDatabase({ kind: 'postgres', url: location });
  // A database copied from the run's template is migrated already; this only checks it.
  await migrate(db);
  await openPersonalDataVault(db, localMasterKeyProvider(randomBytes(32)));
  const closeDatabase = db.close.bind(db);
  return Object.assign(db, {
    location,
    close: async () => {
      await closeDatabase();
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  });
}
