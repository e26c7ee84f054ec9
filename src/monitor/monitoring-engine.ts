import { assert, AssertionError } from '../assert.js';
import type { MonitoringAlert, SyncDecision } from './alert.js';
import { compileRule } from './compile-rules.js';
import type { CustomerState } from './customer-state.js';
import { CustomerStore, type EvictionCounts } from './customer-store.js';
import { CUSTODY_KEY_SEPARATOR, type EngineParts } from './engine-parts.js';
import { restoreParts, snapshotParts, type EngineSnapshot } from './engine-snapshot.js';
import { EventContext, SHARED } from './event-context.js';
import { EventGates } from './event-gates.js';
import { FxRateBook } from './fx-rate-book.js';
import {
  ALERT_KEYS_MAX,
  CUSTOMERS_MAX_DEFAULT,
  KEYS_PER_CUSTOMER_MAX_DEFAULT,
  RULE_ERROR_ALERT_INTERVAL_MS,
} from './limits.js';
import type { CustomerProfile, MonitoredEvent } from './monitored-event.js';
import type { RuleEvaluator, RuleInfo } from './rule-evaluator.js';
import { validateRulePack, type RulePack } from './rule-pack.js';
import { TypologyScorer } from './typology-scorer.js';
import { NONE_MS } from './key-state.js';

export interface EngineOptions {
  customersMax?: number;
  keysPerCustomerMax?: number;
  /** When given, events more than FUTURE_SKEW_MS_MAX ahead of this clock are refused. */
  nowMs?: () => number;
  /**
   * Rates to CNY for thresholds a rule converts (`otherCurrenciesVia`); may be shared by
   * several engines and replaced while they run. Default: none, so such thresholds decide only
   * in the currencies the rule names.
   */
  fxRates?: FxRateBook;
}

export interface EngineStats {
  events: number;
  alerts: number;
  customers: number;
  ruleErrors: Record<string, number>;
  lateEvents: number;
  futureEvents: number;
  evictions: EvictionCounts;
  approxBytes: number;
}

/**
 * A rule alert another engine raised on the same event, for a rule this engine does not run
 * (in scale-out, the shared-key rules evaluated beside the publisher). Its platform is the
 * event's.
 */
export type ExternalRuleAlert = Pick<
  MonitoringAlert,
  'alertKey' | 'ruleId' | 'customerId' | 'score' | 'atMs'
>;

export interface ObserveOptions {
  /**
   * New alerts of the same event evaluated elsewhere: recorded as outcomes for the typologies
   * exactly as if this engine had raised them, and not returned again.
   */
  externalRuleAlerts?: readonly ExternalRuleAlert[];
}

/** How far ahead of options.nowMs() an event may be (clock skew between hosts). */
export const FUTURE_SKEW_MS_MAX = 5 * 60_000;

/**
 * The real-time monitoring engine: pure and in memory. check() decides before posting from
 * sync rules and typology interdiction; observe() updates windowed state after posting and
 * returns new alerts. Time is event time throughout, so the same events in the same order give
 * the same alerts, and snapshot() → restore() continues a stream exactly.
 */
export class MonitoringEngine {
  private readonly pack: RulePack;
  private readonly rules: RuleEvaluator[];
  private readonly parts: EngineParts;
  private readonly ctx: EventContext;
  private readonly scorer: TypologyScorer;
  private readonly gates: EventGates;
  private readonly scratch: MonitoringAlert[] = [];
  private readonly nowMs: (() => number) | undefined;

  constructor(pack: RulePack, options: EngineOptions = {}) {
    const validation = validateRulePack(pack);
    assert(
      validation.ok,
      `the rule pack is invalid: ${JSON.stringify(validation.ok || validation.issues)}`,
    );
    this.pack = validation.pack;
    this.rules = this.pack.rules.map(compileRule).filter((rule) => rule.info.enabled);
    this.gates = new EventGates(this.rules);
    const store = new CustomerStore({
      customersMax: options.customersMax ?? CUSTOMERS_MAX_DEFAULT,
      keysPerCustomerMax: options.keysPerCustomerMax ?? KEYS_PER_CUSTOMER_MAX_DEFAULT,
    });
    const custody = new Map<string, bigint>();
    this.parts = {
      store,
      custody,
      alertKeys: new Set(),
      ruleErrors: new Map(),
      ruleErrorHours: new Map(),
      counters: { events: 0, alerts: 0, lateEvents: 0, futureEvents: 0 },
    };
    this.ctx = new EventContext(store, custody, options.fxRates ?? new FxRateBook());
    this.scorer = new TypologyScorer(this.pack);
    this.nowMs = options.nowMs;
  }

