import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Custody } from '../../src/custody/index.js';
import { ScreeningGate, ScreeningService } from '../../src/screening/index.js';
import { loadParty } from '../../src/screening/store/party-source.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, testDeposit, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';

// A screening hold whose review was never written (the process stopped between the commit and
// the review): once older than the grace period, the next start (or sweep) screens the instruction's parties again, opens the reviews of
// current hits, and lets a hold whose parties no longer match wait for no review (the hold
// stays; nothing is released). A second start finds nothing left to repair.

let db: Database;
let books: TestBooks;
let service: ScreeningService;

async function importWatchlist(names: string[]): Promise<void> {
  const entries = names.map((name, index) => ({ reference: `OH-${index}`, name }));
  await service.importList('system:test', 'internal', 'watch', [
    { name: 'watch.json', content: JSON.stringify(entries) },
  ]);
}

/** A deposit held by a gate that stops before writing its review (it is never started). */
async function orphanedDeposit(customerIndex: number): Promise<string> {
  const gate = new ScreeningGate(service);
  const custody = new Custody(db, { batchSizeMax: 10, queueLengthMax: 10, gate });
  try {
    const held = await custody.submit(
      books.platform,
      books.platformId,
      testDeposit(books.customers[customerIndex]!.accountId),
    );
    if (!held.ok) throw new Error(held.error.message);
    expect(held.value.created?.status).toBe('pending');
    return held.value.instructionId;
  } finally {
    await custody.close();
  }
}

async function holdOf(id: string) {
  const rows = await db.query<{
    status: string;
    hold_reason: string;
    hold_reviews_pending: string[];
  }>('SELECT status, hold_reason, hold_reviews_pending FROM instructions WHERE id = $1', [id]);
  const row = rows[0];
  if (row === undefined) throw new Error(`no instruction ${id}`);
  return {
    status: row.status,
    holdReason: row.hold_reason,
    holdReviewsPending: row.hold_reviews_pending.map(String),
  };
}

async function reviewsOf(id: string) {
  return db.query<{ entry_key: string; status: string; other_holds: boolean }>(
    `SELECT entry_key, status, other_holds FROM screening_reviews
      WHERE subject_kind = 'instruction' AND subject_id = $1`,
    [id],
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  books = await createTestBooks(db, 2);
  service = new ScreeningService(db);
  await importWatchlist(['Customer 0', 'Customer 1']);
  for (const customer of books.customers) {
    const party = await loadParty(db, 'customer', customer.customerId);
    if (party !== null) service.rememberParty(party);
  }
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('screening holds left without their review', () => {
  let stillListed: string;
  let delisted: string;

  it('are left waiting for a review that does not exist when the gate stops first', async () => {
    stillListed = await orphanedDeposit(0);
    delisted = await orphanedDeposit(1);
    for (const id of [stillListed, delisted]) {
      expect(await holdOf(id)).toMatchObject({
        status: 'pending',
        holdReason: 'screening_review',
        holdReviewsPending: ['screening'],
      });
      expect(await reviewsOf(id)).toEqual([]);
    }
  });

  it('get their reviews at the next start, or stop waiting when nothing matches any more', async () => {
    // The second customer leaves the list while the process is down.
    await importWatchlist(['Customer 0']);
    // Held just now: within the grace period another process may still be writing the review.
    const early = new ScreeningGate(service);
    await early.start();
    await early.stop();
    expect(early.stats).toMatchObject({ orphansReviewed: 0, orphansUnblocked: 0 });
    const gate = new ScreeningGate(service, { orphanGraceMs: 0 });
    await gate.start();
    await gate.stop();
    expect(gate.stats).toMatchObject({
      orphansReviewed: 1,
      orphansUnblocked: 1,
      orphanSweepFailures: 0,
    });

    expect(await reviewsOf(stillListed)).toEqual([
      { entry_key: 'internal:OH-0', status: 'open', other_holds: false },
    ]);
    expect(await holdOf(stillListed)).toMatchObject({
      status: 'pending',
      holdReviewsPending: ['screening'],
    });

    expect(await reviewsOf(delisted)).toEqual([]);
    expect(await holdOf(delisted)).toMatchObject({
      status: 'pending',
      holdReason: 'screening_review',
      holdReviewsPending: [],
    });
    const audited = await db.query<{ action: string }>(
      `SELECT action FROM audit_records WHERE subject_type = 'instruction' AND subject_id = $1
        AND action = 'instruction.screening_review_dropped'`,
      [delisted],
    );
    expect(audited).toHaveLength(1);
  });

  it('leave nothing to repair at a later start', async () => {
    const gate = new ScreeningGate(service, { orphanGraceMs: 0 });
    await gate.start();
    await gate.stop();
    expect(gate.stats).toMatchObject({ orphansReviewed: 0, orphansUnblocked: 0 });
  });
});
