import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KRI_FULL_RESOLUTION_DAYS,
  kriHistory,
  readKris,
} from '../../src/monitor-service/kri-reader.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';

// Goal: the KRI history the console draws carries the thresholds the lights were computed with,
// and the readings table stays bounded. Method: a platform threshold, reads, and old readings
// written straight into the table.

let db: Database;
let books: TestBooks;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  db = await createTestDatabase();
  books = await createTestBooks(db, 1);
}, 60_000);
afterAll(() => db.close());

describe('KRI readings', () => {
  it('come with the platform’s own thresholds', async () => {
    await db.query(
      `INSERT INTO kri_thresholds (platform_id, kri_id, amber_at, red_at, updated_by)
       VALUES ($1, 'alert_backlog', 0, 0, 'cco')`,
      [books.platformId],
    );
    await readKris(db, books.platformId, Date.now());
    const kris = await kriHistory(db, books.platformId);
    const backlog = kris.find((kri) => kri.id === 'alert_backlog');
    expect(backlog?.latest?.status).toBe('red');
    expect([backlog?.amberAt, backlog?.redAt]).toEqual([0, 0]);
    const other = kris.find((kri) => kri.id !== 'alert_backlog');
    expect(other?.amberAt).toBeGreaterThan(0);
  });

  it('are thinned to the last of each day once older than the full-resolution period', async () => {
    const nowMs = Date.now();
    const oldDayMs = nowMs - (KRI_FULL_RESOLUTION_DAYS + 5) * DAY_MS;
    const oldDayStartMs = oldDayMs - (oldDayMs % DAY_MS);
    const recentMs = nowMs - 2 * DAY_MS;
    const insert = (atMs: number, value: number) =>
      db.query(
        `INSERT INTO kri_readings (platform_id, kri_id, value, status, detail, read_at)
         VALUES ($1, 'open_recon_breaks', $2, 'green', '{}', $3)`,
        [books.platformId, value, new Date(atMs)],
      );
    for (let hour = 1; hour <= 5; hour += 1) await insert(oldDayStartMs + hour * 3_600_000, hour);
    for (let step = 0; step < 3; step += 1) await insert(recentMs + step * 300_000, 10 + step);
    await readKris(db, books.platformId, nowMs);
    const rows = await db.query<{ value: number; read_at: Date }>(
      `SELECT value, read_at FROM kri_readings
       WHERE platform_id = $1 AND kri_id = 'open_recon_breaks' AND read_at < $2 ORDER BY read_at`,
      [books.platformId, new Date(nowMs - 60_000)],
    );
    expect(rows.map((row) => Number(row.value))).toEqual([5, 10, 11, 12]);
  });
});
