import fs from 'node:fs';
import path from 'node:path';
import { migrate, openDatabase } from '../src/store/index.js';
import { buildCliBundle, CLI_BUNDLE_ENV } from './support/cli-bundle.js';
import {
  adminQuery,
  databaseUrl,
  dropStaleTestDatabases,
  PG_TEMPLATE_ENV,
  testDatabaseName,
} from './support/postgres-template.js';

/**
 * Creates and migrates one PGlite data folder per run; every test database starts as a copy
 * of it. Creating a PGlite folder costs seconds and a gigabyte; copying one costs milliseconds.
 * Each run has its own folder, so runs side by side do not disturb each other. With
 * DATABASE_URL set, the same is done on the server: one migrated template database per run,
 * which test databases are created from. The CLI tests get the CLI as one bundled module
 * (support/cli-bundle.ts).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const runDir = path.resolve('.test-data', `run-${process.pid}`);
  const templateDir = path.join(runDir, 'template');
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const db = await openDatabase({ kind: 'pglite', dataDir: templateDir });
  await migrate(db);
  await db.close();
  process.env.CUSTOS_TEST_RUN_DIR = runDir;
  const cliBundle = path.join(runDir, 'custos-cli.mjs');
  await buildCliBundle(cliBundle);
  process.env[CLI_BUNDLE_ENV] = cliBundle;
  const dropTemplate = await createPostgresTemplate(process.env.DATABASE_URL);
  return async () => {
    await dropTemplate();
    fs.rmSync(runDir, { recursive: true, force: true });
  };
}

/** The run's migrated template on the server, when there is one; returns its clean-up. */
async function createPostgresTemplate(url: string | undefined): Promise<() => Promise<void>> {
  if (url === undefined || url === '') return async () => {};
  const dropped = await dropStaleTestDatabases(url);
  if (dropped.length > 0)
    console.log(`dropped ${dropped.length} test database(s) left by killed runs`);
  const name = testDatabaseName('template');
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const template = await openDatabase({ kind: 'postgres', url: databaseUrl(url, name) });
  try {
    await migrate(template);
  } finally {
    await template.close();
  }
  process.env[PG_TEMPLATE_ENV] = name;
  return () => adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
