import { assert } from '../assert.js';
import { compileFilter, type EventPredicate } from './compiled-filter.js';
import type { EventContext } from './event-context.js';
import { compileAmounts, formatMoney } from './money-format.js';
import type { CustomerProfile } from './monitored-event.js';
import type { AggregateCondition } from './rule-templates.js';

/** Fields kept per slot and bucket: count, sum, max, net (inflow positive). */
export const FIELDS = 4;
export const COUNT = 0;
export const SUM = 1;
export const MAX = 2;
export const NET = 3;

export type DistinctField = 'counterparty' | 'customer' | 'device' | 'ip' | 'account';

export interface CompiledCondition {
  measure: AggregateCondition['measure'];
  label: string;
  /** The slot whose totals the condition reads (0: every event of the rule). */
  slot: number;
  ofSum: boolean;
  distinctIndex: number;
  distinctOf: DistinctField | null;
  atLeast: number;
  minCount: number;
  amounts: Map<string, number> | null;
  declared: { multiple: number; currency: string } | null;
  /** `amounts` names this currency; events in others compare with its amount converted. */
  via: { currency: string; amountMinor: number } | null;
  custodyShare: number;
}

/** Slots: 0 counts every event of the rule; one more per distinct `where` or ratio numerator. */
export function compileConditions(conditions: AggregateCondition[]) {
  const slotFilters: (EventPredicate | null)[] = [null];
  const slotKeys = new Map<string, number>([['', 0]]);
  const slotFor = (filter: object | undefined): number => {
    if (filter === undefined) return 0;
    const key = JSON.stringify(filter);
    const known = slotKeys.get(key);
    if (known !== undefined) return known;
    slotKeys.set(key, slotFilters.length);
    slotFilters.push(compileFilter(filter));
    return slotFilters.length - 1;
  };
  const distinctFields: DistinctField[] = [];
  const labels = new Set<string>();
  const compiled = conditions.map((condition, index): CompiledCondition => {
    let label =
      condition.measure === 'distinct_count' ? `distinct_${condition.of}` : condition.measure;
    if (condition.measure === 'ratio') label = `ratio_${condition.of}`;
    if (labels.has(label)) label = `${label}_${index + 1}`;
    labels.add(label);
    const base: CompiledCondition = {
      measure: condition.measure,
      label,
      slot: 0,
      ofSum: false,
      distinctIndex: -1,
      distinctOf: null,
      atLeast: 0,
      minCount: 0,
      amounts: null,
      declared: null,
      via: null,
      custodyShare: 0,
    };
    switch (condition.measure) {
      case 'count':
        return { ...base, slot: slotFor(condition.where), atLeast: condition.atLeast };
      case 'distinct_count':
        distinctFields.push(condition.of);
        return {
          ...base,
          distinctIndex: distinctFields.length - 1,
          distinctOf: condition.of,
          atLeast: condition.atLeast,
        };
      case 'ratio':
        return {
          ...base,
          slot: slotFor(condition.numerator),
          ofSum: condition.of === 'sum',
          atLeast: condition.atLeast,
          minCount: condition.minCount,
        };
      default: {
        const amounts = compileAmounts(condition.atLeast);
        const viaCurrency = condition.otherCurrenciesVia;
        const viaAmount = viaCurrency === undefined ? undefined : amounts?.get(viaCurrency);
        assert(viaCurrency === undefined || viaAmount !== undefined, 'via names a stated amount');
        return {
          ...base,
          slot: slotFor(condition.where),
          amounts,
          via:
            viaCurrency === undefined || viaAmount === undefined
              ? null
              : { currency: viaCurrency, amountMinor: viaAmount },
          declared: condition.atLeastDeclaredMultiple ?? null,
          custodyShare: condition.atLeastCustodyShare ?? 0,
        };
      }
    }
  });
  return { conditions: compiled, slotFilters, distinctFields };
}

/**
 * The fields (ascending) a rule's conditions read, the only ones its buckets keep: count, sum,
 * max or net per measure, and for a ratio its field plus the count of slot 0 (minCount). A rule
 * that reads none (distinct counts only) keeps no bucket values at all: only its newest bucket
 * index, which decides lateness, window starts and cool-downs.
 */
export function keptFields(conditions: readonly CompiledCondition[]): number[] {
  const kept = new Set<number>();
  for (const condition of conditions) {
    switch (condition.measure) {
      case 'count':
        kept.add(COUNT);
        break;
      case 'sum':
        kept.add(SUM);
        break;
      case 'max':
        kept.add(MAX);
        break;
      case 'net_inflow':
      case 'net_outflow':
        kept.add(NET);
        break;
      case 'ratio':
        kept.add(COUNT);
        if (condition.ofSum) kept.add(SUM);
        break;
      case 'distinct_count':
        break;
    }
  }
  return [...kept].sort((a, b) => a - b);
}

/** Currencies in which the rule can decide; null when it can decide in any currency. */
export function allowedCurrencies(
  conditions: CompiledCondition[],
  combine: 'all' | 'any',
): Set<string> | null {
  const perCondition = conditions.map((condition): Set<string> | null => {
    if (condition.via !== null) return null;
    if (condition.amounts !== null) return new Set(condition.amounts.keys());
    if (condition.declared !== null) return new Set([condition.declared.currency]);
    return null;
  });
  if (combine === 'any') {
    if (perCondition.some((set) => set === null)) return null;
    return new Set(perCondition.flatMap((set) => [...(set ?? [])]));
  }
  const restricting = perCondition.filter((set): set is Set<string> => set !== null);
  const [first, ...rest] = restricting;
  if (first === undefined) return null;
  return new Set([...first].filter((code: string) => rest.every((set) => set.has(code))));
}

/** The threshold of an amount condition for this event, or NaN when it cannot decide. */
export function amountThreshold(
  condition: CompiledCondition,
  ctx: EventContext,
  profile: CustomerProfile | undefined,
): number {
  return amountThresholdIn(condition, ctx.currency, profile, ctx, ctx.event.platformId, ctx.atMs);
}

/** The threshold of an amount condition in `currency`, or NaN when it cannot decide. */
export function amountThresholdIn(
  condition: CompiledCondition,
  currency: string,
  profile: CustomerProfile | undefined,
  custody: Pick<EventContext, 'custodyBalance' | 'fxRates'>,
  platformId: string,
  atMs: number,
): number {
  if (condition.amounts !== null) {
    const stated = condition.amounts.get(currency);
    if (stated !== undefined) return stated;
    const via = condition.via;
    if (via === null) return NaN;
    return custody.fxRates.convertMinor(via.amountMinor, via.currency, currency, atMs);
  }
  const declared = condition.declared;
  if (declared !== null) {
    const monthly = profile?.declaredMonthlyMinor;
    if (declared.currency !== currency || monthly === undefined || monthly <= 0n) return NaN;
    return declared.multiple * Number(monthly);
  }
  const balance = custody.custodyBalance(platformId, currency);
  if (balance === undefined || balance <= 0n) return NaN;
  return condition.custodyShare * Number(balance);
}

export function describeValue(condition: CompiledCondition, value: number, currency: string) {
  if (condition.measure === 'ratio') return Number(value.toFixed(4));
  const amount = condition.measure !== 'count' && condition.measure !== 'distinct_count';
  return amount ? formatMoney(value, currency) : value;
}
