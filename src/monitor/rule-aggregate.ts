import type { MonitoringAlert } from './alert.js';
import {
  allowedCurrencies,
  amountThresholdIn,
  compileConditions,
  COUNT,
  describeValue,
  FIELDS,
  keptFields,
  MAX,
  NET,
  SUM,
  type CompiledCondition,
  type DistinctField,
} from './aggregate-conditions.js';
import { compileFilter, type EventPredicate } from './compiled-filter.js';
import { countDistinct, touchDistinct } from './distinct-set.js';
import type { CustomerState } from './customer-state.js';
import { IN, SHARED, type EventContext, type Side } from './event-context.js';
import { NONE_MS, type AggregateState, type DistinctSet } from './key-state.js';
import { recentIds } from './event-chain.js';
import { emptyList } from './exact-array.js';
import { KeyPrefix } from './key-prefix.js';
import { DAY_MS, KEY_EVENT_IDS_MAX } from './limits.js';
import type { CustomerProfile } from './monitored-event.js';
import type { RuleDefinition } from './rule-definition.js';
import type { EventFilter } from './rule-schema-parts.js';
import {
  rememberEvent,
  ruleAlertAt,
  scoreOf,
  sideName,
  sidesOf,
  type RuleEvaluator,
  type RuleInfo,
} from './rule-evaluator.js';
import { addToBucket, advanceNewestBucket, windowTotals } from './window-buckets.js';

type AggregateRuleDefinition = Extract<RuleDefinition, { template: 'aggregate' }>;

/**
 * Where a decision is taken: at an event (its time, currency and subject; `pending` in check(),
 * where the event is counted without being stored) or at a closure recorded in a profile.
 */
interface DecisionPoint {
  platformId: string;
  atMs: number;
  currency: string;
  side: Side;
  profile: CustomerProfile | undefined;
  pending: boolean;
}

/**
 * Windowed aggregates (count, sum, max, net flow, distinct count, ratio) per key.
 *
 * Approximation: a sliding window of W = windowMs is kept as W / bucketMs + 1 buckets, so the
 * totals read at time t cover every event in (t − W, t] and possibly events up to one bucket
 * older: exact(t − W) ≤ approx ≤ exact(t − W − bucketMs). The rule may fire up to one bucket
 * early, never late. Distinct counts keep each value's last-seen time exactly and are exact as
 * long as the window holds at most DISTINCT_SET_MAX values; beyond that they report at least
 * DISTINCT_SET_MAX, and thresholds are validated ≤ DISTINCT_SET_MAX, so decisions stay exact.
 */
export class AggregateRule implements RuleEvaluator {
  readonly eventFilters: readonly EventFilter[];
  private readonly sides: readonly Side[];
  private readonly filter: EventPredicate;
  private readonly slotFilters: (EventPredicate | null)[];
  /** The fields each slot of a bucket keeps (keptFields); totals always hold every field. */
  private readonly fields: readonly number[];
  /** No condition reads a bucket field (distinct counts only): no buckets, no totals. */
  private readonly bucketless: boolean;
  private readonly conditions: CompiledCondition[];
  private readonly distinctFields: DistinctField[];
  private readonly currencies: Set<string> | null;
  private readonly currencyKeyed: boolean;
  private readonly totals: Float64Array;
  private readonly bucketMs: number;
  private readonly offsetMs: number;
  private readonly keepBuckets: number;
  private readonly windowMs: number;
  private readonly calendar: boolean;
  private readonly perSide: boolean;
  private readonly atClosure: boolean;
  /** Keys of device, IP and platform state: `${index}|${currency}|${platform}|d:` + device. */
  private readonly sharedPrefix: KeyPrefix;
  /** The decision point of run(), reused: it lives only until the alert is built. */
  private readonly point: DecisionPoint = {
    platformId: '',
    atMs: 0,
    currency: '',
    side: IN,
    profile: undefined,
    pending: false,
  };

