import type { MonitoringAlert } from './alert.js';
import { compileFilter, type EventPredicate } from './compiled-filter.js';
import type { EventContext, Side } from './event-context.js';
import { compileAmounts, formatMoney } from './money-format.js';
import type { RuleDefinition } from './rule-definition.js';
import type { EventFilter } from './rule-schema-parts.js';
import {
  ruleAlert,
  scoreOf,
  sideName,
  sidesOf,
  type RuleEvaluator,
  type RuleInfo,
} from './rule-evaluator.js';

type ThresholdDefinition = Extract<RuleDefinition, { template: 'threshold' }>;
type ListDefinition = Extract<RuleDefinition, { template: 'list_membership' }>;

/**
 * One event on its own: at or above an amount in its currency, or any matching event when the
 * rule names no amount. Stateless, so check() and observe() decide alike; one alert per event
 * and side.
 */
export class ThresholdRule implements RuleEvaluator {
  readonly eventFilters: readonly EventFilter[];
  private readonly sides: readonly Side[];
  private readonly filter: EventPredicate;
  private readonly amounts: Map<string, number> | null;

  constructor(
    readonly info: RuleInfo,
    rule: ThresholdDefinition,
  ) {
    this.sides = sidesOf(rule.params.direction);
    this.filter = compileFilter(rule.params.filter);
    this.eventFilters = [rule.params.filter];
    this.amounts = compileAmounts(rule.params.atLeast);
  }

  observe(ctx: EventContext, out: MonitoringAlert[]): void {
    const threshold = this.amounts === null ? 0 : (this.amounts.get(ctx.currency) ?? NaN);
    if (!(ctx.amount >= threshold)) return;
    for (const side of this.sides) {
      const customerId = ctx.customerIdOf(side);
      if (customerId === null || !this.filter(ctx, ctx.profileOf(side))) continue;
      const amountText = formatMoney(ctx.amount, ctx.currency);
      const thresholds: Record<string, string | number> =
        this.amounts === null ? {} : { amount: formatMoney(threshold, ctx.currency) };
      const condition =
        this.amounts === null ? 'matches the rule' : `reaches ${thresholds['amount']}`;
      const suffix = this.sides.length > 1 ? `:${sideName(side)}` : '';
      out.push(
        ruleAlert(
          this.info,
          ctx,
          customerId,
          `${customerId}${suffix}:${ctx.event.eventId}`,
          scoreOf(ctx.amount, threshold),
          {
            summary: `${this.info.id}: ${ctx.event.kind} ${ctx.event.eventId} of ${amountText} for customer ${customerId} (${sideName(side)}) ${condition}.`,
            values: { amount: amountText, kind: ctx.event.kind, purpose: ctx.event.purpose },
            thresholds,
            eventIds: [ctx.event.eventId],
          },
        ),
      );
    }
  }

  peek(ctx: EventContext, out: MonitoringAlert[]): void {
    this.observe(ctx, out);
  }
}

/** A field of the event (device, IP, counterparty, customer, account, purpose) is on a list. */
export class ListMembershipRule implements RuleEvaluator {
  readonly eventFilters: readonly EventFilter[];
  private readonly sides: readonly Side[];
  private readonly filter: EventPredicate;
  private readonly values: Set<string>;

  constructor(
    readonly info: RuleInfo,
    private readonly rule: ListDefinition,
  ) {
    this.sides = sidesOf(rule.params.direction);
    this.filter = compileFilter(rule.params.filter);
    this.eventFilters = [rule.params.filter];
    this.values = new Set(rule.params.values);
  }

  private fieldOf(ctx: EventContext, side: Side): string | null {
    const event = ctx.event;
    switch (this.rule.params.field) {
      case 'device':
        return event.channel?.deviceId ?? null;
      case 'ip':
        return event.channel?.ip ?? null;
      case 'counterparty':
        return ctx.counterpartyOf(side);
      case 'customer':
        return ctx.customerIdOf(side);
      case 'account':
        return ctx.accountOf(side);
      case 'purpose':
        return event.purpose;
    }
  }

  observe(ctx: EventContext, out: MonitoringAlert[]): void {
    const field = this.rule.params.field;
    for (const side of this.sides) {
      const customerId = ctx.customerIdOf(side);
      if (customerId === null) continue;
      const value = this.fieldOf(ctx, side);
      if (value === null || !this.values.has(value) || !this.filter(ctx, ctx.profileOf(side))) {
        continue;
      }
      const suffix = this.sides.length > 1 ? `:${sideName(side)}` : '';
      out.push(
        ruleAlert(this.info, ctx, customerId, `${customerId}${suffix}:${ctx.event.eventId}`, 1, {
          summary: `${this.info.id}: the ${field} ${value} of ${ctx.event.eventId} (customer ${customerId}) is on the rule's list.`,
          values: { [field]: value, amount: formatMoney(ctx.amount, ctx.currency) },
          thresholds: { listSize: this.values.size },
          eventIds: [ctx.event.eventId],
        }),
      );
    }
  }

  peek(ctx: EventContext, out: MonitoringAlert[]): void {
    this.observe(ctx, out);
  }
}
