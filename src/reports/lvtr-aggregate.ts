import { assert } from '../assert.js';
import { currencyExponent } from '../money/index.js';
import { toCnyMinor, toUsdMinor, type CnyRates } from './fx-conversion.js';
import { LVTR_EXCLUDED_TYPES, type PostedMovement } from './lvtr-legs.js';
import {
  LVTR_CATEGORIES,
  LVTR_THRESHOLDS,
  lvtrCategoryOf,
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
  /** Sums per currency, in first-seen order; a day rarely mixes more than two currencies. */
  sums: CurrencySum[];
  instructionIds: string[];
}

export interface CurrencySum {
  currency: string;
  amountMinor: bigint;
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

const DIRECTIONS = ['in', 'out'] as const;
const SLOTS_PER_CUSTOMER = DIRECTIONS.length * LVTR_CATEGORIES.length;
const CATEGORY_INDEX: ReadonlyMap<LvtrCategory, number> = new Map(
  LVTR_CATEGORIES.map((category, index) => [category, index]),
);

/** A customer's groups, one slot per direction and category. */
interface CustomerDay {
  kind: CustomerKind;
  slots: (LvtrGroup | undefined)[];
}

/**
 * Sums legs per customer, direction and category (单边累计: inflows and outflows apart). Pure
 * and incremental, so the batch feeds it page by page. One map lookup per leg: the customer's
 * eight slots are indexed by direction and category.
 */
export class LvtrAccumulator {
  private readonly customers = new Map<string, CustomerDay>();
  legCount = 0;

  add(leg: LvtrLeg): void {
    this.addSide(
      leg.instructionId,
      leg.customerId,
      leg.customerKind,
      leg.direction,
      leg.category,
      leg.currency,
      leg.amountMinor,
    );
  }

  /** Both customer sides of a posting, without building leg objects (the batch's hot path). */
  addMovement(movement: PostedMovement): void {
    if (LVTR_EXCLUDED_TYPES.has(movement.type)) return;
    const { debitCustomer, creditCustomer, channel } = movement;
    if (debitCustomer !== null) {
      const category = lvtrCategoryOf(debitCustomer.kind, channel);
      this.addSide(
        movement.instructionId,
        debitCustomer.id,
        debitCustomer.kind,
        'out',
        category,
        movement.currency,
        movement.amountMinor,
      );
    }
    if (creditCustomer !== null) {
      const category = lvtrCategoryOf(creditCustomer.kind, channel);
      this.addSide(
        movement.instructionId,
        creditCustomer.id,
        creditCustomer.kind,
        'in',
        category,
        movement.currency,
        movement.amountMinor,
      );
    }
  }

  private addSide(
    instructionId: string,
    customerId: string,
    customerKind: CustomerKind,
    direction: Direction,
    category: LvtrCategory,
    currency: string,
    amountMinor: bigint,
  ): void {
    assert(amountMinor > 0n, 'a posted amount is positive');
    let day = this.customers.get(customerId);
    if (day === undefined) {
      day = { kind: customerKind, slots: new Array<LvtrGroup | undefined>(SLOTS_PER_CUSTOMER) };
      this.customers.set(customerId, day);
    }
    assert(day.kind === customerKind, 'a customer has one kind');
    const slot =
      (direction === 'in' ? 0 : LVTR_CATEGORIES.length) + (CATEGORY_INDEX.get(category) ?? 0);
    let group = day.slots[slot];
    if (group === undefined) {
      group = {
        customerId,
        customerKind,
        direction,
        category,
        sums: [],
        instructionIds: [],
      };
      day.slots[slot] = group;
    }
    const sum = group.sums.find((entry) => entry.currency === currency);
    if (sum === undefined) group.sums.push({ currency, amountMinor });
    else sum.amountMinor += amountMinor;
    group.instructionIds.push(instructionId);
    this.legCount += 1;
  }

  /** Every group, customers in first-seen order, slots in direction and category order. */
  *groups(): IterableIterator<LvtrGroup> {
    for (const day of this.customers.values())
      for (const group of day.slots) if (group !== undefined) yield group;
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
  const cnyPartMinor = group.sums.find((entry) => entry.currency === 'CNY')?.amountMinor ?? 0n;
  let fxUsdMinor = 0n;
  let fxCnyMinor = 0n;
  for (const { currency, amountMinor } of group.sums) {
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
    totals: group.sums
      .map((sum) => ({ currency: sum.currency, amountMinor: sum.amountMinor }))
      .sort((a, b) => (a.currency < b.currency ? -1 : 1)),
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
  const keyed: { key: string; item: LvtrItem }[] = [];
  for (const group of accumulator.groups()) {
    const item = decideLvtrGroup(group, rates, options);
    if (item === null) continue;
    keyed.push({ key: `${item.customerId}\u0000${item.direction}\u0000${item.category}`, item });
  }
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((entry) => entry.item);
}
