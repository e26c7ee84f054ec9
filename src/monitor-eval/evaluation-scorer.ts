import { assert } from '../assert.js';
import type { MonitoredEvent } from '../monitor/monitored-event.js';
import type { EvaluationAlert } from './engine-port.js';
import { rulesFor } from './typology-rules.js';

/** Planted (or labelled) instances kept for scoring, at most. */
export const INSTANCES_MAX = 5_000_000;
/** Alert times of platform-wide alerts kept per rule, at most. */
export const PLATFORM_ALERT_TIMES_MAX = 100_000;
/** How long after its start a platform-wide instance may be detected. */
export const PLATFORM_DETECTION_MS_MAX = 3 * 86_400_000;

interface Instance {
  typology: string;
  scope: 'customer' | 'platform';
  atMs: number;
  customers: Set<string>;
  /** Built from labelled rows (files without instance records): parties are added per row. */
  implicit: boolean;
}

export interface TypologyScore {
  typology: string;
  instances: number;
  detected: number;
  recall: number | null;
  /** Rules that count for it (empty: any rule). */
  rules: string[];
}

export interface RuleScore {
  ruleId: string;
  alerts: number;
  alertsOnLabelled: number;
}

export interface EvaluationScore {
  customers: number;
  events: number;
  labelledEvents: number;
  labelledCustomers: number;
  alerts: number;
  alertsOnLabelled: number;
  platformAlerts: number;
  alertedCustomers: number;
  alertedLabelledCustomers: number;
  /** Alerted customers that are labelled / alerted customers. */
  customerPrecision: number | null;
  /** Customer alerts on labelled customers / customer alerts. */
  alertPrecision: number | null;
  alertsPerThousandCustomers: number;
  typologies: TypologyScore[];
  rules: RuleScore[];
}

/**
 * Scores a replay: which labelled instances got an alert on an involved customer from a rule
 * mapped to their typology (or any rule when the typology is not one of ours), and how many
 * alerted customers are labelled. Only alerts inside the window count. Pure: it is fed
 * records and alerts and never reads a file or a clock.
 */
export class EvaluationScorer {
  private readonly customers = new Set<string>();
  private readonly instances = new Map<string, Instance>();
  private readonly labelledCustomers = new Set<string>();
  /** customer → rule → latest alert time in the window and the number of alerts. */
  private readonly customerAlerts = new Map<
    string,
    Map<string, { lastAtMs: number; count: number }>
  >();
  private readonly platformAlerts = new Map<string, number[]>();
  private readonly ruleCounts = new Map<string, RuleScore>();
  private events = 0;
  private labelledEvents = 0;
  private alerts = 0;
  private platformAlertCount = 0;

  constructor(
    private windowStartMs = Number.NEGATIVE_INFINITY,
    private windowEndMs = Number.POSITIVE_INFINITY,
  ) {}

  setWindow(startMs: number, endMs: number): void {
    assert(startMs < endMs, 'the window is not empty');
    this.windowStartMs = startMs;
    this.windowEndMs = endMs;
  }

  addCustomer(customerId: string): void {
    this.customers.add(customerId);
  }

  addInstance(instance: {
    instanceId: string;
    typology: string;
    scope: 'customer' | 'platform';
    atMs: number;
    customerIds: readonly string[];
  }): void {
    assert(!this.instances.has(instance.instanceId), 'an instance is announced once');
    assert(this.instances.size < INSTANCES_MAX, 'too many instances');
    const customers = new Set(instance.customerIds);
    this.instances.set(instance.instanceId, { ...instance, customers, implicit: false });
    if (instance.scope === 'customer') for (const id of customers) this.labelledCustomers.add(id);
  }

  addEvent(event: MonitoredEvent, label: string | null, instanceId: string | null): void {
    this.events += 1;
    for (const id of [event.payerCustomerId, event.payeeCustomerId])
      if (id !== null) this.customers.add(id);
    if (label === null) return;
    this.labelledEvents += 1;
    const key = instanceId ?? `${label}:${event.payerCustomerId ?? event.payeeCustomerId ?? ''}`;
    let instance = this.instances.get(key);
    if (instance === undefined) {
      assert(this.instances.size < INSTANCES_MAX, 'too many instances');
      instance = {
        typology: label,
        scope: 'customer',
        atMs: event.atMs,
        customers: new Set(),
        implicit: true,
      };
      this.instances.set(key, instance);
    }
    if (!instance.implicit) return;
    for (const id of [event.payerCustomerId, event.payeeCustomerId]) {
      if (id === null) continue;
      instance.customers.add(id);
      this.labelledCustomers.add(id);
    }
  }

