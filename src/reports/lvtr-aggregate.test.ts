import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCnyMinor, toUsdMinor } from './fx-conversion.js';
import { decideLvtr, decideLvtrGroup, LvtrAccumulator, type LvtrLeg } from './lvtr-aggregate.js';
import { legsOfMovement, type PostedMovement } from './lvtr-legs.js';
import {
  LVTR_CATEGORIES,
  LVTR_THRESHOLDS,
  lvtrCategoryOf,
  type LvtrCategory,
} from './lvtr-thresholds.js';

// Goal: PBOC Order 3 Art. 5 thresholds apply at and above the figure, never just below, per
// customer and direction apart; sums equal their inputs. Method: edge cases per category in
// CNY and USD, then properties over random legs.

const RATES = new Map([
  ['USD', 7_100_000n],
  ['EUR', 7_750_000n],
  ['JPY', 47_000n],
]);

function leg(
  category: LvtrCategory,
  amountMinor: bigint,
  currency = 'CNY',
  overrides: Partial<LvtrLeg> = {},
): LvtrLeg {
  return {
    instructionId: `ins_${amountMinor}`,
    customerId: 'cus_a',
    customerKind: category === 'entity_transfer' ? 'entity' : 'person',
    direction: 'in',
    category,
    currency,
    amountMinor,
    ...overrides,
  };
}

function reportable(legs: LvtrLeg[]): boolean {
  const accumulator = new LvtrAccumulator();
  for (const item of legs) accumulator.add(item);
  return decideLvtr(accumulator, RATES).length > 0;
}

describe('large-value thresholds', () => {
  for (const category of LVTR_CATEGORIES) {
    const { cnyMinor, usdMinor } = LVTR_THRESHOLDS[category];
    it(`${category}: CNY ${cnyMinor / 100n} reports, one fen less does not`, () => {
      expect(reportable([leg(category, cnyMinor)])).toBe(true);
      expect(reportable([leg(category, cnyMinor - 1n)])).toBe(false);
    });
    it(`${category}: USD ${usdMinor / 100n} reports, one cent less does not`, () => {
      expect(reportable([leg(category, usdMinor, 'USD')])).toBe(true);
      expect(reportable([leg(category, usdMinor - 1n, 'USD')])).toBe(false);
    });
    it(`${category}: the same-day total counts, split in two`, () => {
      const half = cnyMinor / 2n;
      expect(reportable([leg(category, half), leg(category, cnyMinor - half)])).toBe(true);
      expect(reportable([leg(category, half), leg(category, cnyMinor - half - 1n)])).toBe(false);
    });
  }

  it('keeps the figures of the regulation', () => {
    expect(LVTR_THRESHOLDS.cash).toEqual({ cnyMinor: 5_000_000n, usdMinor: 1_000_000n });
    expect(LVTR_THRESHOLDS.entity_transfer).toEqual({
      cnyMinor: 200_000_000n,
      usdMinor: 20_000_000n,
    });
    expect(LVTR_THRESHOLDS.person_domestic).toEqual({
      cnyMinor: 50_000_000n,
      usdMinor: 10_000_000n,
    });
    expect(LVTR_THRESHOLDS.person_cross_border).toEqual({
      cnyMinor: 20_000_000n,
      usdMinor: 1_000_000n,
    });
  });

  it('sums inflows and outflows apart', () => {
    const half = LVTR_THRESHOLDS.cash.cnyMinor / 2n;
    expect(reportable([leg('cash', half), leg('cash', half, 'CNY', { direction: 'out' })])).toBe(
      false,
    );
  });

  it('classifies cash first, then entity, then cross-border persons', () => {
    expect(lvtrCategoryOf('entity', { cash: true, crossBorder: true })).toBe('cash');
    expect(lvtrCategoryOf('entity', { crossBorder: true })).toBe('entity_transfer');
    expect(lvtrCategoryOf('person', { crossBorder: true })).toBe('person_cross_border');
    expect(lvtrCategoryOf('person', null)).toBe('person_domestic');
  });

  it('combines mixed currencies against the lower threshold, only when switched on', () => {
    // Person cross-border: CNY 60,000 + USD 2,000 (CNY 14,200) = CNY 74,200 ≥ USD 10,000 = CNY 71,000.
    const legs = [
      leg('person_cross_border', 6_000_000n),
      leg('person_cross_border', 200_000n, 'USD'),
    ];
    const accumulator = new LvtrAccumulator();
    for (const item of legs) accumulator.add(item);
    const [group] = [...accumulator.groups()];
    expect(group).toBeDefined();
    if (group === undefined) return;
    expect(decideLvtrGroup(group, RATES)?.basis).toBe('combined');
    expect(
      decideLvtrGroup(group, RATES, { combineMixedCurrencies: false, thresholds: LVTR_THRESHOLDS }),
    ).toBeNull();
  });

  it('converts through CNY with half-up rounding', () => {
    expect(toCnyMinor(100n, 'USD', 2, RATES)).toBe(710n);
    expect(toCnyMinor(1n, 'JPY', 0, RATES)).toBe(5n);
    expect(toUsdMinor(710n, 'CNY', 2, RATES)).toBe(100n);
    expect(toUsdMinor(100n, 'EUR', 2, RATES)).toBe(109n);
  });
});

