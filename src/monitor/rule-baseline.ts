import type { MonitoringAlert } from './alert.js';
import { compileFilter, type EventPredicate } from './compiled-filter.js';
import { DROP_OLDEST, INSERT_BUCKET, withoutOldest } from './derived-lists.js';
import { recentIds } from './event-chain.js';
import { emptyList, insertedAt } from './exact-array.js';
import { SHARED, type EventContext, type Side } from './event-context.js';
import { NONE_MS, type BaselineState } from './key-state.js';
import { KeyPrefix } from './key-prefix.js';
import { DAY_MS, KEY_EVENT_IDS_MAX, WINDOW_BUCKETS_MAX } from './limits.js';
import { compileAmounts, formatMoney } from './money-format.js';
import type { RuleDefinition } from './rule-definition.js';
import type { EventFilter } from './rule-schema-parts.js';
import {
  rememberEvent,
  ruleAlert,
  scoreOf,
  sideName,
  sidesOf,
  type RuleEvaluator,
  type RuleInfo,
} from './rule-evaluator.js';

type BaselineDefinition = Extract<RuleDefinition, { template: 'baseline_deviation' }>;

/**
 * The current period (the last periodDays local days, today included) against the key's own
 * history: the preceding whole periods within baselineDays, counted from the key's first
 * active day (days without activity count as zero). Fires when the period's value is
 * > mean + sigmaMultiple × σ, ≥ meanMultiple × mean and ≥ the minimum, at most once a day.
 * Days are buckets, so a "24 h" period is the local calendar day so far.
 */
export class BaselineRule implements RuleEvaluator {
  readonly eventFilters: readonly EventFilter[];
  private readonly sides: readonly Side[];
  private readonly filter: EventPredicate;
  private readonly minAmounts: Map<string, number> | null;
  private readonly offsetMs: number;
  private readonly keepDays: number;
  private readonly periods = new Float64Array(WINDOW_BUCKETS_MAX + 1);
  /** Key of platform state: `${index}|${currency}|${platform}|p`. */
  private readonly platformKey: KeyPrefix;
  /** Periods a state can reach: its days span at most keepDays (see add). */
  private readonly periodsUsed: number;

  constructor(
    readonly info: RuleInfo,
    private readonly rule: BaselineDefinition,
  ) {
    const params = rule.params;
    this.sides = sidesOf(params.direction, params.keyBy === 'platform');
    this.filter = compileFilter(params.filter);
    this.eventFilters = [params.filter];
    this.platformKey = new KeyPrefix(info.index, 'p');
    this.minAmounts = compileAmounts(params.minAmount);
    this.offsetMs = params.utcOffsetMinutes * 60_000;
    this.keepDays = params.baselineDays + params.periodDays;
    this.periodsUsed = Math.min(
      this.periods.length,
      Math.floor((this.keepDays - 1) / params.periodDays) + 1,
    );
  }

  observe(ctx: EventContext, out: MonitoringAlert[]): void {
    const params = this.rule.params;
    const sum = params.metric === 'sum';
    const minimum = sum ? (this.minAmounts?.get(ctx.currency) ?? NaN) : (params.minCount ?? 1);
    if (Number.isNaN(minimum)) return;
    const day = Math.floor((ctx.atMs + this.offsetMs) / DAY_MS);
    for (const side of this.sides) {
      if (!this.filter(ctx, ctx.profileOf(side))) continue;
      const state = this.stateOf(ctx, side, sum);
      if (state === undefined) continue;
      if (!this.add(state, day, ctx)) {
        ctx.late = true;
        continue;
      }
      if (state.untilMs > ctx.atMs) continue;
      const last = state.b[state.b.length - 1] ?? day;
      const current = this.periodValues(state, last, sum);
      if (current < minimum) continue;
      const verdict = this.verdict(state, last, current, minimum);
      if (verdict === null) continue;
      state.untilMs = (last + 1) * DAY_MS - this.offsetMs;
      out.push(this.alert(ctx, side, state, last, current, verdict));
    }
  }

  peek(): void {
    // Validation keeps baseline rules async: check() never calls this.
  }

  private stateOf(ctx: EventContext, side: Side, sum: boolean): BaselineState | undefined {
    const currencyKey = sum ? ctx.currency : '';
    if (side === SHARED) {
      const key = this.platformKey.of(currencyKey, ctx.event.platformId);
      let state = ctx.store.getShared(key) as BaselineState | undefined;
      if (state === undefined) ctx.store.setShared(key, (state = this.fresh(ctx.atMs)));
      return state;
    }
    const customer = ctx.stateOf(side);
    if (customer === undefined) return undefined;
    const slot = this.info.index * 2 + (this.rule.params.direction === 'each' ? side : 0);
    let state = ctx.store.getSlot(customer, currencyKey, slot) as BaselineState | undefined;
    if (state === undefined)
      ctx.store.setSlot(customer, currencyKey, slot, (state = this.fresh(ctx.atMs)));
    return state;
  }

  private fresh(atMs: number): BaselineState {
    const first = Math.floor((atMs + this.offsetMs) / DAY_MS);
    return {
      t: 'base',
      seenMs: atMs,
      first,
      b: emptyList(),
      c: emptyList(),
      s: emptyList(),
      recent: null,
      untilMs: NONE_MS,
    };
  }