  addAlert(alert: EvaluationAlert): void {
    if (alert.atMs < this.windowStartMs || alert.atMs >= this.windowEndMs) return;
    this.alerts += 1;
    const rule = this.ruleCounts.get(alert.ruleId) ?? {
      ruleId: alert.ruleId,
      alerts: 0,
      alertsOnLabelled: 0,
    };
    this.ruleCounts.set(alert.ruleId, rule);
    rule.alerts += 1;
    if (alert.customerId === null) {
      this.platformAlertCount += 1;
      const times = this.platformAlerts.get(alert.ruleId) ?? [];
      if (times.length < PLATFORM_ALERT_TIMES_MAX) times.push(alert.atMs);
      this.platformAlerts.set(alert.ruleId, times);
      return;
    }
    const byRule = this.customerAlerts.get(alert.customerId) ?? new Map();
    this.customerAlerts.set(alert.customerId, byRule);
    const seen = byRule.get(alert.ruleId);
    if (seen === undefined) byRule.set(alert.ruleId, { lastAtMs: alert.atMs, count: 1 });
    else {
      seen.lastAtMs = Math.max(seen.lastAtMs, alert.atMs);
      seen.count += 1;
    }
  }

  score(): EvaluationScore {
    const typologies = new Map<string, TypologyScore>();
    for (const instance of this.instances.values()) {
      const rules = rulesFor(instance.typology);
      const entry = typologies.get(instance.typology) ?? {
        typology: instance.typology,
        instances: 0,
        detected: 0,
        recall: null,
        rules: rules === undefined ? [] : [...rules],
      };
      typologies.set(instance.typology, entry);
      entry.instances += 1;
      if (this.detected(instance, rules)) entry.detected += 1;
    }
    for (const entry of typologies.values())
      entry.recall = entry.instances === 0 ? null : entry.detected / entry.instances;
    let alertedLabelled = 0;
    let alertsOnLabelled = 0;
    for (const rule of this.ruleCounts.values()) rule.alertsOnLabelled = 0;
    for (const [id, byRule] of this.customerAlerts) {
      if (!this.labelledCustomers.has(id)) continue;
      alertedLabelled += 1;
      for (const [ruleId, seen] of byRule) {
        alertsOnLabelled += seen.count;
        const rule = this.ruleCounts.get(ruleId);
        assert(rule !== undefined, 'every customer alert was counted by rule');
        rule.alertsOnLabelled += seen.count;
      }
    }
    const alertedCustomers = this.customerAlerts.size;
    const customerAlerts = this.alerts - this.platformAlertCount;
    return {
      customers: this.customers.size,
      events: this.events,
      labelledEvents: this.labelledEvents,
      labelledCustomers: this.labelledCustomers.size,
      alerts: this.alerts,
      alertsOnLabelled,
      platformAlerts: this.platformAlertCount,
      alertedCustomers,
      alertedLabelledCustomers: alertedLabelled,
      customerPrecision: alertedCustomers === 0 ? null : alertedLabelled / alertedCustomers,
      alertPrecision: customerAlerts === 0 ? null : alertsOnLabelled / customerAlerts,
      alertsPerThousandCustomers:
        this.customers.size === 0 ? 0 : (this.alerts * 1000) / this.customers.size,
      typologies: [...typologies.values()].sort((x, y) => x.typology.localeCompare(y.typology)),
      rules: [...this.ruleCounts.values()].sort(
        (x, y) => y.alerts - x.alerts || x.ruleId.localeCompare(y.ruleId),
      ),
    };
  }

  private detected(instance: Instance, rules: ReadonlySet<string> | undefined): boolean {
    const counts = (ruleId: string) => rules === undefined || rules.has(ruleId);
    if (instance.scope === 'platform') {
      for (const [ruleId, times] of this.platformAlerts) {
        if (!counts(ruleId)) continue;
        const endMs = instance.atMs + PLATFORM_DETECTION_MS_MAX;
        if (times.some((atMs) => atMs >= instance.atMs && atMs < endMs)) return true;
      }
    }
    for (const customerId of instance.customers) {
      const byRule = this.customerAlerts.get(customerId);
      if (byRule === undefined) continue;
      for (const [ruleId, seen] of byRule)
        if (counts(ruleId) && seen.lastAtMs >= instance.atMs) return true;
    }
    return false;
  }
}
