import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDailyReconciliation, utcDay } from '../../src/runtime/daily-reconciliation.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';

let db: Database;
let books: TestBooks;

beforeAll(async () => {
  db = await createTestDatabase();
  books = await createTestBooks(db, 1);
}, 60_000);
afterAll(() => db.close());

describe('daily reconciliation', () => {
  it('reconciles and checks safeguarding for yesterday on every platform, as the scheduler', async () => {
    const nowMs = Date.UTC(2026, 10, 27, 6, 0);
    const done = await runDailyReconciliation(db, nowMs);
    expect(done).toEqual([
      { platformId: books.platformId, asOf: '2026-11-26', runOk: true, checks: 1 },
    ]);
    const checks = await db.query<{ as_of: string; status: string; created_by: string }>(
      'SELECT as_of::text AS as_of, status, created_by FROM safeguarding_checks WHERE platform_id = $1',
      [books.platformId],
    );
    expect(checks).toEqual([
      { as_of: utcDay(nowMs - 86_400_000), status: 'no_statement', created_by: 'system:scheduler' },
    ]);
    const audit = await db.query(
      "SELECT 1 FROM audit_records WHERE action = 'safeguarding.checked'",
    );
    expect(audit.length).toBe(1);
  });
});
