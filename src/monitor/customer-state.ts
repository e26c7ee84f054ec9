import type { CustomerProfile } from './monitored-event.js';
import { NONE_MS, type KeyState } from './key-state.js';

/** The latest outcome of a rule that feeds a typology, per customer. */
export interface RuleOutcome {
  score: number;
  atMs: number;
  eventId: string;
}

/** A customer's states of one currency, at positions the store gives rule slots (see CustomerStore). */
export type SlotArray = (KeyState | undefined)[];

/**
 * Everything the engine remembers about one customer. Rule state keyed by the customer alone
 * lives in `slots` (currency, or '' for currency-free rules → array of states by slot position);
 * state keyed by customer and another id (account, counterparty) lives in `others`.
 */
export interface CustomerState {
  key: string;
  platformId: string;
  customerId: string;
  profile: CustomerProfile | undefined;
  firstActivityMs: number;
  lastActivityMs: number;
  /** Created on first use: most customers touch few rules. */
  slots: Map<string, SlotArray> | null;
  others: Map<string, KeyState> | null;
  keyCount: number;
  outcomes: (RuleOutcome | undefined)[] | null;
  typologyUntilMs: number[] | null;
  /** Touched since it last moved to the end of the eviction queue. */
  referenced: boolean;
}

export function customerKey(platformId: string, customerId: string): string {
  return platformId + '\u0000' + customerId;
}

export function newCustomerState(
  platformId: string,
  customerId: string,
  profile: CustomerProfile | undefined,
): CustomerState {
  return {
    key: customerKey(platformId, customerId),
    platformId,
    customerId,
    profile,
    firstActivityMs: NONE_MS,
    lastActivityMs: NONE_MS,
    slots: null,
    others: null,
    keyCount: 0,
    outcomes: null,
    typologyUntilMs: null,
    referenced: false,
  };
}
