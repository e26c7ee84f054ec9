import type { PreparedInstruction } from './prepared-instruction.js';

/**
 * A synchronous check of an authorized instruction before it joins a batch: monitoring's
 * pre-posting rules, counterparty screening. It must answer within microseconds (it runs on the
 * request path, in memory); it decides allow, hold for review, or reject.
 */
export interface InstructionGate {
  check(prepared: PreparedInstruction): GateDecision;
  /**
   * Called once the instruction `check` saw was refused before posting (by this gate or
   * another): records what this gate found (monitoring writes the alerts behind its part of
   * the refusal). Nothing of the instruction is written. A failure here does not change the
   * refusal the caller gets.
   */
  refused?(prepared: PreparedInstruction, decision: GateDecision): Promise<void>;
}

export type GateDecision =
  | { action: 'allow' }
  | {
      action: 'hold' | 'reject';
      reason: string;
      ruleIds: string[];
      /** The hold code this gate stores on the instruction; none means `monitoring_review`. */
      holdReason?: string;
      /** Review workflows that must clear before a hold may be released (e.g. 'screening'). */
      reviewsRequired?: readonly string[];
    };

export const MONITORING_HOLD_REASON = 'monitoring_review';
export const GATE_UNAVAILABLE_HOLD_REASON = 'monitoring_unavailable';
/** The rule id of a hold made because a gate threw: such a hold is never without a rule id. */
export const GATE_UNAVAILABLE_RULE_ID = 'gate.unavailable';
/** Bounds of what a gate hold stores on the instruction (see migration 0017). */
export const HOLD_NOTE_LENGTH_MAX = 500;
export const HOLD_RULE_IDS_MAX = 64;
export const HOLD_REVIEWS_MAX = 8;

/** The decision that stands in for a gate that threw: hold, visibly, for review. */
export function unavailableDecision(error: unknown): GateDecision {
  return {
    action: 'hold',
    reason: `${GATE_UNAVAILABLE_HOLD_REASON}: ${error instanceof Error ? error.message : String(error)}`,
    ruleIds: [GATE_UNAVAILABLE_RULE_ID],
    holdReason: GATE_UNAVAILABLE_HOLD_REASON,
  };
}

/**
 * Runs the gate; a gate that throws holds the instruction for review rather than letting it
 * through unchecked or refusing a customer's payment outright (the safe default).
 */
export function runGate(
  gate: InstructionGate | undefined,
  prepared: PreparedInstruction,
): GateDecision {
  if (gate === undefined) return { action: 'allow' };
  try {
    return gate.check(prepared);
  } catch (error) {
    return unavailableDecision(error);
  }
}
