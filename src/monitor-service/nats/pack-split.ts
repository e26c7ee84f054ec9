import type {
  ExternalRuleAlert,
  MonitoredEvent,
  MonitoringAlert,
  RulePack,
} from '../../monitor/index.js';
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

/** The pack the publisher runs: only shared-key rules, no typologies. */
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

/** The rules some typology of the pack names (typology members that are typologies excluded). */
export function typologyRuleIds(pack: RulePack): Set<string> {
  const typologies = new Set(pack.typologies.map((typology) => typology.id));
  const ruleIds = new Set<string>();
  for (const typology of pack.typologies)
    for (const member of typology.rules)
      if (!typologies.has(member.ruleId)) ruleIds.add(member.ruleId);
  return ruleIds;
}

/**
 * What the customer partitions need of one event's shared-key alerts: the rule alerts about a
 * customer that a typology reads, reduced to what an outcome records. The rest changes nothing
 * in a partition's engine.
 */
export function outcomesForPartitions(
  alerts: readonly MonitoringAlert[],
  typologyRules: ReadonlySet<string>,
): ExternalRuleAlert[] {
  const outcomes: ExternalRuleAlert[] = [];
  for (const alert of alerts)
    if (alert.source === 'rule' && alert.customerId !== null && typologyRules.has(alert.ruleId))
      outcomes.push({
        alertKey: alert.alertKey,
        ruleId: alert.ruleId,
        customerId: alert.customerId,
        score: alert.score,
        atMs: alert.atMs,
      });
  return outcomes;
}
