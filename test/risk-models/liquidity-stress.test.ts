import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../src/risk-models/stress/builtin-scenarios.js';
import { runLiquidityStress } from '../../src/risk-models/stress/liquidity-stress.js';
import type {
  LiquidityPosition,
  StressScenario,
  StressShock,
} from '../../src/risk-models/stress/stress-types.js';
import { spreadOverDays } from '../../src/risk-models/stress/withdrawal-demand.js';

// Goal: the stress engine never creates cash, survives less as more customers leave, and
// reports the hand-computed path of a small example exactly.

const position: LiquidityPosition = {
  currency: 'CNY',
  asOf: '2026-11-27',
  custodyCash: [
    { bank: 'ICBC-1', amountMinor: 700_000n },
    { bank: 'CMB-2', amountMinor: 300_000n },
  ],
  customerBalancesMinor: [500_000n, 200_000n, 100_000n, 100_000n],
  reserveMinor: 100_000n,
  flows: [
    { day: 2, kind: 'loan_repayment', amountMinor: 40_000n },
    { day: 3, kind: 'loan_disbursement', amountMinor: 20_000n },
  ],
};

const amount = fc.bigInt({ min: 0n, max: 10n ** 12n });
const positions = fc.record({
  currency: fc.constant('CNY'),
  asOf: fc.constant('2026-01-01'),
  custodyCash: fc.array(
    fc.record({ bank: fc.string({ minLength: 1, maxLength: 4 }), amountMinor: amount }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
  customerBalancesMinor: fc.array(amount, { maxLength: 30 }),
  reserveMinor: amount,
  flows: fc.array(
    fc.record({
      day: fc.integer({ min: 1, max: 40 }),
      kind: fc.constantFrom(
        'loan_repayment' as const,
        'loan_disbursement' as const,
        'other_inflow' as const,
        'other_outflow' as const,
      ),
      amountMinor: amount,
    }),
    { maxLength: 20 },
  ),
});
const bp = fc.integer({ min: 0, max: 10_000 });
const shocks: fc.Arbitrary<StressShock> = fc.oneof(
  fc.record({
    kind: fc.constant('withdrawal_run' as const),
    shareBasisPoints: bp,
    basis: fc.constantFrom('balances' as const, 'customers' as const),
    largestFirst: fc.boolean(),
    startDay: fc.integer({ min: 1, max: 30 }),
    days: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({
    kind: fc.constant('bank_failure' as const),
    bank: fc.constant(null),
    lossShareBasisPoints: bp,
    day: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({ kind: fc.constant('default_increase' as const), repaymentLossBasisPoints: bp }),
  fc.record({
    kind: fc.constant('reserve_shortfall' as const),
    reductionBasisPoints: bp,
    day: fc.integer({ min: 1, max: 30 }),
  }),
);

function scenarioOf(list: StressShock[], horizonDays = 40): StressScenario {
  return { name: 't', description: '', horizonDays, shocks: list };
}

describe('liquidity stress engine', () => {
  it('computes a withdrawal run and a bank failure by hand', () => {
    const result = runLiquidityStress(
      scenarioOf(
        [
          {
            kind: 'withdrawal_run',
            shareBasisPoints: 5_000,
            basis: 'customers',
            largestFirst: true,
            startDay: 1,
            days: 2,
          },
          { kind: 'bank_failure', bank: 'ICBC-1', lossShareBasisPoints: 10_000, day: 2 },
        ],
        4,
      ),
      position,
    );
    // Two largest customers (700,000) leave over two days: 350,000 a day.
    // Day 1: 1,000,000 − 350,000 = 650,000. Day 2: ICBC held 70% → 455,000 lost;
    // 650,000 + 40,000 − 350,000 − 455,000 = −115,000.
    expect(result.path.map((d) => d.cashMinor)).toEqual([
      650_000n,
      -115_000n,
      -135_000n,
      -135_000n,
    ]);
    expect(result.survivalDays).toBe(1);
    expect(result.maxShortfallMinor).toBe(135_000n);
    expect(result.totalWithdrawalsMinor).toBe(700_000n);
    expect(result.path[1]?.date).toBe('2026-11-29');
  });

  it('lets the reserve cover defaulted repayments until it runs out', () => {
    const result = runLiquidityStress(
      scenarioOf([{ kind: 'default_increase', repaymentLossBasisPoints: 10_000 }], 3),
      { ...position, reserveMinor: 30_000n },
    );
    expect(result.reserveExhaustedDay).toBe(2);
    expect(result.uncoveredDefaultsMinor).toBe(10_000n);
    expect(result.survivalDays).toBeNull();
  });

  it('never creates cash: every day is at or below the unstressed path', () => {
    fc.assert(
      fc.property(positions, fc.array(shocks, { maxLength: 5 }), (p, list) => {
        const base = runLiquidityStress(scenarioOf([]), p);
        const stressed = runLiquidityStress(scenarioOf(list), p);
        stressed.path.forEach((day, i) => {
          expect(day.cashMinor <= (base.path[i]?.cashMinor ?? 0n)).toBe(true);
          expect(day.shortfallMinor >= 0n).toBe(true);
        });
        const liabilities = p.customerBalancesMinor.reduce((s, b) => s + b, 0n);
        expect(stressed.totalWithdrawalsMinor <= liabilities).toBe(true);
      }),
    );
  });

  it('survives no longer when a larger share withdraws', () => {
    fc.assert(
      fc.property(positions, bp, bp, fc.boolean(), (p, a, b, largestFirst) => {
        const run = (share: number) =>
          runLiquidityStress(
            scenarioOf([
              {
                kind: 'withdrawal_run',
                shareBasisPoints: share,
                basis: 'customers',
                largestFirst,
                startDay: 1,
                days: 7,
              },
            ]),
            p,
          );
        const horizon = (days: number | null) => days ?? Number.POSITIVE_INFINITY;
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(horizon(run(high).survivalDays)).toBeLessThanOrEqual(horizon(run(low).survivalDays));
        expect(run(high).maxShortfallMinor >= run(low).maxShortfallMinor).toBe(true);
      }),
    );
  });

  it('spreads amounts exactly', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 400 }), (total, days) => {
        const parts = spreadOverDays(total, days);
        expect(parts.reduce((s, x) => s + x, 0n)).toBe(total);
        expect(parts.length).toBe(days);
      }),
    );
  });

  it('runs every built-in scenario', () => {
    for (const scenario of BUILTIN_SCENARIOS.values()) {
      const result = runLiquidityStress(scenario, position);
      expect(result.path.length).toBe(scenario.horizonDays);
    }
  });
});
