import { randomUUID } from 'node:crypto';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { newId, type Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';

export type TestDatabase = Database & { location: string };

/** A migrated test database (the compliance tables included) with a personal-data vault. */
export async function createComplianceDatabase(): Promise<TestDatabase> {
  return createTestDatabase();
}

/** A fresh platform with `count` customers (CNY accounts, signing keys) in an existing database. */
export async function addPlatform(db: Database, count = 2): Promise<TestBooks> {
  return createTestBooks(db, count);
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A staff principal row (for owners, requesters and approvers). */
export async function addStaff(
  db: Database,
  name = `staff-${randomUUID().slice(0, 8)}`,
): Promise<string> {
  const id = newId('stf');
  await db.query(
    "INSERT INTO principals (id, platform_id, kind, name, role) VALUES ($1, NULL, 'staff', $2, 'compliance_officer')",
    [id, name],
  );
  return id;
}

/** A compliance officer other than the harness's staff (an approver); returns its API key. */
export async function addSecondOfficer(db: Database): Promise<string> {
  const second = await db.transaction((tx) =>
    createPrincipalWithKey(tx, {
      kind: 'staff',
      platformId: null,
      role: 'compliance_officer',
      name: 'second officer',
    }),
  );
  return second.apiKey;
}
