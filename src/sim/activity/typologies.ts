/**
 * The patterns the simulator plants, one per rule family of the monitoring rules table
 * (regulatory reference §4) that event data can show, plus misappropriation attempts and a
 * withdrawal run. `scope: 'platform'` patterns concern the platform as a whole: the customers
 * taking part are ordinary customers, not suspects.
 */
export const TYPOLOGIES = {
  large_value: { scope: 'customer', rules: '§4 #1–4', what: 'large-value transactions (LVTR)' },
  structuring: {
    scope: 'customer',
    rules: '§4 #5',
    what: 'several deposits just under a threshold',
  },
  near_threshold: { scope: 'customer', rules: '§4 #6', what: 'repeat near-threshold transfers' },
  pass_through: { scope: 'customer', rules: '§4 #7', what: 'money in and straight out' },
  fan_in: { scope: 'customer', rules: '§4 #8', what: 'many payers, then consolidated out' },
  fan_out: { scope: 'customer', rules: '§4 #9', what: 'one payer to many payees' },
  dormant_reactivation: { scope: 'customer', rules: '§4 #10', what: 'idle account wakes up' },
  velocity_spike: { scope: 'customer', rules: '§4 #11', what: 'burst far above the baseline' },
  profile_mismatch: { scope: 'customer', rules: '§4 #12', what: 'flows far above the profile' },
  round_amounts: { scope: 'customer', rules: '§4 #13', what: 'transfers of round ten-thousands' },
  night_activity: { scope: 'customer', rules: '§4 #16', what: 'activity between 00:00 and 05:00' },
  shared_device: { scope: 'customer', rules: '§4 #17', what: 'one device or IP, many accounts' },
  flows_before_closure: { scope: 'customer', rules: '§4 #18', what: 'large flows, then closure' },
  large_early_funding: {
    scope: 'customer',
    rules: '§4 #19',
    what: 'large funding of a new account',
  },
  early_repayment: { scope: 'customer', rules: '§4 #20', what: 'loan repaid soon after drawdown' },
  third_party_funding: { scope: 'customer', rules: '§4 #21', what: 'top-up from another name' },
  unauthorized_debit: { scope: 'customer', rules: '§4 #24', what: 'debit without instruction' },
  withdrawal_run: { scope: 'platform', rules: '§4 #27', what: 'run on the platform' },
} as const;

export type TypologyId = keyof typeof TYPOLOGIES;
export const TYPOLOGY_IDS = Object.keys(TYPOLOGIES) as TypologyId[];

export function isTypologyId(value: string): value is TypologyId {
  return Object.hasOwn(TYPOLOGIES, value);
}

export function typologyScope(typology: TypologyId): 'customer' | 'platform' {
  return TYPOLOGIES[typology].scope;
}
