import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
const MIGRATION_FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** Serializes concurrent starts against one PostgreSQL server. */
const MIGRATION_LOCK_KEY = 7_202_611;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationRefused extends Error {
  override name = 'MigrationRefused';
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = MIGRATION_FILE_PATTERN.exec(file);
      if (match === null) throw new MigrationRefused(`migration file name not understood: ${file}`);
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      return { version: Number(match[1]), name: match[2] ?? file, sql, checksum };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationRefused(
        `migrations must be numbered 1..n without gaps: ${migration.name}`,
      );
    }
  });
  return migrations;
}

/**
 * Applies the migrations this build knows and the database lacks, each in its own
 * transaction. Refuses a database whose schema is newer than this build, or whose applied
 * migration differs from the file of the same number (migrations are never edited).
 */
export async function migrate(db: Database, migrations = loadMigrations()): Promise<number[]> {
  const applied: number[] = [];
  await db.query(`CREATE TABLE IF NOT EXISTS custos_schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const rows = await tx.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM custos_schema_migrations ORDER BY version',
    );
    const newest = rows.at(-1)?.version ?? 0;
    if (newest > migrations.length) {
      throw new MigrationRefused(
        `database schema is at version ${newest}, newer than this Custos (${migrations.length}); ` +
          'upgrade Custos instead of running an older build against it',
      );
    }
    for (const row of rows) {
      const known = migrations[row.version - 1];
      if (known === undefined || known.checksum !== row.checksum) {
        throw new MigrationRefused(`applied migration ${row.version} (${row.name}) was changed`);
      }
    }
    for (const migration of migrations.slice(newest)) {
      await tx.query(migration.sql);
      await tx.query(
        'INSERT INTO custos_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
        [migration.version, migration.name, migration.checksum],
      );
      applied.push(migration.version);
    }
  });
  return applied;
}
