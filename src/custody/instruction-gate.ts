import type { PreparedInstruction } from './prepared-instruction.js';

/**
 * A synchronous check of an authorized instruction before it joins a batch: monitoring's
 * pre-posting rules. It must answer within microseconds (it runs on the request path, in
 * memory); it decides allow, hold for review, or reject.
 */
export interface InstructionGate {
  check(prepared: PreparedInstruction): GateDecision;
}

export type GateDecision =
  { action: 'allow' } | { action: 'hold' | 'reject'; reason: string; ruleIds: string[] };

export const MONITORING_HOLD_REASON = 'monitoring_review';
export const GATE_UNAVAILABLE_HOLD_REASON = 'monitoring_unavailable';

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
    return {
      action: 'hold',
      reason: `${GATE_UNAVAILABLE_HOLD_REASON}: ${error instanceof Error ? error.message : String(error)}`,
      ruleIds: [],
    };
  }
}
