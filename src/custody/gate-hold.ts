import { assert } from '../assert.js';
import {
  GATE_UNAVAILABLE_HOLD_REASON,
  HOLD_NOTE_LENGTH_MAX,
  HOLD_REVIEWS_MAX,
  HOLD_RULE_IDS_MAX,
  MONITORING_HOLD_REASON,
  type GateDecision,
} from './instruction-gate.js';
import type { PreparedInstruction } from './prepared-instruction.js';

/**
 * Records a gate's hold on a prepared instruction (no I/O): the hold code when nothing else holds
 * it yet (an approval hold keeps its own code), and always the rule ids, the reason text and
 * the reviews that must clear before a release.
 */
export function applyGateHold(prepared: PreparedInstruction, decision: GateDecision): void {
  assert(decision.action === 'hold', 'only a hold is recorded on the instruction');
  if (prepared.holdReason === null) {
    prepared.holdReason = decision.reason.startsWith(GATE_UNAVAILABLE_HOLD_REASON)
      ? GATE_UNAVAILABLE_HOLD_REASON
      : (decision.holdReason ?? MONITORING_HOLD_REASON);
  }
  prepared.gateHold = {
    ruleIds: [...new Set(decision.ruleIds)].slice(0, HOLD_RULE_IDS_MAX),
    note: decision.reason.slice(0, HOLD_NOTE_LENGTH_MAX),
    reviewsPending: [...new Set(decision.reviewsRequired ?? [])],
  };
  assert(
    prepared.gateHold.reviewsPending.length <= HOLD_REVIEWS_MAX,
    'a hold waits for a bounded number of reviews',
  );
}