const movementArbitrary = fc.record({
  instructionId: fc.uuid().map((u) => `ins_${u.replaceAll('-', '')}`),
  type: fc.constantFrom('deposit', 'withdrawal', 'transfer', 'fee', 'reversal'),
  currency: fc.constantFrom('CNY', 'USD', 'EUR'),
  amountMinor: fc.bigInt({ min: 1n, max: 10n ** 12n }),
  channel: fc.option(fc.record({ cash: fc.boolean(), crossBorder: fc.boolean() }), { nil: null }),
  debitCustomer: fc.option(fc.constantFrom('cus_a', 'cus_b', 'cus_c'), { nil: null }),
  creditCustomer: fc.option(fc.constantFrom('cus_b', 'cus_c', 'cus_d'), { nil: null }),
});
const kindOf = (id: string) => (id === 'cus_c' ? ('entity' as const) : ('person' as const));
type RawMovement = typeof movementArbitrary extends fc.Arbitrary<infer T> ? T : never;
const asMovement = (m: RawMovement): PostedMovement => ({
  ...m,
  debitCustomer:
    m.debitCustomer === null ? null : { id: m.debitCustomer, kind: kindOf(m.debitCustomer) },
  creditCustomer:
    m.creditCustomer === null ? null : { id: m.creditCustomer, kind: kindOf(m.creditCustomer) },
});

describe('large-value aggregation (properties)', () => {
  it('sums per currency equal the inputs, and every leg lands in exactly one group', () => {
    fc.assert(
      fc.property(fc.array(movementArbitrary, { maxLength: 80 }), (raw) => {
        const movements = raw.map(asMovement);
        const viaLegs = new LvtrAccumulator();
        const direct = new LvtrAccumulator();
        const expected = new Map<string, bigint>();
        let legCount = 0;
        for (const movement of movements) {
          for (const item of legsOfMovement(movement)) {
            viaLegs.add(item);
            const key = `${item.customerId}/${item.direction}/${item.currency}`;
            expected.set(key, (expected.get(key) ?? 0n) + item.amountMinor);
            legCount += 1;
          }
          direct.addMovement(movement);
        }
        const actual = new Map<string, bigint>();
        let ids = 0;
        for (const group of direct.groups()) {
          ids += group.instructionIds.length;
          for (const sum of group.sums) {
            const key = `${group.customerId}/${group.direction}/${sum.currency}`;
            actual.set(key, (actual.get(key) ?? 0n) + sum.amountMinor);
          }
        }
        expect(actual).toEqual(expected);
        expect(ids).toBe(legCount);
        expect(direct.legCount).toBe(viaLegs.legCount);
        expect(decideLvtr(direct, RATES)).toEqual(decideLvtr(viaLegs, RATES));
      }),
    );
  });

  it('adding a leg never turns a reportable group into a non-reportable one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LVTR_CATEGORIES),
        fc.array(
          fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.constantFrom('CNY', 'USD', 'EUR')),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (category, amounts, extra) => {
          const legs = amounts.map(([amount, currency]) => leg(category, amount, currency));
          if (reportable(legs)) expect(reportable([...legs, leg(category, extra)])).toBe(true);
        },
      ),
    );
  });

  it('excludes reversals and adjustments', () => {
    const movement: PostedMovement = {
      instructionId: 'ins_1',
      type: 'reversal',
      currency: 'CNY',
      amountMinor: 10n ** 10n,
      channel: null,
      debitCustomer: { id: 'cus_a', kind: 'person' },
      creditCustomer: { id: 'cus_b', kind: 'person' },
    };
    expect(legsOfMovement(movement)).toEqual([]);
  });
});