  constructor(
    readonly info: RuleInfo,
    private readonly rule: AggregateRuleDefinition,
  ) {
    const params = rule.params;
    const shared =
      params.keyBy === 'device' || params.keyBy === 'ip' || params.keyBy === 'platform';
    this.sides = sidesOf(params.direction, shared);
    this.perSide = params.direction === 'each';
    const tag = params.keyBy === 'device' ? 'd:' : params.keyBy === 'ip' ? 'i:' : 'p';
    this.sharedPrefix = new KeyPrefix(info.index, tag);
    this.filter = compileFilter(params.filter);
    this.eventFilters = [params.filter];
    const compiled = compileConditions(params.conditions);
    this.conditions = compiled.conditions;
    this.slotFilters = compiled.slotFilters;
    this.fields = keptFields(this.conditions);
    this.bucketless = this.fields.length === 0;
    this.distinctFields = compiled.distinctFields;
    this.currencies = allowedCurrencies(this.conditions, params.combine);
    this.currencyKeyed = this.conditions.some(
      (condition) => condition.measure !== 'count' && condition.measure !== 'distinct_count',
    );
    this.totals = new Float64Array(this.slotFilters.length * FIELDS);
    const window = params.window;
    this.calendar = window.kind === 'calendar_day';
    this.bucketMs = window.kind === 'sliding' ? window.bucketMs : DAY_MS;
    this.offsetMs = window.kind === 'calendar_day' ? window.utcOffsetMinutes * 60_000 : 0;
    this.keepBuckets = window.kind === 'sliding' ? window.windowMs / window.bucketMs + 1 : 1;
    this.windowMs = window.kind === 'sliding' ? window.windowMs : DAY_MS;
    this.atClosure = params.decideAt === 'closure';
  }

  observe(ctx: EventContext, out: MonitoringAlert[]): void {
    this.run(ctx, out);
  }

  peek(ctx: EventContext, out: MonitoringAlert[]): void {
    this.run(ctx, out);
  }

  private run(ctx: EventContext, out: MonitoringAlert[]): void {
    if (this.currencies !== null && !this.currencies.has(ctx.currency)) return;
    for (const side of this.sides) {
      const profile = ctx.profileOf(side);
      if (!this.filter(ctx, profile)) continue;
      const key = this.keyOf(ctx, side);
      if (key === null) continue;
      const idx = Math.floor((ctx.atMs + this.offsetMs) / this.bucketMs);
      let state = this.stateOf(ctx, side, key);
      let lastIdx = idx;
      if (ctx.mutate) {
        if (state === undefined) state = this.createState(ctx, side, key);
        const fields = this.fields;
        const counted = this.bucketless
          ? advanceNewestBucket(state, idx, this.keepBuckets)
          : addToBucket(state, idx, this.keepBuckets, this.slotFilters, ctx, profile, side, fields);
        if (!counted) {
          ctx.late = true;
          continue;
        }
        state.seenMs = Math.max(state.seenMs, ctx.atMs);
        rememberEvent(state, ctx, KEY_EVENT_IDS_MAX);
        this.touchDistinctSets(state, ctx, side);
        lastIdx = state.last;
        this.sumWindow(state, lastIdx, null, ctx, profile, side);
      } else {
        this.sumWindow(state, idx, this.slotFilters, ctx, profile, side);
      }
      if ((state?.untilMs ?? NONE_MS) > ctx.atMs) continue;
      const closedAtMs = this.atClosure ? closureToDecide(profile, ctx.atMs, this.windowMs) : null;
      if (this.atClosure && closedAtMs === null) continue;
      const point = this.point;
      point.platformId = ctx.event.platformId;
      point.atMs = ctx.atMs;
      point.currency = ctx.currency;
      point.side = side;
      point.profile = profile;
      point.pending = !ctx.mutate;
      const score = this.decide(state, ctx, point);
      if (score === 0) continue;
      if (ctx.mutate && state !== undefined) state.untilMs = this.cooldownEnd(ctx.atMs, lastIdx);
      const episode = closedAtMs === null ? null : `closure:${closedAtMs}`;
      out.push(this.alert(ctx, point, key, state, score, lastIdx, episode));
    }
  }

