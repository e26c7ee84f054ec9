import {
  cnRule,
  cnyAndUsd,
  CST_DAY,
  DAYS_7,
  HOURS_24,
  MONEY_KINDS,
  shareOf,
} from './cn-rule-helpers.js';
import type { RuleDefinitionInput } from './rule-definition.js';

/** PBOC Order [2016] No. 3 Art. 5 thresholds (CNY, and the FX figure in USD). */
export const LVTR_CASH = cnyAndUsd(50_000, 10_000);
export const LVTR_ENTITY = cnyAndUsd(2_000_000, 200_000);
export const LVTR_PERSON_DOMESTIC = cnyAndUsd(500_000, 100_000);
export const LVTR_PERSON_CROSS_BORDER = cnyAndUsd(200_000, 10_000);

const LVTR_BASIS =
  'PBOC Order [2016] No. 3 Art. 5: single or same-day cumulative total at or above the threshold, ' +
  'inflows and outflows summed separately per customer; report within 5 working days.';

function lvtr(id: string, what: string, filter: object, amounts: Record<string, string>) {
  return cnRule(
    {
      id,
      // 2: other foreign currencies are measured against the USD figure (otherCurrenciesVia).
      version: 2,
      severity: 'medium',
      description: `Large-value transaction report: ${what}, per customer, per direction, per CST calendar day.`,
      basis:
        `${LVTR_BASIS} ${what}: ≥ CNY ${amounts['CNY']} / USD ${amounts['USD']}; other foreign ` +
        'currencies against the USD figure at the day’s rate to CNY.',
    },
    {
      template: 'aggregate',
      params: {
        keyBy: 'customer',
        direction: 'each',
        filter: { kinds: MONEY_KINDS, ...filter },
        window: CST_DAY,
        conditions: [{ measure: 'sum', atLeast: amounts, otherCurrenciesVia: 'USD' }],
        combine: 'all',
      },
    },
  );
}

function structuring(
  id: string,
  what: string,
  filter: object,
  threshold: Record<string, string>,
  window: typeof HOURS_24 | typeof DAYS_7,
  count: number,
) {
  const hours = window.windowMs / 3_600_000;
  return cnRule(
    {
      id,
      severity: 'high',
      description:
        `Structuring of ${what}: at least ${count} events within ${hours} h, each between 80 % and 99.9 % ` +
        `of the large-value threshold, together at or above it.`,
      basis:
        'FATF virtual-asset red flags; 31 USC 5324; PBOC 2006 Art. 11(2). Defaults from the reference table, to be tuned.',
    },
    {
      template: 'aggregate',
      params: {
        keyBy: 'customer',
        direction: 'each',
        filter: {
          ...filter,
          amountAtLeast: shareOf(threshold, 0.8),
          amountBelow: shareOf(threshold, 0.999),
        },
        window,
        conditions: [
          { measure: 'count', atLeast: count },
          { measure: 'sum', atLeast: threshold },
        ],
        combine: 'all',
      },
    },
  );
}

const PERSON_DOMESTIC = { cash: false, crossBorder: false, customerKinds: ['person' as const] };

/** Rules 1–6 of the reference: the four LVTR thresholds, structuring, near-threshold repeats. */
export function cnLvtrRules(): RuleDefinitionInput[] {
  return [
    /** Rule 1: cash, any customer. */
    lvtr('cn.lvtr_cash', 'cash', { cash: true }, LVTR_CASH),
    /** Rule 2: non-natural persons, non-cash transfers. */
    lvtr(
      'cn.lvtr_entity',
      'non-natural-person transfers',
      { cash: false, customerKinds: ['entity'] },
      LVTR_ENTITY,
    ),
    /** Rule 3: natural persons, domestic non-cash transfers. */
    lvtr(
      'cn.lvtr_person_domestic',
      'natural-person domestic transfers',
      PERSON_DOMESTIC,
      LVTR_PERSON_DOMESTIC,
    ),
    /** Rule 4: natural persons, cross-border transfers. */
    lvtr(
      'cn.lvtr_person_cross_border',
      'natural-person cross-border transfers',
      { cash: false, crossBorder: true, customerKinds: ['person'] },
      LVTR_PERSON_CROSS_BORDER,
    ),
    /** Rule 5, cash: three in 24 h or five in 7 days just under the cash threshold. */
    structuring(
      'cn.structuring_cash_24h',
      'cash',
      { kinds: MONEY_KINDS, cash: true },
      LVTR_CASH,
      HOURS_24,
      3,
    ),
    structuring(
      'cn.structuring_cash_7d',
      'cash',
      { kinds: MONEY_KINDS, cash: true },
      LVTR_CASH,
      DAYS_7,
      5,
    ),
    /** Rule 5, natural-person domestic transfers just under their threshold. */
    structuring(
      'cn.structuring_person_transfer_24h',
      'natural-person domestic transfers',
      { kinds: MONEY_KINDS, ...PERSON_DOMESTIC },
      LVTR_PERSON_DOMESTIC,
      HOURS_24,
      3,
    ),
    /** Rule 6: the same payer and payee, three transfers in 7 days, each ≥ 90 % of the threshold. */
    cnRule(
      {
        id: 'cn.near_threshold_repeats',
        severity: 'medium',
        description:
          'Near-threshold repeats: at least 3 transfers within 7 days from one natural person to the same payee, ' +
          'each at least 90 % of the natural-person domestic threshold.',
        basis: 'PBOC 2006 Art. 11(2). Defaults from the reference table, to be tuned.',
      },
      {
        template: 'aggregate',
        params: {
          keyBy: 'counterparty',
          direction: 'out',
          filter: {
            kinds: ['transfer'],
            ...PERSON_DOMESTIC,
            amountAtLeast: shareOf(LVTR_PERSON_DOMESTIC, 0.9),
          },
          window: DAYS_7,
          conditions: [{ measure: 'count', atLeast: 3 }],
          combine: 'all',
        },
      },
    ),
  ];
}
