import { isTypologyId, TYPOLOGY_IDS, type TypologyId } from '../sim/activity/index.js';

/**
 * Which rules of the CN rule pack detect each planted typology: the one table that links the
 * simulator's labels to the engine's rule ids. A typology counts as detected only through the
 * rules listed for it. The engine's composite typology alerts (`cn.typology.*`) combine
 * several rules and are not counted for any one typology.
 */
export const TYPOLOGY_RULES: Record<TypologyId, readonly string[]> = {
  large_value: [
    'cn.lvtr_cash',
    'cn.lvtr_entity',
    'cn.lvtr_person_domestic',
    'cn.lvtr_person_cross_border',
  ],
  structuring: [
    'cn.structuring_cash_24h',
    'cn.structuring_cash_7d',
    'cn.structuring_person_transfer_24h',
  ],
  near_threshold: ['cn.near_threshold_repeats'],
  pass_through: ['cn.rapid_pass_through'],
  fan_in: ['cn.fan_in_24h', 'cn.fan_in_7d'],
  fan_out: ['cn.fan_out_24h'],
  dormant_reactivation: ['cn.dormant_reactivation'],
  velocity_spike: [
    'cn.velocity_spike_count_24h',
    'cn.velocity_spike_amount_24h',
    'cn.velocity_spike_amount_7d',
  ],
  profile_mismatch: ['cn.profile_income_mismatch', 'cn.profile_occupation_mismatch'],
  round_amounts: ['cn.round_amounts'],
  night_activity: ['cn.night_activity_share', 'cn.night_large_single'],
  shared_device: ['cn.shared_device', 'cn.shared_ip'],
  flows_before_closure: ['cn.flows_before_closure'],
  large_early_funding: ['cn.large_early_funding'],
  early_repayment: ['cn.early_repayment'],
  third_party_funding: ['cn.third_party_funding'],
  unauthorized_debit: ['cn.unauthorized_debit'],
  withdrawal_run: ['cn.withdrawal_run', 'cn.withdrawal_surge'],
};

/** Rules that detect `typology`; undefined means any rule counts (labels from outside). */
export function rulesFor(typology: string): ReadonlySet<string> | undefined {
  return isTypologyId(typology) ? RULE_SETS.get(typology) : undefined;
}

const RULE_SETS = new Map<TypologyId, ReadonlySet<string>>(
  TYPOLOGY_IDS.map((typology) => [typology, new Set(TYPOLOGY_RULES[typology])]),
);