  /**
   * A closure just recorded in the customer's profile: decides over the window ending at the
   * closure, in every currency the customer has state in (rules with decideAt closure only).
   */
  closure(ctx: EventContext, customer: CustomerState, out: MonitoringAlert[]): void {
    const profile = customer.profile;
    const closedAtMs = profile?.closedAtMs;
    if (!this.atClosure || closedAtMs === undefined || customer.slots === null) return;
    const slot = this.info.index * 2;
    for (const [currencyKey, slots] of customer.slots) {
      const state = ctx.store.slotIn(slots, currencyKey, slot) as AggregateState | undefined;
      if (state === undefined || state.untilMs > closedAtMs) continue;
      const lastIdx = Math.floor((closedAtMs + this.offsetMs) / this.bucketMs);
      this.sumWindow(state, lastIdx, null, ctx, profile, IN);
      const point: DecisionPoint = {
        platformId: customer.platformId,
        atMs: closedAtMs,
        currency: currencyKey,
        side: IN,
        profile,
        pending: false,
      };
      const score = this.decide(state, ctx, point);
      if (score === 0) continue;
      state.untilMs = this.cooldownEnd(closedAtMs, lastIdx);
      const episode = `closure:${closedAtMs}`;
      out.push(this.alert(ctx, point, '', state, score, lastIdx, episode, customer.customerId));
    }
  }

  /**
   * Fills `totals` over the window ending at bucket `lastIdx`; `slotFilters` adds a pending
   * event that is not in the buckets. Rules that read no bucket field keep no buckets.
   */
  private sumWindow(
    state: AggregateState | undefined,
    lastIdx: number,
    slotFilters: (EventPredicate | null)[] | null,
    ctx: EventContext,
    profile: CustomerProfile | undefined,
    side: Side,
  ): void {
    if (this.bucketless) return;
    const { keepBuckets, totals, fields } = this;
    windowTotals(state, lastIdx, keepBuckets, totals, slotFilters, ctx, profile, side, fields);
  }

  /** The key within its store, or null when the event has no such subject. */
  private keyOf(ctx: EventContext, side: Side): string | null {
    const params = this.rule.params;
    const index = this.info.index;
    const currencyKey = this.currencyKeyed ? ctx.currency : '';
    const sideKey = this.perSide ? side : 0;
    switch (params.keyBy) {
      case 'customer':
        return ctx.customerIdOf(side) === null ? null : '';
      case 'account': {
        const account = ctx.accountOf(side);
        if (account === null || ctx.customerIdOf(side) === null) return null;
        return `${index}|${sideKey}|${currencyKey}|a:${account}`;
      }
      case 'counterparty': {
        const other = ctx.counterpartyOf(side);
        if (other === null || ctx.customerIdOf(side) === null) return null;
        return `${index}|${sideKey}|${currencyKey}|c:${other}`;
      }
      case 'device': {
        const device = ctx.event.channel?.deviceId;
        return device === undefined
          ? null
          : this.sharedPrefix.of(currencyKey, ctx.event.platformId) + device;
      }
      case 'ip': {
        const ip = ctx.event.channel?.ip;
        return ip === undefined
          ? null
          : this.sharedPrefix.of(currencyKey, ctx.event.platformId) + ip;
      }
      case 'platform':
        return this.sharedPrefix.of(currencyKey, ctx.event.platformId);
    }
  }

  private stateOf(ctx: EventContext, side: Side, key: string): AggregateState | undefined {
    const keyBy = this.rule.params.keyBy;
    if (side === SHARED) {
      const found = ctx.mutate ? ctx.store.getShared(key) : ctx.store.peekShared(key);
      return found as AggregateState | undefined;
    }
    const customer = ctx.stateOf(side);
    if (customer === undefined) return undefined;
    if (keyBy === 'customer') {
      const slot = this.info.index * 2 + (this.perSide ? side : 0);
      const currencyKey = this.currencyKeyed ? ctx.currency : '';
      return ctx.store.getSlot(customer, currencyKey, slot) as AggregateState | undefined;
    }
    return ctx.store.getOther(customer, key) as AggregateState | undefined;
  }

