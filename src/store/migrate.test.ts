import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/test-database.js';
import { loadMigrations, migrate, MigrationRefused, type Database } from './index.js';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe('migrate', () => {
  it('is idempotent: a migrated database gets nothing new', async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM custos_schema_migrations',
    );
    expect(Number(rows[0]?.n)).toBe(loadMigrations().length);
  });

  it('refuses a database whose applied migration was changed', async () => {
    const changed = loadMigrations().map((m, index) =>
      index === 0 ? { ...m, checksum: 'x'.repeat(64) } : m,
    );
    await expect(migrate(db, changed)).rejects.toBeInstanceOf(MigrationRefused);
  });

  it('refuses a database with a newer schema', async () => {
    const newer = loadMigrations().length + 1;
    await db.query(
      "INSERT INTO custos_schema_migrations (version, name, checksum) VALUES ($1, 'future', 'f')",
      [newer],
    );
    await expect(migrate(db)).rejects.toThrow(/newer than this Custos/);
    await db.query('DELETE FROM custos_schema_migrations WHERE version = $1', [newer]);
  });
});
