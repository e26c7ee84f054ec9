import { DAY_MS, HOUR_MS } from './limits.js';
import type { RuleDefinitionInput } from './rule-definition.js';
import type { EventFilter } from './rule-schema-parts.js';

/** Shared pieces of the default CN pack. Times are China Standard Time (UTC+8, no DST). */
export const CST_OFFSET_MINUTES = 480;
export const CST_DAY = { kind: 'calendar_day', utcOffsetMinutes: CST_OFFSET_MINUTES } as const;
export const HOURS_24 = { kind: 'sliding', windowMs: DAY_MS, bucketMs: HOUR_MS } as const;
export const DAYS_7 = { kind: 'sliding', windowMs: 7 * DAY_MS, bucketMs: 6 * HOUR_MS } as const;
export const DAYS_30 = { kind: 'sliding', windowMs: 30 * DAY_MS, bucketMs: DAY_MS } as const;
export const DAYS_360 = { kind: 'sliding', windowMs: 360 * DAY_MS, bucketMs: 3 * DAY_MS } as const;

/** Movements of customer money (attempts, fees and system postings are left out). */
export const MONEY_KINDS: NonNullable<EventFilter['kinds']> = [
  'deposit',
  'withdrawal',
  'transfer',
  'reserve_payout',
];
export const INFLOW_KINDS: NonNullable<EventFilter['kinds']> = [
  'deposit',
  'transfer',
  'reserve_payout',
];

/**
 * The legs of a P2P loan, whose timing, counterparties and amounts follow from a loan contract
 * the platform listed and verified rather than from the customer's choice: lenders' bids
 * reaching the borrower (`investment`), the payout of a funded loan to the borrower's bank
 * (`disbursement`), the borrower's top-up for an instalment (`repayment_topup`), one
 * instalment transfer per lender (`repayment`) and bids returned when a loan is not filled
 * (`refund`). Rules about unexplained flows (velocity, fan-in/out, pass-through, dormancy,
 * profile and night-time rules) leave them out; rules about the loans themselves (early
 * repayment, concentration) and the legal reports (large-value, structuring) keep them.
 */
export const LOAN_LEG_PURPOSES: NonNullable<EventFilter['excludePurposes']> = [
  'investment',
  'disbursement',
  'repayment_topup',
  'repayment',
  'refund',
];

/**
 * Heuristic amounts the reference gives in CNY only carry a USD equivalent at 7 CNY per USD,
 * rounded down; LVTR amounts use the USD figures of PBOC Order 3 itself.
 */
export function cnyAndUsd(cny: number, usd = Math.floor(cny / 7)): Record<string, string> {
  return { CNY: String(cny), USD: String(usd) };
}

/** A share of a threshold in both currencies (structuring bands): 0.8 × 50,000 → 40,000. */
export function shareOf(amounts: Record<string, string>, share: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(amounts).map(([currency, text]) => [
      currency,
      (Number(text) * share).toFixed(2),
    ]),
  );
}

type Common = Pick<RuleDefinitionInput, 'id' | 'severity' | 'description' | 'basis'> & {
  /** Raised whenever the definition changes, so a restore drops state built under the old one. */
  version?: number;
  mode?: 'sync' | 'async';
  syncAction?: 'hold' | 'reject';
};

/** Fills the fields every CN rule shares (version 1 and async unless said). */
export function cnRule<T extends Omit<RuleDefinitionInput, keyof Common>>(
  common: Common,
  body: T,
): RuleDefinitionInput {
  return { version: 1, mode: 'async', ...common, ...body } as RuleDefinitionInput;
}