  private createState(ctx: EventContext, side: Side, key: string): AggregateState {
    const state: AggregateState = {
      t: 'agg',
      seenMs: ctx.atMs,
      last: 0,
      b: emptyList(),
      v: emptyList(),
      recent: null,
      ds: this.freshDistinctSets(),
      untilMs: NONE_MS,
    };
    if (side === SHARED) {
      ctx.store.setShared(key, state);
      return state;
    }
    const customer = ctx.stateOf(side);
    if (customer === undefined) return state;
    if (this.rule.params.keyBy === 'customer') {
      const slot = this.info.index * 2 + (this.perSide ? side : 0);
      ctx.store.setSlot(customer, this.currencyKeyed ? ctx.currency : '', slot, state);
    } else {
      ctx.store.setOther(customer, key, state);
    }
    return state;
  }

  private freshDistinctSets(): DistinctSet[] | null {
    const count = this.distinctFields.length;
    if (count === 0) return null;
    const sets = new Array<DistinctSet>(count);
    for (let index = 0; index < count; index += 1)
      sets[index] = { v: emptyList(), at: emptyList() };
    return sets;
  }

  private touchDistinctSets(state: AggregateState, ctx: EventContext, side: Side): void {
    const sets = state.ds;
    if (sets === null) return;
    for (let index = 0; index < sets.length; index += 1) {
      const value = distinctValue(this.distinctFields[index] ?? 'customer', ctx, side);
      const set = sets[index];
      if (value !== null && set !== undefined)
        touchDistinct(set, value, ctx.atMs, ctx.distinctLists);
    }
  }

  private distinctFromMs(atMs: number): number {
    if (!this.calendar) return atMs - this.windowMs + 1;
    return Math.floor((atMs + this.offsetMs) / DAY_MS) * DAY_MS - this.offsetMs;
  }

  /** Observed value of one condition (totals already hold the window). */
  private observed(
    condition: CompiledCondition,
    state: AggregateState | undefined,
    ctx: EventContext,
    point: DecisionPoint,
  ): number {
    const totals = this.totals;
    const base = condition.slot * FIELDS;
    switch (condition.measure) {
      case 'count':
        return totals[base + COUNT] ?? 0;
      case 'sum':
        return totals[base + SUM] ?? 0;
      case 'max':
        return totals[base + MAX] ?? 0;
      case 'net_inflow':
        return totals[base + NET] ?? 0;
      case 'net_outflow':
        return -(totals[base + NET] ?? 0);
      case 'ratio': {
        const field = condition.ofSum ? SUM : COUNT;
        const whole = totals[field] ?? 0;
        return whole > 0 ? (totals[base + field] ?? 0) / whole : 0;
      }
      case 'distinct_count': {
        const set = state?.ds?.[condition.distinctIndex];
        const fromMs = this.distinctFromMs(point.atMs);
        const extra = point.pending
          ? distinctValue(condition.distinctOf ?? 'customer', ctx, point.side)
          : null;
        return set === undefined ? (extra === null ? 0 : 1) : countDistinct(set, fromMs, extra);
      }
    }
  }

  private thresholdOf(condition: CompiledCondition, ctx: EventContext, point: DecisionPoint) {
    if (condition.measure === 'count' || condition.measure === 'distinct_count') {
      return condition.atLeast;
    }
    if (condition.measure === 'ratio') {
      return (this.totals[COUNT] ?? 0) >= condition.minCount ? condition.atLeast : NaN;
    }
    return amountThresholdIn(
      condition,
      point.currency,
      point.profile,
      ctx,
      point.platformId,
      point.atMs,
    );
  }

  /** The rule's score when it fires (min over conditions for all, max for any), else 0. */
  private decide(
    state: AggregateState | undefined,
    ctx: EventContext,
    point: DecisionPoint,
  ): number {
    const all = this.rule.params.combine === 'all';
    let score = all ? 1 : 0;
    for (const condition of this.conditions) {
      const threshold = this.thresholdOf(condition, ctx, point);
      const value = this.observed(condition, state, ctx, point);
      const met = value >= threshold;
      if (all && !met) return 0;
      if (!met) continue;
      const conditionScore = scoreOf(value, threshold);
      score = all ? Math.min(score, conditionScore) : Math.max(score, conditionScore);
    }
    return score;
  }

