import {
  cnRule,
  cnyAndUsd,
  CST_OFFSET_MINUTES,
  DAYS_30,
  DAYS_360,
  DAYS_7,
  HOURS_24,
  LOAN_LEG_PURPOSES,
  MONEY_KINDS,
} from './cn-rule-helpers.js';
import { DAY_MS } from './limits.js';
import type { RuleDefinitionInput } from './rule-definition.js';

const TUNE = 'Defaults from the reference table, to be tuned.';
const NIGHT = { fromHour: 0, toHour: 5, utcOffsetMinutes: CST_OFFSET_MINUTES };

function shared(field: 'device' | 'ip') {
  const what = field === 'device' ? 'device fingerprint' : 'IP address';
  return cnRule(
    {
      id: `cn.shared_${field}`,
      severity: 'medium',
      description: `Shared ${what}: at least 3 distinct customers act from one ${what} within 30 days.`,
      basis: `Anti-Telecom-Fraud Law Art. 18; FATF virtual-asset red flags. ${TUNE}`,
    },
    {
      template: 'aggregate',
      params: {
        keyBy: field,
        direction: 'both',
        filter: {},
        window: DAYS_30,
        conditions: [{ measure: 'distinct_count', of: 'customer', atLeast: 3 }],
        combine: 'all',
      },
    },
  );
}

/** One minor unit (fen, cent) above each amount. */
function oneFenAbove(amounts: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(amounts).map(([currency, text]) => [currency, `${text}.01`]),
  );
}

function concentration(id: string, kind: 'person' | 'entity', cny: number) {
  return cnRule(
    {
      id,
      version: 2,
      severity: 'medium',
      description:
        `Concentration: a ${kind === 'person' ? 'natural-person' : 'legal-person'} borrower's loan funding ` +
        `(lenders' investment transfers) net of refunds and repayments over 360 days exceeds CNY ${cny}. ` +
        'Repayments include interest, so the balance read is at most the principal outstanding.',
      basis:
        'Interim Measures (CBRC Order [2016] No. 1) Art. 17, recalled and unconfirmed (⚠): configurable. ' +
        'The "> 5 % of the book" variant needs the book total, which events do not carry.',
    },
    {
      template: 'aggregate',
      params: {
        keyBy: 'customer',
        direction: 'both',
        filter: { purposes: ['investment', 'refund', 'repayment'], customerKinds: [kind] },
        window: DAYS_360,
        // The cap itself is allowed ("not more than"): one fen above it is the first breach.
        conditions: [{ measure: 'net_inflow', atLeast: oneFenAbove(cnyAndUsd(cny)) }],
        combine: 'all',
      },
    },
  );
}

