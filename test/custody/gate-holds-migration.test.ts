import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Custody, settleHold } from '../../src/custody/index.js';
import { loadMigrations, type Database } from '../../src/store/index.js';
import { bootstrapStaff, createTestBooks, testDeposit, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';

// Migration 0017's backfill over instructions held before it: those still waiting for a
// screening review wait for it from then on, and one that only screening held gets screening's
// own code. Rows are put back into their pre-0017 shape, then the backfill statement runs.

let db: Database;
let custody: Custody;
let books: TestBooks;
const LIST_VERSION_ID = 'slv_backfill';

beforeAll(async () => {
  db = await createTestDatabase();
  custody = new Custody(db);
  books = await createTestBooks(db, 1);
  await db.query(
    `INSERT INTO screening_list_versions (id, list_kind, list_name, version, content_sha256,
       entry_count, name_count, imported_by) VALUES ($1, 'internal', 'watch', 1, $2, 1, 1, 'test')`,
    [LIST_VERSION_ID, '0'.repeat(64)],
  );
});
afterAll(async () => {
  await custody.close();
  await db.close();
});

/** A held instruction as stored before 0017: any gate hold read `monitoring_review`. */
async function legacyHold(holdReason = 'monitoring_review'): Promise<string> {
  const held = await custody.submit(
    books.platform,
    books.platformId,
    testDeposit(books.customers[0]!.accountId, true),
  );
  if (!held.ok) throw new Error(held.error.message);
  const id = held.value.instructionId;
  await db.query('UPDATE instructions SET hold_reason = $2 WHERE id = $1', [id, holdReason]);
  return id;
}

async function review(
  instructionId: string,
  status: 'open' | 'release_proposed' | 'true_match' | 'false_positive',
  otherHolds: boolean,
): Promise<void> {
  const decided = status === 'true_match' || status === 'false_positive';
  await db.query(
    `INSERT INTO screening_reviews (id, platform_id, subject_kind, subject_id, party_kind,
       party_id, entry_key, list_version_id, entry_name, score, explanation, other_holds, status,
       alert_key, proposed_by, decided_by)
     VALUES ($1, $2, 'instruction', $3, 'customer', $4, $5, $6, 'X', 1, '{}', $7, $8, $9, $10, $11)`,
    [
      `srv_${randomUUID()}`,
      books.platformId,
      instructionId,
      books.customers[0]!.customerId,
      `internal:${randomUUID()}`,
      LIST_VERSION_ID,
      otherHolds,
      status,
      `alert-${randomUUID()}`,
      status === 'release_proposed' ? 'officer-1' : null,
      decided ? 'officer-2' : null,
    ],
  );
}

async function runBackfill(): Promise<void> {
  const migration = loadMigrations().find((m) => m.version === 17);
  if (migration === undefined) throw new Error('migration 0017 missing');
  const at = migration.sql.indexOf('UPDATE instructions');
  expect(at).toBeGreaterThan(0);
  await db.query(migration.sql.slice(at));
}

async function holdOf(
  id: string,
): Promise<{ hold_reason: string; hold_reviews_pending: string[] }> {
  const rows = await db.query<{ hold_reason: string; hold_reviews_pending: string[] }>(
    'SELECT hold_reason, hold_reviews_pending FROM instructions WHERE id = $1',
    [id],
  );
  return rows[0]!;
}

describe('migration 0017 backfill of held instructions', () => {
  it('marks pending reviews and names screening where only screening held', async () => {
    const onlyScreening = await legacyHold();
    await review(onlyScreening, 'open', false);
    const both = await legacyHold();
    await review(both, 'release_proposed', true);
    const cleared = await legacyHold();
    await review(cleared, 'false_positive', false);
    const partlyCleared = await legacyHold();
    await review(partlyCleared, 'false_positive', false);
    await review(partlyCleared, 'true_match', false);
    const approval = await legacyHold('approval_required');
    await review(approval, 'open', false);
    const voided = await legacyHold();
    await review(voided, 'open', false);
    const staff = (await bootstrapStaff(db, 'operator')).principal;
    expect((await settleHold(db, staff, books.platformId, voided, 'void', 'returned')).ok).toBe(
      true,
    );
    const untouched = await legacyHold();

    await runBackfill();

    expect(await holdOf(onlyScreening)).toEqual({
      hold_reason: 'screening_review',
      hold_reviews_pending: ['screening'],
    });
    expect(await holdOf(both)).toEqual({
      hold_reason: 'monitoring_review',
      hold_reviews_pending: ['screening'],
    });
    expect(await holdOf(cleared)).toEqual({
      hold_reason: 'monitoring_review',
      hold_reviews_pending: [],
    });
    expect(await holdOf(partlyCleared)).toEqual({
      hold_reason: 'screening_review',
      hold_reviews_pending: ['screening'],
    });
    expect(await holdOf(approval)).toEqual({
      hold_reason: 'approval_required',
      hold_reviews_pending: ['screening'],
    });
    expect((await holdOf(voided)).hold_reviews_pending).toEqual([]);
    expect(await holdOf(untouched)).toEqual({
      hold_reason: 'monitoring_review',
      hold_reviews_pending: [],
    });
    // From now on the plain release waits for the review.
    const refused = await settleHold(db, staff, books.platformId, onlyScreening, 'release', 'ok');
    expect(refused.ok ? 'ok' : refused.error.code).toBe('invalid_state');
  });
});