  private cooldownEnd(atMs: number, lastIdx: number): number {
    if (!this.calendar) return atMs + this.windowMs;
    return (lastIdx + 1) * DAY_MS - this.offsetMs;
  }

  private alert(
    ctx: EventContext,
    point: DecisionPoint,
    key: string,
    state: AggregateState | undefined,
    score: number,
    lastIdx: number,
    episode: string | null,
    subjectId?: string,
  ): MonitoringAlert {
    const params = this.rule.params;
    const side = point.side;
    const customerId = params.keyBy === 'platform' ? null : (subjectId ?? ctx.customerIdOf(side));
    const windowStartMs = (lastIdx - this.keepBuckets + 1) * this.bucketMs - this.offsetMs;
    const subject = subjectLabel(params.keyBy, customerId, key, side, this.perSide);
    const values: Record<string, string | number> = {};
    const thresholds: Record<string, string | number> = {};
    const parts: string[] = [];
    for (const condition of this.conditions) {
      const value = this.observed(condition, state, ctx, point);
      const threshold = this.thresholdOf(condition, ctx, point);
      values[condition.label] = describeValue(condition, value, point.currency);
      thresholds[condition.label] = Number.isNaN(threshold)
        ? 'not applicable'
        : describeValue(condition, threshold, point.currency);
      parts.push(
        `${condition.label} ${values[condition.label]} (at least ${thresholds[condition.label]})`,
      );
    }
    const windowText = this.calendar ? 'the calendar day' : `${this.windowMs / 3_600_000} h`;
    const before = episode === null ? '' : ' before the closure recorded in the profile';
    thresholds['windowMs'] = this.windowMs;
    values['windowStartMs'] = windowStartMs;
    const eventIds =
      state === undefined ? [] : recentIds(state.recent, KEY_EVENT_IDS_MAX, windowStartMs);
    if (point.pending) eventIds.push(ctx.event.eventId);
    return ruleAlertAt(
      this.info,
      point.platformId,
      point.atMs,
      customerId,
      `${subject}:${episode ?? windowStartMs}`,
      score,
      {
        summary: `${this.info.id} for ${subject} over ${windowText}${before}: ${parts.join('; ')}.`,
        values,
        thresholds,
        eventIds,
      },
    );
  }
}

/**
 * For rules deciding at closure: the recorded closure when the event lies at or after it and
 * within one window of it (a movement after the closure still looks back at the flows before
 * it), else null.
 */
function closureToDecide(
  profile: CustomerProfile | undefined,
  atMs: number,
  windowMs: number,
): number | null {
  const closedAtMs = profile?.closedAtMs;
  if (closedAtMs === undefined || atMs < closedAtMs || atMs - closedAtMs >= windowMs) return null;
  return closedAtMs;
}

function distinctValue(field: DistinctField, ctx: EventContext, side: Side): string | null {
  const channel = ctx.event.channel;
  switch (field) {
    case 'counterparty':
      return ctx.counterpartyOf(side);
    case 'customer':
      return ctx.customerIdOf(side);
    case 'device':
      return channel?.deviceId ?? null;
    case 'ip':
      return channel?.ip ?? null;
    case 'account':
      return ctx.accountOf(side);
  }
}

function subjectLabel(
  keyBy: string,
  customerId: string | null,
  key: string,
  side: Side,
  perSide: boolean,
): string {
  const suffix = perSide ? `:${sideName(side)}` : '';
  const tail = key.slice(key.lastIndexOf('|') + 1);
  if (keyBy === 'customer') return `${customerId ?? ''}${suffix}`;
  if (keyBy === 'platform') return 'platform';
  if (keyBy === 'device' || keyBy === 'ip') return tail;
  return `${customerId ?? ''}:${tail}${suffix}`;
}
