import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The migrated PostgreSQL template of one test run: test databases are created from it
 * (CREATE DATABASE … TEMPLATE copies the files, ≈ 60 ms) instead of migrating each one
 * (≈ 2 s). Its name travels to the test workers in CUSTOS_TEST_PG_TEMPLATE.
 */
export const PG_TEMPLATE_ENV = 'CUSTOS_TEST_PG_TEMPLATE';

/** The server's database named `name` in `url`. */
export function databaseUrl(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** Runs one statement on the server's maintenance connection (CREATE and DROP DATABASE). */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** What a test run creates on the server: its template, test databases, crash-test databases. */
export type TestDatabaseKind = 'template' | 'test' | 'crash';

/** A database a run left behind (killed before its clean-up) is dropped after this long. */
export const STALE_TEST_DATABASE_MS = 6 * 60 * 60 * 1000;

/** At most this many stale databases are dropped by one sweep. */
const SWEEP_DROPS_MAX = 500;

const TEST_DATABASE_NAME = /^custos_(template|test|crash)_(?:([0-9a-z]{1,10})_)?[0-9a-f]+$/;

/**
 * A fresh name for a test database: the kind, its creation time in base-36 seconds (so that a
 * later run can tell what a killed run left behind) and random hex.
 */
export function testDatabaseName(kind: TestDatabaseKind, nowMs = Date.now()): string {
  const createdSeconds = Math.floor(nowMs / 1000).toString(36);
  return `custos_${kind}_${createdSeconds}_${randomBytes(6).toString('hex')}`;
}

/**
 * Whether a database named `name` is a test database older than the stale age. Names without
 * a creation time come from an earlier naming and count as stale; other databases never do.
 */
export function isStaleTestDatabase(name: string, nowMs: number): boolean {
  const match = TEST_DATABASE_NAME.exec(name);
  if (match === null) return false;
  const createdSeconds = match[2];
  if (createdSeconds === undefined) return true;
  return nowMs - parseInt(createdSeconds, 36) * 1000 > STALE_TEST_DATABASE_MS;
}

/** Drops the test databases that killed runs left on the server; returns their names. */
export async function dropStaleTestDatabases(url: string, nowMs = Date.now()): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const listed = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'custos\\_%' ORDER BY datname`,
    );
    const stale = listed.rows
      .map((row) => row.datname)
      .filter((name) => isStaleTestDatabase(name, nowMs))
      .slice(0, SWEEP_DROPS_MAX);
    for (const name of stale) {
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    }
    return stale;
  } finally {
    await client.end();
  }
}
