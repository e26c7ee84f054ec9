import type { MonitoringAlert } from './alert.js';
import { compileFilter, type EventPredicate } from './compiled-filter.js';
import { appended, appendedBounded, emptyList } from './exact-array.js';
import { IN, OUT, type EventContext, type Side } from './event-context.js';
import type { OpenStep, SequenceState } from './key-state.js';
import { SEQUENCE_OPEN_MAX, SEQUENCE_THEN_IDS_MAX } from './limits.js';
import { compileAmounts, formatMoney } from './money-format.js';
import type { RuleDefinition } from './rule-definition.js';
import type { EventFilter } from './rule-schema-parts.js';
import { ruleAlert, scoreOf, type RuleEvaluator, type RuleInfo } from './rule-evaluator.js';

type SequenceDefinition = Extract<RuleDefinition, { template: 'sequence' }>;

/**
 * A `first` event of a customer, then `then` events of the same customer and currency within
 * windowMs whose sum reaches thenShareAtLeast × the first amount (for example money in, then
 * ≥ 80 % of it out within 24 h). Each first step is followed on its own (a later outflow counts
 * towards every open step) and fires once. At most SEQUENCE_OPEN_MAX steps are open per
 * customer and currency; a new one pushes out the oldest.
 */
export class SequenceRule implements RuleEvaluator {
  private readonly firstSide: Side;
  private readonly thenSide: Side;
  readonly eventFilters: readonly EventFilter[];
  private readonly firstFilter: EventPredicate;
  private readonly thenFilter: EventPredicate;
  private readonly firstAmounts: Map<string, number> | null;

  constructor(
    readonly info: RuleInfo,
    private readonly rule: SequenceDefinition,
  ) {
    const params = rule.params;
    this.firstSide = params.first.direction === 'in' ? IN : OUT;
    this.thenSide = params.then.direction === 'in' ? IN : OUT;
    this.firstFilter = compileFilter(params.first.filter);
    this.thenFilter = compileFilter(params.then.filter);
    this.eventFilters = [params.first.filter, params.then.filter];
    this.firstAmounts = compileAmounts(params.first.atLeast);
  }

  observe(ctx: EventContext, out: MonitoringAlert[]): void {
    if (this.firstAmounts !== null && !this.firstAmounts.has(ctx.currency)) return;
    if (this.thenFilter(ctx, ctx.profileOf(this.thenSide))) this.then(ctx, out);
    const minimum = this.firstAmounts?.get(ctx.currency) ?? 0;
    if (ctx.amount >= minimum && this.firstFilter(ctx, ctx.profileOf(this.firstSide))) {
      this.first(ctx);
    }
  }

  peek(): void {
    // Validation keeps sequence rules async: check() never calls this.
  }

  private stateOf(ctx: EventContext, side: Side, create: boolean): SequenceState | undefined {
    const customer = ctx.stateOf(side);
    if (customer === undefined) return undefined;
    const slot = this.info.index * 2;
    let state = ctx.store.getSlot(customer, ctx.currency, slot) as SequenceState | undefined;
    if (state === undefined && create) {
      state = { t: 'seq', seenMs: ctx.atMs, open: emptyList() };
      ctx.store.setSlot(customer, ctx.currency, slot, state);
    }
    return state;
  }

  private first(ctx: EventContext): void {
    const state = this.stateOf(ctx, this.firstSide, true);
    if (state === undefined) return;
    this.expire(state, ctx.atMs);
    state.open = appended(state.open, {
      atMs: ctx.atMs,
      amount: ctx.amount,
      id: ctx.event.eventId,
      thenSum: 0,
      thenIds: emptyList(),
      fired: false,
    });
    if (state.open.length > SEQUENCE_OPEN_MAX) state.open.shift();
    state.seenMs = Math.max(state.seenMs, ctx.atMs);
  }

  private then(ctx: EventContext, out: MonitoringAlert[]): void {
    const state = this.stateOf(ctx, this.thenSide, false);
    if (state === undefined) return;
    this.expire(state, ctx.atMs);
    const share = this.rule.params.thenShareAtLeast;
    for (const step of state.open) {
      if (step.fired || step.atMs > ctx.atMs || step.id === ctx.event.eventId) continue;
      step.thenSum += ctx.amount;
      step.thenIds = appendedBounded(step.thenIds, ctx.event.eventId, SEQUENCE_THEN_IDS_MAX);
      if (step.thenSum >= share * step.amount) {
        step.fired = true;
        out.push(this.alert(ctx, step));
      }
    }
    state.seenMs = Math.max(state.seenMs, ctx.atMs);
  }

  private expire(state: SequenceState, atMs: number): void {
    const windowMs = this.rule.params.windowMs;
    while (state.open.length > 0 && atMs - (state.open[0]?.atMs ?? atMs) > windowMs) {
      state.open.shift();
    }
  }

  private alert(ctx: EventContext, step: OpenStep): MonitoringAlert {
    const params = this.rule.params;
    const customerId = ctx.customerIdOf(this.thenSide);
    const firstText = formatMoney(step.amount, ctx.currency);
    const thenText = formatMoney(step.thenSum, ctx.currency);
    const elapsedMs = ctx.atMs - step.atMs;
    const thresholds: Record<string, string | number> = {
      thenShareAtLeast: params.thenShareAtLeast,
      windowMs: params.windowMs,
    };
    const minimum = this.firstAmounts?.get(ctx.currency);
    if (minimum !== undefined)
      thresholds['firstAmountAtLeast'] = formatMoney(minimum, ctx.currency);
    return ruleAlert(
      this.info,
      ctx,
      customerId,
      `${customerId ?? ''}:${step.id}`,
      scoreOf(step.thenSum, params.thenShareAtLeast * step.amount),
      {
        summary:
          `${this.info.id}: customer ${customerId ?? ''} received ${firstText} (${step.id}) and moved ` +
          `${thenText} on within ${Math.round(elapsedMs / 60_000)} min, ${((step.thenSum / step.amount) * 100).toFixed(1)} % of it.`,
        values: {
          firstAmount: firstText,
          thenAmount: thenText,
          share: Number((step.thenSum / step.amount).toFixed(4)),
          elapsedMs,
        },
        thresholds,
        eventIds: [step.id, ...step.thenIds],
      },
    );
  }
}
