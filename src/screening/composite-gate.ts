import {
  GATE_UNAVAILABLE_HOLD_REASON,
  type GateDecision,
  type InstructionGate,
} from '../custody/instruction-gate.js';
import type { PreparedInstruction } from '../custody/prepared-instruction.js';

const RANK: Record<GateDecision['action'], number> = { allow: 0, hold: 1, reject: 2 };

/**
 * Combines the decisions of several gates: reject beats hold beats allow; the reasons and
 * rule ids of every gate that did not allow are merged (reasons in gate order).
 */
export function combineGateDecisions(decisions: readonly GateDecision[]): GateDecision {
  let action: GateDecision['action'] = 'allow';
  const reasons: string[] = [];
  const ruleIds: string[] = [];
  for (const d of decisions) {
    if (RANK[d.action] > RANK[action]) action = d.action;
    if (d.action === 'allow') continue;
    if (d.reason.length > 0) reasons.push(d.reason);
    for (const id of d.ruleIds) if (!ruleIds.includes(id)) ruleIds.push(id);
  }
  if (action === 'allow') return { action };
  return { action, reason: reasons.join('; ').slice(0, 480), ruleIds };
}

/** A gate that also wants to know what the other gates decided (screening's reviews do). */
export interface ObservingGate extends InstructionGate {
  observeCombined(prepared: PreparedInstruction, own: GateDecision, combined: GateDecision): void;
}

function observes(gate: InstructionGate): gate is ObservingGate {
  return typeof (gate as Partial<ObservingGate>).observeCombined === 'function';
}

/**
 * Runs every gate on the instruction (each one guarded like custody's own runGate: a gate
 * that throws holds) and combines their decisions.
 */
export class CompositeGate implements InstructionGate {
  readonly #gates: readonly InstructionGate[];

  constructor(gates: readonly (InstructionGate | undefined)[]) {
    this.#gates = gates.filter((g): g is InstructionGate => g !== undefined);
  }

  check(prepared: PreparedInstruction): GateDecision {
    const own = this.#gates.map((gate): GateDecision => {
      try {
        return gate.check(prepared);
      } catch (error) {
        return {
          action: 'hold',
          reason: `${GATE_UNAVAILABLE_HOLD_REASON}: ${error instanceof Error ? error.message : String(error)}`,
          ruleIds: [],
        };
      }
    });
    const combined = combineGateDecisions(own);
    this.#gates.forEach((gate, i) => {
      if (observes(gate)) gate.observeCombined(prepared, own[i]!, combined);
    });
    return combined;
  }
}