  /**
   * Day indexes (`b`) are shared between keys with the same days and replaced, never changed in
   * place (DerivedLists); counts and sums (`c`, `s`) belong to one key, which keeps only the one
   * its metric reads (the other stays empty; snapshots spread it as zeros, see engine-snapshot).
   */
  private add(state: BaselineState, day: number, ctx: EventContext): boolean {
    const sum = this.rule.params.metric === 'sum';
    const lists = ctx.bucketLists;
    const days = state.b;
    const last = days[days.length - 1];
    if (last !== undefined && day < last - this.keepDays + 1) return false;
    let position = days.length - 1;
    while (position >= 0 && (days[position] ?? 0) > day) position -= 1;
    if (position < 0 || days[position] !== day) {
      position += 1;
      state.b =
        lists.find(days, INSERT_BUCKET, day, position) ??
        lists.keep(days, INSERT_BUCKET, day, position, insertedAt(days, position, day));
      if (sum) state.s = insertedAt(state.s, position, 0);
      else state.c = insertedAt(state.c, position, 0);
    }
    if (sum) state.s[position] = (state.s[position] ?? 0) + ctx.amount;
    else state.c[position] = (state.c[position] ?? 0) + 1;
    state.first = Math.min(state.first, day);
    const kept = state.b;
    const newest = kept[kept.length - 1] ?? day;
    let drop = 0;
    while ((kept[drop] ?? newest) < newest - this.keepDays + 1) drop += 1;
    if (drop > 0) {
      state.b =
        lists.find(kept, DROP_OLDEST, drop, 0) ??
        lists.keep(kept, DROP_OLDEST, drop, 0, withoutOldest(kept, drop));
      if (sum) state.s.splice(0, drop);
      else state.c.splice(0, drop);
    }
    state.seenMs = Math.max(state.seenMs, ctx.atMs);
    rememberEvent(state, ctx, KEY_EVENT_IDS_MAX);
    return true;
  }

  /** Fills `periods` (index 0 = current) and returns the current period's value. */
  private periodValues(state: BaselineState, last: number, sum: boolean): number {
    const period = this.rule.params.periodDays;
    this.periods.fill(0, 0, this.periodsUsed);
    for (let position = 0; position < state.b.length; position += 1) {
      const age = last - (state.b[position] ?? last);
      const index = Math.floor(age / period);
      if (index < 0 || index >= this.periodsUsed) continue;
      this.periods[index] = (this.periods[index] ?? 0) + ((sum ? state.s : state.c)[position] ?? 0);
    }
    return this.periods[0] ?? 0;
  }

  private verdict(state: BaselineState, last: number, current: number, minimum: number) {
    const params = this.rule.params;
    const historyDays = Math.min(params.baselineDays, last - params.periodDays + 1 - state.first);
    if (historyDays < params.minHistoryDays) return null;
    const count = Math.floor(historyDays / params.periodDays);
    if (count < 1) return null;
    let total = 0;
    for (let index = 1; index <= count; index += 1) total += this.periods[index] ?? 0;
    const mean = total / count;
    let squares = 0;
    for (let index = 1; index <= count; index += 1)
      squares += ((this.periods[index] ?? 0) - mean) ** 2;
    const sigma = Math.sqrt(squares / count);
    const deviationLimit = mean + params.sigmaMultiple * sigma;
    const multipleLimit = params.meanMultiple * mean;
    if (!(current > deviationLimit) || current < multipleLimit) return null;
    return {
      mean,
      sigma,
      periods: count,
      threshold: Math.max(deviationLimit, multipleLimit, minimum),
    };
  }

  private alert(
    ctx: EventContext,
    side: Side,
    state: BaselineState,
    last: number,
    current: number,
    verdict: { mean: number; sigma: number; periods: number; threshold: number },
  ): MonitoringAlert {
    const params = this.rule.params;
    const sum = params.metric === 'sum';
    const show = (value: number) =>
      sum ? formatMoney(value, ctx.currency) : Number(value.toFixed(2));
    const customerId = side === SHARED ? null : ctx.customerIdOf(side);
    const subject = side === SHARED ? 'platform' : `${customerId ?? ''}`;
    const suffix = params.direction === 'each' ? `:${sideName(side)}` : '';
    const periodStartMs = (last - params.periodDays + 1) * DAY_MS - this.offsetMs;
    const dayStartMs = last * DAY_MS - this.offsetMs;
    return ruleAlert(
      this.info,
      ctx,
      customerId,
      `${subject}${suffix}:${dayStartMs}`,
      scoreOf(current, verdict.threshold),
      {
        summary:
          `${this.info.id}: ${params.metric} over the last ${params.periodDays} d for ${subject} is ${show(current)}, ` +
          `above the baseline mean ${show(verdict.mean)} + ${params.sigmaMultiple}σ (σ ${show(verdict.sigma)}) ` +
          `of ${verdict.periods} trailing periods.`,
        values: {
          [params.metric]: show(current),
          baselineMean: show(verdict.mean),
          baselineSigma: show(verdict.sigma),
          baselinePeriods: verdict.periods,
        },
        thresholds: {
          sigmaMultiple: params.sigmaMultiple,
          meanMultiple: params.meanMultiple,
          effective: show(verdict.threshold),
          periodDays: params.periodDays,
        },
        eventIds: recentIds(state.recent, KEY_EVENT_IDS_MAX, periodStartMs),
      },
    );
  }
}
