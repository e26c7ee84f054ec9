import type { StressScenario } from './stress-types.js';

/**
 * Scenarios every platform has without saving anything: one per kind of shock and a
 * combined one. Their ids start with `builtin:`; saved scenarios have stored ids.
 */
export const BUILTIN_SCENARIOS: ReadonlyMap<string, StressScenario> = new Map([
  [
    'builtin:withdrawal_run',
    {
      name: 'Withdrawal run',
      description: '30% of customer balances withdrawn within 5 days',
      horizonDays: 30,
      shocks: [
        {
          kind: 'withdrawal_run',
          shareBasisPoints: 3_000,
          basis: 'balances',
          largestFirst: false,
          startDay: 1,
          days: 5,
        },
      ],
    },
  ],
  [
    'builtin:largest_customers_leave',
    {
      name: 'Largest customers leave',
      description: 'The largest 10% of customers withdraw everything within 3 days',
      horizonDays: 30,
      shocks: [
        {
          kind: 'withdrawal_run',
          shareBasisPoints: 1_000,
          basis: 'customers',
          largestFirst: true,
          startDay: 1,
          days: 3,
        },
      ],
    },
  ],
  [
    'builtin:bank_failure',
    {
      name: 'Partner bank failure',
      description:
        'The custody bank holding the most fails on day 1; its share is unavailable and 10% of balances are withdrawn within 5 days',
      horizonDays: 30,
      shocks: [
        { kind: 'bank_failure', bank: null, lossShareBasisPoints: 10_000, day: 1 },
        {
          kind: 'withdrawal_run',
          shareBasisPoints: 1_000,
          basis: 'balances',
          largestFirst: false,
          startDay: 1,
          days: 5,
        },
      ],
    },
  ],
  [
    'builtin:default_increase',
    {
      name: 'Defaults rise',
      description: 'Scheduled loan repayments arrive 25% short; the reserve covers lenders',
      horizonDays: 90,
      shocks: [{ kind: 'default_increase', repaymentLossBasisPoints: 2_500 }],
    },
  ],
  [
    'builtin:reserve_shortfall',
    {
      name: 'Reserve shortfall',
      description: 'Half of the risk reserve is found missing on day 1',
      horizonDays: 30,
      shocks: [{ kind: 'reserve_shortfall', reductionBasisPoints: 5_000, day: 1 }],
    },
  ],
  [
    'builtin:combined',
    {
      name: 'Combined stress',
      description: '20% withdrawn over 10 days, half the largest bank lost, repayments 10% short',
      horizonDays: 60,
      shocks: [
        {
          kind: 'withdrawal_run',
          shareBasisPoints: 2_000,
          basis: 'balances',
          largestFirst: false,
          startDay: 1,
          days: 10,
        },
        { kind: 'bank_failure', bank: null, lossShareBasisPoints: 5_000, day: 3 },
        { kind: 'default_increase', repaymentLossBasisPoints: 1_000 },
      ],
    },
  ],
]);