/** Rules 13, 16–21, 24, 27, 28 of the reference. */
export function cnConductRules(): RuleDefinitionInput[] {
  return [
    /** Rule 13: round amounts making up most of a week's activity. */
    cnRule(
      {
        id: 'cn.round_amounts',
        severity: 'low',
        description:
          'Round amounts: at least 3 movements in 7 days that are whole multiples of CNY 10,000, ' +
          'making up at least 50 % of the amount moved.',
        basis: `Heuristic. ${TUNE}`,
      },
      {
        template: 'aggregate',
        params: {
          keyBy: 'customer',
          direction: 'both',
          filter: { kinds: MONEY_KINDS },
          window: DAYS_7,
          conditions: [
            { measure: 'count', where: { roundMultiple: cnyAndUsd(10_000, 1_000) }, atLeast: 3 },
            {
              measure: 'ratio',
              numerator: { roundMultiple: cnyAndUsd(10_000, 1_000) },
              of: 'sum',
              atLeast: 0.5,
              minCount: 3,
            },
          ],
          combine: 'all',
        },
      },
    ),
    /** Rule 16: night-time share (00:00–05:00 CST) of a month's movements. */
    cnRule(
      {
        id: 'cn.night_activity_share',
        version: 2,
        severity: 'low',
        description:
          'Night-time activity: at least 30 % of at least 10 movements in 30 days between 00:00 and 05:00 CST. ' +
          "Comparison with the customer's own history is left to the velocity rules. Loan legs, timed by the " +
          'platform and by lenders, are left out.',
        basis: `Heuristic. ${TUNE}`,
      },
      {
        template: 'aggregate',
        params: {
          keyBy: 'customer',
          direction: 'both',
          filter: { kinds: MONEY_KINDS, excludePurposes: LOAN_LEG_PURPOSES },
          window: DAYS_30,
          conditions: [
            {
              measure: 'ratio',
              numerator: { localHours: NIGHT },
              of: 'count',
              atLeast: 0.3,
              minCount: 10,
            },
          ],
          combine: 'all',
        },
      },
    ),
    /** Rule 16: one large movement at night. */
    cnRule(
      {
        id: 'cn.night_large_single',
        version: 2,
        severity: 'low',
        description:
          'Night-time activity: one movement of at least CNY 50,000 between 00:00 and 05:00 CST. ' +
          'Loan legs, timed by the platform and by lenders, are left out.',
        basis: `Heuristic. ${TUNE}`,
      },
      {
        template: 'threshold',
        params: {
          direction: 'each',
          filter: { kinds: MONEY_KINDS, excludePurposes: LOAN_LEG_PURPOSES, localHours: NIGHT },
          atLeast: cnyAndUsd(50_000),
        },
      },
    ),
    /** Rule 17: one device or IP used by several customers. */
    shared('device'),
    shared('ip'),
    /** Rule 18: large flows in the 30 days before a recorded closure. */
    cnRule(
      {
        id: 'cn.flows_before_closure',
        version: 2,
        severity: 'medium',
        description:
          'Flows before closure: at least CNY 500,000 moved within the 30 days before the closure recorded in the ' +
          "customer's profile, decided when the closure arrives (and on movements at or after it). Loan legs are left out.",
        basis: `PBOC 2006 Art. 11(6). ${TUNE} Repeated open/close cycles need account history events do not carry.`,
      },
      {
        template: 'aggregate',
        params: {
          keyBy: 'customer',
          direction: 'both',
          filter: { kinds: MONEY_KINDS, excludePurposes: LOAN_LEG_PURPOSES },
          window: DAYS_30,
          conditions: [{ measure: 'sum', atLeast: cnyAndUsd(500_000) }],
          combine: 'all',
          decideAt: 'closure',
        },
      },
    ),
    /** Rule 19: large deposits in the first 30 days of the relationship. */
    cnRule(
      {
        id: 'cn.large_early_funding',
        severity: 'medium',
        description:
          'Large early funding: deposits in the first 30 days after opening of at least CNY 200,000, ' +
          'or at least 10× the declared monthly amount.',
        basis: `FATF virtual-asset red flags. ${TUNE}`,
      },
      {
        template: 'aggregate',
        params: {
          keyBy: 'customer',
          direction: 'in',
          filter: { kinds: ['deposit'], accountAgeMsMax: 30 * DAY_MS },
          window: DAYS_30,
          conditions: [
            { measure: 'sum', atLeast: cnyAndUsd(200_000) },
            { measure: 'sum', atLeastDeclaredMultiple: { multiple: 10, currency: 'CNY' } },
          ],
          combine: 'any',
        },
      },
    ),
    /** Rule 20: half of a disbursement repaid within 30 days. */
    cnRule(
      {
        id: 'cn.early_repayment',
        version: 2,
        severity: 'low',
        description:
          "Early repayment: the borrower's repayments reach at least 50 % of a drawdown within 30 days of it. " +
          "The drawdown is the payout of the funded loan to the borrower's bank (purpose disbursement, after the " +
          'service fee); whether early repayment fits the profile is for the analyst.',
        basis: `PBOC 2006 Art. 11(7). ${TUNE}`,
      },
      {
        template: 'sequence',
        params: {
          first: { direction: 'out', filter: { purposes: ['disbursement'] } },
          then: { direction: 'out', filter: { purposes: ['repayment'] } },
          windowMs: 30 * DAY_MS,
          thenShareAtLeast: 0.5,
        },
      },
    ),
    /** Rule 21: a top-up from a bank account not in the customer's name; held before posting. */
    cnRule(
      {
        id: 'cn.third_party_funding',
        severity: 'medium',
        mode: 'sync',
        syncAction: 'hold',
        description:
          "Third-party funding: a deposit from a bank account the platform reports as not in the customer's name.",
        basis: 'PBOC 2006 Art. 11(8).',
      },
      {
        template: 'threshold',
        params: { direction: 'in', filter: { kinds: ['deposit'], fundingAccountOwnName: false } },
      },
    ),
    /** Rule 24: any debit attempt without a verified customer instruction. */
    cnRule(
      {
        id: 'cn.unauthorized_debit',
        severity: 'critical',
        mode: 'sync',
        syncAction: 'reject',
        description:
          'Unauthorized custody debit: an attempt to debit a customer without a verified instruction.',
        basis:
          "CBRC P2P Custody Guideline (2017): every movement needs the lender's or borrower's instruction.",
      },
      {
        template: 'threshold',
        params: { direction: 'out', filter: { kinds: ['unauthorized_debit_attempt'] } },
      },
    ),
    /** Rule 27: platform-wide net outflow against the custody balance. */
    cnRule(
      {
        id: 'cn.withdrawal_run',
        severity: 'high',
        description:
          'Withdrawal run: withdrawals net of deposits over 24 h exceed 10 % of the custody balance in that ' +
          'currency (what the platform holds for its customers, reread by the monitor every 30 s).',
        basis: `Heuristic; CASS 10A resolution readiness. ${TUNE}`,
      },
      {
        template: 'aggregate',
        params: {
          keyBy: 'platform',
          direction: 'both',
          filter: { kinds: ['deposit', 'withdrawal'] },
          window: HOURS_24,
          conditions: [{ measure: 'net_outflow', atLeastCustodyShare: 0.1 }],
          combine: 'all',
        },
      },
    ),
    /** Rule 27: withdrawal requests per day above 3× the 30-day average. */
    cnRule(
      {
        id: 'cn.withdrawal_surge',
        severity: 'high',
        description:
          "Withdrawal run: the platform's withdrawals in a CST day reach 3× its 30-day daily average (at least 20).",
        basis: `Heuristic; CASS 10A resolution readiness. ${TUNE} The T+1 pending-withdrawal age is outside the event data.`,
      },
      {
        template: 'baseline_deviation',
        params: {
          keyBy: 'platform',
          direction: 'both',
          filter: { kinds: ['withdrawal'] },
          metric: 'count',
          utcOffsetMinutes: CST_OFFSET_MINUTES,
          periodDays: 1,
          baselineDays: 30,
          minHistoryDays: 7,
          sigmaMultiple: 0,
          meanMultiple: 3,
          minCount: 20,
        },
      },
    ),
    /** Rule 28: borrower concentration per platform. */
    concentration('cn.concentration_person', 'person', 200_000),
    concentration('cn.concentration_entity', 'entity', 1_000_000),
  ];
}
