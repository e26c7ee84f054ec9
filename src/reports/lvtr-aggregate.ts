import { assert } from '../assert.js';
import { currencyExponent } from '../money/index.js';
import { toCnyMinor, toUsdMinor, type CnyRates } from './fx-conversion.js';
import {
  LVTR_THRESHOLDS,
  type CustomerKind,
  type LvtrCategory,
  type LvtrThreshold,
} from './lvtr-thresholds.js';

export type Direction = 'in' | 'out';

/** One side of one posted instruction that touches a customer account. */
export interface LvtrLeg {
  instructionId: string;
  customerId: string;
  customerKind: CustomerKind;
  direction: Direction;
  category: LvtrCategory;
  currency: string;
  amountMinor: bigint;
}

/** A customer's day in one direction and category: sums per currency, and the instructions. */
export interface LvtrGroup {
  customerId: string;
  customerKind: CustomerKind;
  direction: Direction;
  category: LvtrCategory;
  byCurrency: Map<string, bigint>;
  instructionIds: string[];
}

export type LvtrBasis = 'cny' | 'fx' | 'combined';

export interface LvtrItem {
  customerId: string;
  customerKind: CustomerKind;
  direction: Direction;
  category: LvtrCategory;
  totals: { currency: string; amountMinor: bigint }[];
  cnyPartMinor: bigint;
  fxUsdMinor: bigint;
  totalCnyMinor: bigint;
  basis: LvtrBasis;
  instructionIds: string[];
}

export interface LvtrOptions {
  /**
   * Where CNY and foreign currency mix and neither reaches its own threshold, convert all to
   * CNY and compare with the lower of the two thresholds (examination guidance, unconfirmed in
   * the primary text; on by default).
   */
  combineMixedCurrencies: boolean;
  thresholds: Readonly<Record<LvtrCategory, LvtrThreshold>>;
}

export const LVTR_OPTIONS_DEFAULT: LvtrOptions = {
  combineMixedCurrencies: true,
  thresholds: LVTR_THRESHOLDS,
};

/**
 * Sums legs per customer, direction and category (单边累计: inflows and outflows apart). Pure
 * and incremental, so the batch feeds it page by page.
 */
export class LvtrAccumulator {
  readonly groups = new Map<string, LvtrGroup>();
  legCount = 0;

  add(leg: LvtrLeg): void {
    assert(leg.amountMinor > 0n, 'a posted amount is positive');
    const key = `${leg.customerId}\u0000${leg.direction}\u0000${leg.category}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      group = {
        customerId: leg.customerId,
        customerKind: leg.customerKind,
        direction: leg.direction,
        category: leg.category,
        byCurrency: new Map(),
        instructionIds: [],
      };
      this.groups.set(key, group);
    }
    assert(group.customerKind === leg.customerKind, 'a customer has one kind');
    group.byCurrency.set(
      leg.currency,
      (group.byCurrency.get(leg.currency) ?? 0n) + leg.amountMinor,
    );
    group.instructionIds.push(leg.instructionId);
    this.legCount += 1;
  }
}

function exponentOf(currency: string): number {
  const exponent = currencyExponent(currency);
  assert(exponent !== undefined, `unknown currency ${currency}`);
  return exponent;
}

/** Whether a group reaches its threshold, and on which basis; null when it does not. */
export function decideLvtrGroup(
  group: LvtrGroup,
  rates: CnyRates,
  options: LvtrOptions = LVTR_OPTIONS_DEFAULT,
): LvtrItem | null {
  const threshold = options.thresholds[group.category];
  const cnyPartMinor = group.byCurrency.get('CNY') ?? 0n;
  let fxUsdMinor = 0n;
  let fxCnyMinor = 0n;
  for (const [currency, amountMinor] of group.byCurrency) {
    if (currency === 'CNY') continue;
    fxUsdMinor += toUsdMinor(amountMinor, currency, exponentOf(currency), rates);
    fxCnyMinor += toCnyMinor(amountMinor, currency, exponentOf(currency), rates);
  }
  const totalCnyMinor = cnyPartMinor + fxCnyMinor;
  const basis = basisOf(cnyPartMinor, fxUsdMinor, totalCnyMinor, threshold, rates, options);
  if (basis === null) return null;
  return {
    customerId: group.customerId,
    customerKind: group.customerKind,
    direction: group.direction,
    category: group.category,
    totals: [...group.byCurrency.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, amountMinor]) => ({ currency, amountMinor })),
    cnyPartMinor,
    fxUsdMinor,
    totalCnyMinor,
    basis,
    instructionIds: group.instructionIds,
  };
}

function basisOf(
  cnyPartMinor: bigint,
  fxUsdMinor: bigint,
  totalCnyMinor: bigint,
  threshold: LvtrThreshold,
  rates: CnyRates,
  options: LvtrOptions,
): LvtrBasis | null {
  if (cnyPartMinor >= threshold.cnyMinor) return 'cny';
  if (fxUsdMinor >= threshold.usdMinor) return 'fx';
  if (!options.combineMixedCurrencies) return null;
  if (cnyPartMinor === 0n || fxUsdMinor === 0n) return null;
  const usdInCny = toCnyMinor(threshold.usdMinor, 'USD', 2, rates);
  const lower = usdInCny < threshold.cnyMinor ? usdInCny : threshold.cnyMinor;
  return totalCnyMinor >= lower ? 'combined' : null;
}

/** Every reportable group, in a stable order (customer, direction, category). */
export function decideLvtr(
  accumulator: LvtrAccumulator,
  rates: CnyRates,
  options: LvtrOptions = LVTR_OPTIONS_DEFAULT,
): LvtrItem[] {
  const items: LvtrItem[] = [];
  for (const group of accumulator.groups.values()) {
    const item = decideLvtrGroup(group, rates, options);
    if (item !== null) items.push(item);
  }
  const keyOf = (item: LvtrItem) =>
    `${item.customerId}\u0000${item.direction}\u0000${item.category}`;
  return items.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
}