  /**
   * Records a profile. A closure it newly records (closedAtMs set or changed) is decided by
   * the rules that look back at closure (flows before closure); their new alerts are returned.
   */
  upsertProfile(profile: CustomerProfile): MonitoringAlert[] {
    const store = this.parts.store;
    const previous = store.peekProfile(profile.platformId, profile.customerId);
    store.upsertProfile(profile);
    const closedAtMs = profile.closedAtMs;
    if (closedAtMs === undefined || previous?.closedAtMs === closedAtMs) return [];
    const customer = store.peek(profile.platformId, profile.customerId);
    if (customer === undefined) return [];
    const found: MonitoringAlert[] = [];
    for (const rule of this.rules) {
      if (rule.closure === undefined) continue;
      try {
        rule.closure(this.ctx, customer, found);
      } catch (error) {
        if (error instanceof AssertionError) throw error;
        this.parts.ruleErrors.set(rule.info.id, (this.parts.ruleErrors.get(rule.info.id) ?? 0) + 1);
      }
    }
    const result: MonitoringAlert[] = [];
    for (const alert of found) {
      if (!this.remember(alert.alertKey)) continue;
      result.push(alert);
      this.recordOutcome(alert, alert.explanation.eventIds.at(-1) ?? '');
    }
    const scratch = this.scratch;
    scratch.length = 0;
    if (result.length > 0) this.scorer.alertsFor(customer, closedAtMs, scratch);
    for (const alert of scratch) if (this.remember(alert.alertKey)) result.push(alert);
    scratch.length = 0;
    this.parts.counters.alerts += result.length;
    return result;
  }

  setCustodyBalance(platformId: string, currency: string, balanceMinor: bigint): void {
    this.parts.custody.set(platformId + CUSTODY_KEY_SEPARATOR + currency, balanceMinor);
  }

  /** Synchronous pre-posting check of sync-mode rules: does not change state. */
  check(event: MonitoredEvent): SyncDecision {
    const ctx = this.ctx;
    ctx.prepare(event, false);
    const gates = this.gates;
    gates.reset();
    const alerts: MonitoringAlert[] = [];
    const rules = this.rules;
    for (let position = 0; position < rules.length; position += 1) {
      const rule = rules[position] as RuleEvaluator;
      if (!rule.info.sync || !gates.mayConcern(position, ctx)) continue;
      try {
        rule.peek(ctx, alerts);
      } catch (error) {
        // A broken sync rule holds the instruction for a person rather than letting it pass.
        if (error instanceof AssertionError) throw error;
        alerts.push(this.ruleErrorAlert(rule.info, error, 1));
      }
    }
    this.interdictions(alerts);
    if (alerts.length === 0) return { action: 'allow' };
    const reject = alerts.some((alert) => this.syncActionOf(alert.ruleId) === 'reject');
    return { action: reject ? 'reject' : 'hold', alerts };
  }

