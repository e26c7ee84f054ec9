import {
  cnRule,
  cnyAndUsd,
  CST_OFFSET_MINUTES,
  DAYS_30,
  DAYS_7,
  HOURS_24,
  INFLOW_KINDS,
  LOAN_LEG_PURPOSES,
  MONEY_KINDS,
} from './cn-rule-helpers.js';
import { DAY_MS } from './limits.js';
import type { RuleDefinitionInput } from './rule-definition.js';

const TUNE = 'Defaults from the reference table, to be tuned.';
const NOT_LOAN_LEGS =
  'Loan legs (investment, disbursement, repayment top-up, repayment, refund) are left out.';

function fan(
  id: string,
  direction: 'in' | 'out',
  distinct: number,
  window: typeof HOURS_24 | typeof DAYS_7,
) {
  const days = window.windowMs / DAY_MS;
  const who = direction === 'in' ? 'payers' : 'payees';
  return cnRule(
    {
      id,
      version: 2,
      severity: 'medium',
      description: `Fan-${direction}: transfers with at least ${distinct} distinct ${who} within ${days === 1 ? '24 h' : `${days} days`}. ${NOT_LOAN_LEGS}`,
      basis: `PBOC 2006 Art. 11(1); FATF virtual-asset red flags. ${TUNE}`,
    },
    {
      template: 'aggregate',
      params: {
        keyBy: 'customer',
        direction,
        filter: { kinds: ['transfer'], excludePurposes: LOAN_LEG_PURPOSES },
        window,
        conditions: [{ measure: 'distinct_count', of: 'counterparty', atLeast: distinct }],
        combine: 'all',
      },
    },
  );
}

function velocity(id: string, metric: 'count' | 'sum', periodDays: number) {
  return cnRule(
    {
      id,
      version: 2,
      severity: 'medium',
      description:
        `Velocity spike: the ${metric === 'count' ? 'number' : 'amount'} of the customer's movements over ` +
        `${periodDays === 1 ? 'the CST day' : `${periodDays} days`} is above mean + 3σ of the trailing 90 days and at least 5× that mean. ` +
        NOT_LOAN_LEGS,
      basis: `AML Law (2024) Art. 30; PBOC 2016 Art. 12. ${TUNE} Needs 30 days of history.`,
    },
    {
      template: 'baseline_deviation',
      params: {
        keyBy: 'customer',
        direction: 'both',
        filter: { kinds: MONEY_KINDS, excludePurposes: LOAN_LEG_PURPOSES },
        metric,
        utcOffsetMinutes: CST_OFFSET_MINUTES,
        periodDays,
        baselineDays: 90,
        minHistoryDays: 30,
        sigmaMultiple: 3,
        meanMultiple: 5,
        ...(metric === 'count' ? { minCount: 5 } : { minAmount: cnyAndUsd(50_000) }),
      },
    },
  );
}

/** Rules 7–11 of the reference: pass-through, fan-in, fan-out, dormancy, velocity. */
export function cnFlowRules(): RuleDefinitionInput[] {
  return [
    /** Rule 7: ≥ 80 % of an inflow of at least CNY 50,000 sent on within 24 h. */
    cnRule(
      {
        id: 'cn.rapid_pass_through',
        version: 2,
        severity: 'high',
        description:
          'Rapid pass-through: an inflow of at least CNY 50,000, then outflows of at least 80 % of it within 24 h. ' +
          'The end-of-day balance condition (< 5 % of the inflow) is approximated by the outflow share. ' +
          NOT_LOAN_LEGS,
        basis: `PBOC 2006 Art. 11(1); FATF virtual-asset red flags; 2025 CDD Measures example. ${TUNE}`,
      },
      {
        template: 'sequence',
        params: {
          first: {
            direction: 'in',
            filter: { kinds: INFLOW_KINDS, excludePurposes: LOAN_LEG_PURPOSES },
            atLeast: cnyAndUsd(50_000),
          },
          then: {
            direction: 'out',
            filter: { kinds: ['withdrawal', 'transfer'], excludePurposes: LOAN_LEG_PURPOSES },
          },
          windowMs: DAY_MS,
          thenShareAtLeast: 0.8,
        },
      },
    ),
    /** Rule 8: many payers into one customer (the consolidation out is the typology's part). */
    fan('cn.fan_in_24h', 'in', 10, HOURS_24),
    fan('cn.fan_in_7d', 'in', 20, DAYS_7),
    /** Rule 9: one customer paying many payees. */
    fan('cn.fan_out_24h', 'out', 10, HOURS_24),
    /** Rule 10: idle 180 days, then inflows of ≥ CNY 50,000 or 5× the monthly average within 7 days. */
    cnRule(
      {
        id: 'cn.dormant_reactivation',
        version: 2,
        severity: 'medium',
        description:
          'Dormant reactivation: no activity for 180 days after earlier activity (an account never used is ' +
          'not dormant), then inflows within 7 days of at least CNY 50,000 or 5× the historical monthly inflow. ' +
          NOT_LOAN_LEGS,
        basis: `PBOC 2006 Art. 11(4); FATF virtual-asset red flags. ${TUNE}`,
      },
      {
        template: 'dormancy',
        params: {
          idleMs: 180 * DAY_MS,
          windowMs: 7 * DAY_MS,
          filter: { kinds: INFLOW_KINDS, excludePurposes: LOAN_LEG_PURPOSES },
          atLeast: cnyAndUsd(50_000),
          historicalMonthlyMultiple: 5,
        },
      },
    ),
    /** Rule 11: daily count, daily amount and 7-day amount against the customer's own baseline. */
    velocity('cn.velocity_spike_count_24h', 'count', 1),
    velocity('cn.velocity_spike_amount_24h', 'sum', 1),
    velocity('cn.velocity_spike_amount_7d', 'sum', 7),
    /** Rule 12: monthly inflow above 3× the declared monthly income or turnover. */
    cnRule(
      {
        id: 'cn.profile_income_mismatch',
        version: 2,
        severity: 'medium',
        description:
          "Profile mismatch: inflows over 30 days above 3× the customer's declared monthly income (read in CNY). " +
          NOT_LOAN_LEGS,
        basis: `AML Law (2024) Art. 30; 2025 CDD Measures. ${TUNE}`,
      },
      {
        template: 'aggregate',
        params: {
          keyBy: 'customer',
          direction: 'in',
          filter: { kinds: INFLOW_KINDS, excludePurposes: LOAN_LEG_PURPOSES },
          window: DAYS_30,
          conditions: [
            { measure: 'sum', atLeastDeclaredMultiple: { multiple: 3, currency: 'CNY' } },
          ],
          combine: 'all',
        },
      },
    ),
    /** Rule 12: students and retired persons moving more than CNY 100,000 a month. */
    cnRule(
      {
        id: 'cn.profile_occupation_mismatch',
        version: 2,
        severity: 'medium',
        description:
          'Profile mismatch: a student or retired customer with more than CNY 100,000 of movements in 30 days. ' +
          NOT_LOAN_LEGS,
        basis: `AML Law (2024) Art. 30; 2025 CDD Measures. ${TUNE}`,
      },
      {
        template: 'aggregate',
        params: {
          keyBy: 'customer',
          direction: 'both',
          filter: {
            kinds: MONEY_KINDS,
            excludePurposes: LOAN_LEG_PURPOSES,
            occupations: ['student', 'retired'],
          },
          window: DAYS_30,
          conditions: [{ measure: 'sum', atLeast: cnyAndUsd(100_000) }],
          combine: 'all',
        },
      },
    ),
  ];
}
