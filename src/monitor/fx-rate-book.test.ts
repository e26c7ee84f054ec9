import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FxRateBook } from './fx-rate-book.js';
import { FX_RATES_MAX } from './limits.js';

const DAY_MS = 86_400_000;
/** Midnight CST of epoch day `day` (16:00 UTC the day before). */
const cstMidnight = (day: number) => day * DAY_MS - 8 * 3_600_000;

describe('exchange rates by day', () => {
  const book = new FxRateBook([
    { currency: 'USD', effectiveDay: null, cnyPerUnitMicros: 7_100_000n },
    { currency: 'USD', effectiveDay: 20_500, cnyPerUnitMicros: 7_200_000n },
    { currency: 'USD', effectiveDay: 20_400, cnyPerUnitMicros: 7_000_000n },
    { currency: 'EUR', effectiveDay: null, cnyPerUnitMicros: 7_750_000n },
    { currency: 'JPY', effectiveDay: 20_450, cnyPerUnitMicros: 47_000n },
  ]);

  it('takes the newest dated rate on or before the CST day, else the default', () => {
    expect(book.cnyPerUnitMicros('USD', cstMidnight(20_399))).toBe(7_100_000);
    expect(book.cnyPerUnitMicros('USD', cstMidnight(20_400))).toBe(7_000_000);
    expect(book.cnyPerUnitMicros('USD', cstMidnight(20_500) - 1)).toBe(7_000_000);
    expect(book.cnyPerUnitMicros('USD', cstMidnight(20_500))).toBe(7_200_000);
    expect(book.cnyPerUnitMicros('USD', cstMidnight(30_000))).toBe(7_200_000);
    expect(book.cnyPerUnitMicros('EUR', cstMidnight(20_500))).toBe(7_750_000);
    expect(book.cnyPerUnitMicros('CNY', 0)).toBe(1_000_000);
    // JPY has no default: before its first dated rate there is none.
    expect(book.cnyPerUnitMicros('JPY', cstMidnight(20_449))).toBeUndefined();
    expect(book.cnyPerUnitMicros('HKD', cstMidnight(20_449))).toBeUndefined();
    expect(book.size).toBe(5);
  });

  it('converts across the two rates and the currencies’ exponents', () => {
    const atMs = cstMidnight(20_399);
    // USD 100,000.00 at 7.10 is CNY 710,000.00, which is EUR 91,612.90… at 7.75.
    expect(book.convertMinor(10_000_000, 'USD', 'EUR', atMs)).toBeCloseTo(9_161_290.32, 2);
    expect(book.convertMinor(10_000_000, 'USD', 'CNY', atMs)).toBe(71_000_000);
    // JPY has no minor unit: USD 100.00 at that day's 7.00 is CNY 700, JPY 14,893.61… at 0.047.
    expect(book.convertMinor(10_000, 'USD', 'JPY', cstMidnight(20_450))).toBeCloseTo(14_893.62, 2);
    expect(Number.isNaN(book.convertMinor(100, 'USD', 'HKD', atMs))).toBe(true);
    expect(Number.isNaN(book.convertMinor(100, 'USD', 'JPY', atMs))).toBe(true);
    expect(Number.isNaN(book.convertMinor(100, 'USD', 'XYZ', atMs))).toBe(true);
  });

  it('converting there and back gives the amount again; a currency into itself is unchanged', () => {
    const currency = fc.constantFrom('USD', 'EUR', 'CNY', 'JPY');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        currency,
        currency,
        fc.integer({ min: 20_450, max: 20_600 }),
        (amountMinor, from, to, day) => {
          const atMs = cstMidnight(day) + 3_600_000;
          const there = book.convertMinor(amountMinor, from, to, atMs);
          expect(there).toBeGreaterThan(0);
          expect(book.convertMinor(there, to, from, atMs)).toBeCloseTo(amountMinor, 3);
          expect(book.convertMinor(amountMinor, from, from, atMs)).toBe(amountMinor);
        },
      ),
    );
  });

  it('replace() swaps every rate at once', () => {
    const shared = new FxRateBook([
      { currency: 'HKD', effectiveDay: null, cnyPerUnitMicros: 910_000n },
    ]);
    expect(shared.cnyPerUnitMicros('HKD', 0)).toBe(910_000);
    shared.replace([{ currency: 'EUR', effectiveDay: null, cnyPerUnitMicros: 7_750_000n }]);
    expect(shared.cnyPerUnitMicros('HKD', 0)).toBeUndefined();
    expect(shared.cnyPerUnitMicros('EUR', 0)).toBe(7_750_000);
  });

  it('refuses rates it cannot use: CNY, non-positive, two for one day, too many', () => {
    const bad = [
      [{ currency: 'CNY', effectiveDay: null, cnyPerUnitMicros: 1_000_000n }],
      [{ currency: 'USD', effectiveDay: null, cnyPerUnitMicros: 0n }],
      [
        { currency: 'USD', effectiveDay: 1, cnyPerUnitMicros: 7n },
        { currency: 'USD', effectiveDay: 1, cnyPerUnitMicros: 8n },
      ],
      [
        { currency: 'USD', effectiveDay: null, cnyPerUnitMicros: 7n },
        { currency: 'USD', effectiveDay: null, cnyPerUnitMicros: 8n },
      ],
      Array.from({ length: FX_RATES_MAX + 1 }, (_, day) => ({
        currency: 'USD',
        effectiveDay: day,
        cnyPerUnitMicros: 7_000_000n,
      })),
    ];
    for (const rates of bad) expect(() => new FxRateBook(rates)).toThrow();
  });
});