  /**
   * After posting: updates windowed state, evaluates async rules and typologies, returns new
   * alerts. options.externalRuleAlerts join this engine's own rule alerts before the typologies
   * are scored.
   */
  observe(event: MonitoredEvent, options?: ObserveOptions): MonitoringAlert[] {
    const counters = this.parts.counters;
    if (this.nowMs !== undefined && event.atMs > this.nowMs() + FUTURE_SKEW_MS_MAX) {
      counters.futureEvents += 1;
      return [];
    }
    counters.events += 1;
    const ctx = this.ctx;
    ctx.prepare(event, true);
    const gates = this.gates;
    gates.reset();
    const scratch = this.scratch;
    scratch.length = 0;
    const rules = this.rules;
    for (let position = 0; position < rules.length; position += 1) {
      const rule = rules[position] as RuleEvaluator;
      if (!gates.mayConcern(position, ctx)) continue;
      try {
        rule.observe(ctx, scratch);
      } catch (error) {
        if (error instanceof AssertionError) throw error;
        this.ruleFailed(rule.info, error, scratch);
      }
    }
    if (ctx.late) counters.lateEvents += 1;
    markActivity(ctx.payer, ctx.atMs);
    markActivity(ctx.payee, ctx.atMs);
    const result: MonitoringAlert[] = [];
    let changed: CustomerState | undefined;
    let changedOther: CustomerState | undefined;
    for (const alert of scratch) {
      if (!this.remember(alert.alertKey)) continue;
      result.push(alert);
      const customer = this.recordOutcome(alert, ctx.event.eventId);
      if (customer === undefined || customer === changed || customer === changedOther) continue;
      if (changed === undefined) changed = customer;
      else changedOther = customer;
    }
    for (const alert of options?.externalRuleAlerts ?? []) {
      const customer = this.recordExternalOutcome(alert);
      if (customer === undefined || customer === changed || customer === changedOther) continue;
      if (changed === undefined) changed = customer;
      else changedOther = customer;
    }
    scratch.length = 0;
    if (changed !== undefined) this.scorer.alertsFor(changed, ctx.atMs, scratch);
    if (changedOther !== undefined) this.scorer.alertsFor(changedOther, ctx.atMs, scratch);
    for (const alert of scratch) if (this.remember(alert.alertKey)) result.push(alert);
    scratch.length = 0;
    counters.alerts += result.length;
    return result;
  }

  stats(): EngineStats {
    const { store, counters, ruleErrors } = this.parts;
    return {
      events: counters.events,
      alerts: counters.alerts,
      customers: store.customers.size,
      ruleErrors: Object.fromEntries(ruleErrors),
      lateEvents: counters.lateEvents,
      futureEvents: counters.futureEvents,
      evictions: { ...store.evicted },
      approxBytes: store.approxBytes() + this.parts.alertKeys.size * 100,
    };
  }

  snapshot(): EngineSnapshot {
    return snapshotParts(this.parts, this.pack, this.scorer);
  }

  static restore(
    pack: RulePack,
    snapshot: EngineSnapshot,
    options?: EngineOptions,
  ): MonitoringEngine {
    const engine = new MonitoringEngine(pack, options);
    restoreParts(engine.parts, engine.pack, engine.scorer, snapshot);
    return engine;
  }

  /**
   * Test hook only: replaces a rule's evaluation with `evaluate` (for example one that throws,
   * to exercise rule isolation). Production code never calls this.
   */
  testOnlyReplaceRuleEvaluator(ruleId: string, evaluate: (event: MonitoredEvent) => void): void {
    const position = this.rules.findIndex((rule) => rule.info.id === ruleId);
    const original = this.rules[position];
    assert(original !== undefined, `no enabled rule ${ruleId}`);
    const replacement: RuleEvaluator = {
      info: original.info,
      observe: (ctx) => evaluate(ctx.event),
      peek: (ctx) => evaluate(ctx.event),
    };
    this.rules[position] = replacement;
    this.gates.replace(position, replacement);
  }

  private syncActionOf(ruleId: string): 'hold' | 'reject' {
    return this.rules.find((rule) => rule.info.id === ruleId)?.info.syncAction ?? 'hold';
  }

  /** Adds a key to the bounded dedupe set; false when it was already there. */
  private remember(alertKey: string): boolean {
    const keys = this.parts.alertKeys;
    if (keys.has(alertKey)) return false;
    keys.add(alertKey);
    if (keys.size > ALERT_KEYS_MAX) {
      const oldest = keys.values().next().value;
      if (oldest !== undefined) keys.delete(oldest);
    }
    return true;
  }

  private customerOf(alert: MonitoringAlert): CustomerState | undefined {
    const { payer, payee } = this.ctx;
    if (alert.customerId === null) return undefined;
    if (payer?.customerId === alert.customerId) return payer;
    if (payee?.customerId === alert.customerId) return payee;
    return this.parts.store.peek(alert.platformId, alert.customerId);
  }

  private recordOutcome(alert: MonitoringAlert, eventId: string): CustomerState | undefined {
    if (alert.source !== 'rule') return undefined;
    const index = this.scorer.outcomeIndex.get(alert.ruleId);
    if (index === undefined) return undefined;
    const customer = this.customerOf(alert);
    if (customer === undefined) return undefined;
    const outcomes = (customer.outcomes ??= []);
    outcomes[index] = { score: alert.score, atMs: alert.atMs, eventId };
    return customer;
  }

