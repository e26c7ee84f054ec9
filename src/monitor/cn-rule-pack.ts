import { DAY_MS } from './limits.js';
import { cnConductRules } from './cn-rules-conduct.js';
import { cnFlowRules } from './cn-rules-flows.js';
import { cnLvtrRules } from './cn-rules-lvtr.js';
import { RulePackSchema, type RulePack, type RulePackInput } from './rule-pack.js';

type TypologyInput = RulePackInput['typologies'][number];

const typology = (
  id: string,
  description: string,
  rules: [string, number][],
  alertThreshold: number,
  interdictionThreshold: number,
): TypologyInput => ({
  id,
  version: 1,
  description,
  rules: rules.map(([ruleId, weight]) => ({ ruleId, weight })),
  windowMs: 30 * DAY_MS,
  alertThreshold,
  interdictionThreshold,
  severity: 'high',
});

/**
 * Typologies of the CN pack. A rule at its threshold scores 0.5 and at twice it 1, so
 * thresholds are set where two indicators at their thresholds (weighted) meet.
 */
function cnTypologies(): TypologyInput[] {
  return [
    typology(
      'cn.typology.collection_account',
      'Collection account: many payers, then the money moves on quickly (fan-in then consolidated out).',
      [
        ['cn.fan_in_24h', 1],
        ['cn.fan_in_7d', 1],
        ['cn.rapid_pass_through', 2],
      ],
      0.35,
      0.75,
    ),
    typology(
      'cn.typology.structuring',
      'Structuring: amounts kept under the reporting thresholds, repeated, or rounded.',
      [
        ['cn.structuring_cash_24h', 1],
        ['cn.structuring_cash_7d', 1],
        ['cn.structuring_person_transfer_24h', 1],
        ['cn.near_threshold_repeats', 1],
        ['cn.round_amounts', 1],
      ],
      0.2,
      0.5,
    ),
    typology(
      'cn.typology.money_mule',
      'Money mule or taken-over account: shared devices, third-party funding, reactivation, spikes and fan-out.',
      [
        ['cn.shared_device', 1],
        ['cn.shared_ip', 1],
        ['cn.third_party_funding', 1],
        ['cn.dormant_reactivation', 1],
        ['cn.velocity_spike_count_24h', 1],
        ['cn.fan_out_24h', 1],
      ],
      0.17,
      0.5,
    ),
    typology(
      'cn.typology.high_risk_customer',
      'High-risk customer: several of the other typologies at once.',
      [
        ['cn.typology.collection_account', 1],
        ['cn.typology.structuring', 1],
        ['cn.typology.money_mule', 1],
      ],
      0.3,
      0.6,
    ),
  ];
}

/** The default CN pack: every rule of the reference's §4 that MonitoredEvent and CustomerProfile support. */
export function cnRulePack(): RulePack {
  const input: RulePackInput = {
    id: 'cn.default',
    rules: [...cnLvtrRules(), ...cnFlowRules(), ...cnConductRules()],
    typologies: cnTypologies(),
  };
  return RulePackSchema.parse(input);
}
