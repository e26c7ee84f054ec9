import type { MonitoringAlert, RulePack } from '../../monitor/index.js';
import type { MonitoredEvent } from '../../monitor/index.js';
import { partitionOf, primaryPartition } from './partition.js';

type Rule = RulePack['rules'][number];

/**
 * Rules whose state is keyed by something several customers share (a device, an IP address,
 * the platform): their events cannot be split by customer. Rules keyed by the customer, one of
 * the customer's accounts or a counterparty of the customer keep their state under that
 * customer and split cleanly.
 */
export function isSharedKeyRule(rule: Rule): boolean {
  if (rule.template === 'aggregate')
    return (
      rule.params.keyBy === 'device' ||
      rule.params.keyBy === 'ip' ||
      rule.params.keyBy === 'platform'
    );
  if (rule.template === 'baseline_deviation') return rule.params.keyBy === 'platform';
  return false;
}

/** The pack a customer partition runs: shared-key rules disabled, typologies kept. */
export function customerScopedPack(pack: RulePack): RulePack {
  return {
    ...pack,
    rules: pack.rules.map((rule) => (isSharedKeyRule(rule) ? { ...rule, enabled: false } : rule)),
  };
}

/** The pack the shared-key evaluator runs: only shared-key rules, no typologies. */
export function sharedKeyPack(pack: RulePack): RulePack {
  return {
    ...pack,
    rules: pack.rules.map((rule) => (isSharedKeyRule(rule) ? rule : { ...rule, enabled: false })),
    typologies: [],
  };
}

/**
 * Whether partition `partition` writes an alert raised while it evaluated `event`. A transfer
 * between customers of two partitions is evaluated in both; each keeps the alerts about its
 * own customer, and the event's primary partition keeps those about no customer.
 */
export function ownsAlert(
  alert: MonitoringAlert,
  event: MonitoredEvent,
  partition: number,
  partitionCount: number,
): boolean {
  if (alert.customerId !== null) return partitionOf(alert.customerId, partitionCount) === partition;
  return primaryPartition(event, partitionCount) === partition;
}
