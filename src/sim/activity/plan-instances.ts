import {
  plantFanIn,
  plantFanOut,
  plantLargeValue,
  plantNearThreshold,
  plantPassThrough,
  plantRoundAmounts,
  plantStructuring,
} from './plant/plant-flows.js';
import type { PlantContext, PlantedInstance, Planter } from './plant/plant-kit.js';
import {
  plantEarlyRepayment,
  plantUnauthorizedDebit,
  plantWithdrawalRun,
} from './plant/plant-platform.js';
import {
  plantDormantReactivation,
  plantFlowsBeforeClosure,
  plantLargeEarlyFunding,
  plantNightActivity,
  plantProfileMismatch,
  plantSharedDevice,
  plantThirdPartyFunding,
  plantVelocitySpike,
} from './plant/plant-profile.js';
import { TYPOLOGY_IDS, typologyScope, type TypologyId } from './typologies.js';

/** One planter per typology; the table is the list of what the simulator can plant. */
const PLANTERS: Record<TypologyId, Planter> = {
  large_value: plantLargeValue,
  structuring: plantStructuring,
  near_threshold: plantNearThreshold,
  pass_through: plantPassThrough,
  fan_in: plantFanIn,
  fan_out: plantFanOut,
  dormant_reactivation: plantDormantReactivation,
  velocity_spike: plantVelocitySpike,
  profile_mismatch: plantProfileMismatch,
  round_amounts: plantRoundAmounts,
  night_activity: plantNightActivity,
  shared_device: plantSharedDevice,
  flows_before_closure: plantFlowsBeforeClosure,
  large_early_funding: plantLargeEarlyFunding,
  early_repayment: plantEarlyRepayment,
  third_party_funding: plantThirdPartyFunding,
  unauthorized_debit: plantUnauthorizedDebit,
  withdrawal_run: plantWithdrawalRun,
};

/** Instances of each customer-level typology for this many customers at this rate. */
export function instancesPerTypology(customers: number, ratePerThousand: number): number {
  if (ratePerThousand <= 0) return 0;
  return Math.max(1, Math.round((customers * ratePerThousand) / 1000));
}

/** Plants every typology when the window opens; a platform-wide pattern is planted once. */
export function planInstances(context: PlantContext): PlantedInstance[] {
  const { options } = context;
  const perTypology = instancesPerTypology(options.customers, options.plantRatePerThousand);
  const planted: PlantedInstance[] = [];
  for (const typology of TYPOLOGY_IDS) {
    const count = typologyScope(typology) === 'platform' ? Math.min(1, perTypology) : perTypology;
    for (let ordinal = 0; ordinal < count; ordinal += 1) {
      const instance = PLANTERS[typology](context, `${typology}#${ordinal + 1}`, ordinal);
      if (instance !== null) planted.push(instance);
    }
  }
  return planted;
}
