import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FX_RATE_HISTORY_DAYS, loadFxRates } from '../../src/monitor-service/fx-rates.js';
import { setFxRate } from '../../src/reports/index.js';
import type { Database } from '../../src/store/index.js';
import { createTestDatabase } from '../support/test-database.js';

let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await db.close();
});

const DAY_MS = 86_400_000;
const isoDaysAgo = (days: number) =>
  new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
const epochDayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

describe('the rates the monitoring engines load', () => {
  it('are the defaults, the recent dated rates and the newest older one per currency', async () => {
    const recent = isoDaysAgo(10);
    const olderNewest = isoDaysAgo(FX_RATE_HISTORY_DAYS + 100);
    const olderStill = isoDaysAgo(FX_RATE_HISTORY_DAYS + 200);
    await db.transaction(async (tx) => {
      await setFxRate(tx, 'test', 'GBP', recent, 9_300_000n);
      await setFxRate(tx, 'test', 'GBP', olderNewest, 9_200_000n);
      await setFxRate(tx, 'test', 'GBP', olderStill, 9_000_000n);
    });
    const gbp = (await loadFxRates(db)).filter((rate) => rate.currency === 'GBP');
    expect(gbp).toEqual(
      expect.arrayContaining([
        { currency: 'GBP', effectiveDay: null, cnyPerUnitMicros: 9_100_000n },
        { currency: 'GBP', effectiveDay: epochDayOf(recent), cnyPerUnitMicros: 9_300_000n },
        { currency: 'GBP', effectiveDay: epochDayOf(olderNewest), cnyPerUnitMicros: 9_200_000n },
      ]),
    );
    expect(gbp).toHaveLength(3);
    // Every migrated default is there, and CNY never is.
    const currencies = new Set((await loadFxRates(db)).map((rate) => rate.currency));
    expect([...currencies].sort()).toEqual(['EUR', 'GBP', 'HKD', 'JPY', 'USD']);
  });
});