  /**
   * observe() for an alert raised on the current event by another engine: deduplicated and
   * recorded like one of this engine's (the same customer, the event's id), never returned. An
   * outcome of a rule this engine runs itself is ignored: its own evaluation decides.
   */
  private recordExternalOutcome(alert: ExternalRuleAlert): CustomerState | undefined {
    if (this.rules.some((rule) => rule.info.id === alert.ruleId)) return undefined;
    if (!this.remember(alert.alertKey)) return undefined;
    const index = this.scorer.outcomeIndex.get(alert.ruleId);
    if (index === undefined || alert.customerId === null) return undefined;
    const { payer, payee, event } = this.ctx;
    const customer =
      payer?.customerId === alert.customerId
        ? payer
        : payee?.customerId === alert.customerId
          ? payee
          : this.parts.store.peek(event.platformId, alert.customerId);
    if (customer === undefined) return undefined;
    const outcomes = (customer.outcomes ??= []);
    outcomes[index] = { score: alert.score, atMs: alert.atMs, eventId: event.eventId };
    return customer;
  }

  /** Typology interdiction inside check(): stored outcomes plus what this event would add. */
  private interdictions(alerts: MonitoringAlert[]): void {
    if (this.scorer.typologies.length === 0) return;
    const ctx = this.ctx;
    for (const customer of [ctx.payer, ctx.payee === ctx.payer ? undefined : ctx.payee]) {
      if (customer === undefined) continue;
      const outcomes = customer.outcomes === null ? [] : customer.outcomes.slice();
      for (const alert of alerts) {
        const index = this.scorer.outcomeIndex.get(alert.ruleId);
        if (index === undefined || alert.customerId !== customer.customerId) continue;
        outcomes[index] = { score: alert.score, atMs: ctx.atMs, eventId: ctx.event.eventId };
      }
      if (outcomes.length === 0) continue;
      const scores = this.scorer.score(outcomes, ctx.atMs);
      for (const typology of this.scorer.typologies) {
        const score = scores[typology.index] ?? 0;
        if (score < typology.def.interdictionThreshold) continue;
        alerts.push(
          this.scorer.alert(typology, customer, score, ctx.atMs, 'interdiction', outcomes),
        );
      }
    }
  }

  private ruleFailed(info: RuleInfo, error: unknown, out: MonitoringAlert[]): void {
    const errors = this.parts.ruleErrors;
    const count = (errors.get(info.id) ?? 0) + 1;
    errors.set(info.id, count);
    const hour = Math.floor(this.ctx.atMs / RULE_ERROR_ALERT_INTERVAL_MS);
    if (this.parts.ruleErrorHours.get(info.id) === hour) return;
    this.parts.ruleErrorHours.set(info.id, hour);
    out.push(this.ruleErrorAlert(info, error, count));
  }

  private ruleErrorAlert(info: RuleInfo, error: unknown, count: number): MonitoringAlert {
    const ctx = this.ctx;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const hourStartMs =
      Math.floor(ctx.atMs / RULE_ERROR_ALERT_INTERVAL_MS) * RULE_ERROR_ALERT_INTERVAL_MS;
    return {
      alertKey: `engine.rule_error:${ctx.event.platformId}:${info.id}:${hourStartMs}`,
      platformId: ctx.event.platformId,
      source: 'rule',
      ruleId: 'engine.rule_error',
      ruleVersion: 1,
      severity: 'high',
      customerId: ctx.customerIdOf(SHARED),
      score: 1,
      atMs: ctx.atMs,
      explanation: {
        summary: `Rule ${info.id} (version ${info.version}) failed on ${ctx.event.eventId} and was skipped: ${message}`,
        values: { ruleId: info.id, error: message, errorsSoFar: count },
        thresholds: { alertsPerRuleEveryMs: RULE_ERROR_ALERT_INTERVAL_MS },
        eventIds: [ctx.event.eventId],
      },
    };
  }
}

function markActivity(customer: CustomerState | undefined, atMs: number): void {
  if (customer === undefined) return;
  if (customer.firstActivityMs === NONE_MS || atMs < customer.firstActivityMs) {
    customer.firstActivityMs = atMs;
  }
  if (atMs > customer.lastActivityMs) customer.lastActivityMs = atMs;
}
