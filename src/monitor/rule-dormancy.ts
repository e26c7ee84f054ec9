import type { MonitoringAlert } from './alert.js';
import { compileFilter, type EventPredicate } from './compiled-filter.js';
import { appendedBounded, emptyList } from './exact-array.js';
import type { EventContext } from './event-context.js';
import { NONE_MS, type DormancyState } from './key-state.js';
import { DAY_MS, KEY_EVENT_IDS_MAX } from './limits.js';
import { compileAmounts, formatMoney } from './money-format.js';
import type { RuleDefinition } from './rule-definition.js';
import type { EventFilter } from './rule-schema-parts.js';
import { ruleAlert, scoreOf, type RuleEvaluator, type RuleInfo } from './rule-evaluator.js';

type DormancyDefinition = Extract<RuleDefinition, { template: 'dormancy' }>;

const MONTH_MS = 30 * DAY_MS;

/**
 * Reactivation after dormancy: the customer had no activity at all (any event, any currency)
 * for idleMs after earlier activity, then matching inflows within
 * windowMs reach an amount, or a multiple of the customer's historical monthly inflow (lifetime
 * matching inflows before the gap / months between first and last activity, at least one).
 * Dormancy is idleness after use: an account never used is not dormant, so its first
 * movements (a first loan, a first top-up long after opening) are not a reactivation. The
 * engine must have kept the customer through the gap; an evicted customer starts afresh.
 */
export class DormancyRule implements RuleEvaluator {
  readonly eventFilters: readonly EventFilter[];
  private readonly filter: EventPredicate;
  private readonly amounts: Map<string, number> | null;

  constructor(
    readonly info: RuleInfo,
    private readonly rule: DormancyDefinition,
  ) {
    this.filter = compileFilter(rule.params.filter);
    this.eventFilters = [rule.params.filter];
    this.amounts = compileAmounts(rule.params.atLeast);
  }

  observe(ctx: EventContext, out: MonitoringAlert[]): void {
    const params = this.rule.params;
    const absolute = this.amounts?.get(ctx.currency);
    if (absolute === undefined && params.historicalMonthlyMultiple === undefined) return;
    const customer = ctx.payee;
    if (customer === undefined || !this.filter(ctx, ctx.payeeProfile)) return;
    const slot = this.info.index * 2;
    let state = ctx.store.getSlot(customer, ctx.currency, slot) as DormancyState | undefined;
    if (state === undefined) {
      state = {
        t: 'dorm',
        seenMs: ctx.atMs,
        lifetimeSum: 0,
        startMs: NONE_MS,
        sum: 0,
        monthlyAvg: 0,
        idleMs: 0,
        ids: emptyList(),
        fired: false,
      };
      ctx.store.setSlot(customer, ctx.currency, slot, state);
    }
    state.seenMs = Math.max(state.seenMs, ctx.atMs);
    const previousMs = customer.lastActivityMs;
    if (state.startMs !== NONE_MS && ctx.atMs - state.startMs <= params.windowMs) {
      state.sum += ctx.amount;
      state.ids = appendedBounded(state.ids, ctx.event.eventId, KEY_EVENT_IDS_MAX);
    } else if (previousMs !== NONE_MS && ctx.atMs - previousMs >= params.idleMs) {
      const firstMs = customer.firstActivityMs !== NONE_MS ? customer.firstActivityMs : previousMs;
      const months = Math.max(1, (previousMs - firstMs) / MONTH_MS);
      state.monthlyAvg = state.lifetimeSum / months;
      state.idleMs = ctx.atMs - previousMs;
      state.startMs = ctx.atMs;
      state.sum = ctx.amount;
      state.ids = ctx.idsAlone();
      state.fired = false;
    } else {
      state.startMs = NONE_MS;
    }
    state.lifetimeSum += ctx.amount;
    if (state.startMs === NONE_MS || state.fired) return;
    const multiple = params.historicalMonthlyMultiple;
    const relative =
      multiple !== undefined && state.monthlyAvg > 0 ? multiple * state.monthlyAvg : Infinity;
    const threshold = Math.min(absolute ?? Infinity, relative);
    if (state.sum < threshold) return;
    state.fired = true;
    out.push(this.alert(ctx, state, threshold));
  }

  peek(): void {
    // Validation keeps dormancy rules async: check() never calls this.
  }

  private alert(ctx: EventContext, state: DormancyState, threshold: number): MonitoringAlert {
    const params = this.rule.params;
    const customerId = ctx.event.payeeCustomerId ?? '';
    const thresholds: Record<string, string | number> = {
      idleMs: params.idleMs,
      windowMs: params.windowMs,
    };
    const absolute = this.amounts?.get(ctx.currency);
    if (absolute !== undefined) thresholds['amount'] = formatMoney(absolute, ctx.currency);
    if (params.historicalMonthlyMultiple !== undefined) {
      thresholds['historicalMonthlyMultiple'] = params.historicalMonthlyMultiple;
    }
    const sumText = formatMoney(state.sum, ctx.currency);
    return ruleAlert(
      this.info,
      ctx,
      customerId,
      `${customerId}:${state.startMs}`,
      scoreOf(state.sum, threshold),
      {
        summary: `${this.info.id}: customer ${customerId} was idle ${Math.floor(state.idleMs / DAY_MS)} d, then received ${sumText} within ${params.windowMs / DAY_MS} d (at least ${formatMoney(threshold, ctx.currency)} expected to alert).`,
        values: {
          idleDays: Math.floor(state.idleMs / DAY_MS),
          inflow: sumText,
          historicalMonthlyInflow: formatMoney(state.monthlyAvg, ctx.currency),
        },
        thresholds,
        eventIds: state.ids.slice(),
      },
    );
  }
}
