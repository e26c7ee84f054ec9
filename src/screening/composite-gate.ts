import {
  GATE_UNAVAILABLE_HOLD_REASON,
  MONITORING_HOLD_REASON,
  unavailableDecision,
  type GateDecision,
  type InstructionGate,
} from '../custody/instruction-gate.js';
import type { PreparedInstruction } from '../custody/prepared-instruction.js';

const RANK: Record<GateDecision['action'], number> = { allow: 0, hold: 1, reject: 2 };
/** The combined reason text stays within the instruction's hold note. */
const COMBINED_REASON_LENGTH_MAX = 480;

type NotAllowed = Exclude<GateDecision, { action: 'allow' }>;

/**
 * The hold code of the combined decision (pure): the code of the only gate that holds; when
 * several hold, `monitoring_unavailable` if one of them is a gate that threw, otherwise
 * `monitoring_review` if monitoring (or any gate without a code of its own) is among them,
 * otherwise the first holding gate's code.
 */
export function combinedHoldReason(holds: readonly NotAllowed[]): string | undefined {
  if (holds.length === 0) return undefined;
  const codes = holds.map((d) => d.holdReason ?? MONITORING_HOLD_REASON);
  if (codes.length === 1) return codes[0];
  if (codes.includes(GATE_UNAVAILABLE_HOLD_REASON)) return GATE_UNAVAILABLE_HOLD_REASON;
  if (codes.includes(MONITORING_HOLD_REASON)) return MONITORING_HOLD_REASON;
  return codes[0];
}

/**
 * Combines the decisions of several gates: reject beats hold beats allow; the reasons, rule ids
 * and required reviews of every gate that did not allow are merged (in gate order), and a hold
 * carries the hold code chosen by `combinedHoldReason` (a rejection needs none).
 */
export function combineGateDecisions(decisions: readonly GateDecision[]): GateDecision {
  let action: GateDecision['action'] = 'allow';
  const reasons: string[] = [];
  const ruleIds: string[] = [];
  const reviewsRequired: string[] = [];
  const holds: NotAllowed[] = [];
  for (const d of decisions) {
    if (RANK[d.action] > RANK[action]) action = d.action;
    if (d.action === 'allow') continue;
    if (d.action === 'hold') holds.push(d);
    if (d.reason.length > 0) reasons.push(d.reason);
    for (const id of d.ruleIds) if (!ruleIds.includes(id)) ruleIds.push(id);
    for (const r of d.reviewsRequired ?? [])
      if (!reviewsRequired.includes(r)) reviewsRequired.push(r);
  }
  if (action === 'allow') return { action };
  const holdReason = action === 'hold' ? combinedHoldReason(holds) : undefined;
  return {
    action,
    reason: reasons.join('; ').slice(0, COMBINED_REASON_LENGTH_MAX),
    ruleIds,
    ...(holdReason === undefined ? {} : { holdReason }),
    ...(reviewsRequired.length === 0 ? {} : { reviewsRequired }),
  };
}

/** A gate that also wants to know what the other gates decided (screening's reviews do). */
export interface ObservingGate extends InstructionGate {
  /** `othersHold`: some other gate did not allow (it held, rejected or threw). */
  observeCombined(
    prepared: PreparedInstruction,
    own: GateDecision,
    combined: GateDecision,
    othersHold: boolean,
  ): void;
}

function observes(gate: InstructionGate): gate is ObservingGate {
  return typeof (gate as Partial<ObservingGate>).observeCombined === 'function';
}

/**
 * Runs every gate on the instruction (each one guarded like custody's own runGate: a gate
 * that throws holds, with the code `monitoring_unavailable` and the rule id
 * `gate.unavailable`) and combines their decisions.
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
        return unavailableDecision(error);
      }
    });
    const combined = combineGateDecisions(own);
    this.#gates.forEach((gate, i) => {
      if (!observes(gate)) return;
      const othersHold = own.some((d, j) => j !== i && d.action !== 'allow');
      gate.observeCombined(prepared, own[i]!, combined, othersHold);
    });
    return combined;
  }

  /** Every gate records its part of the refusal; one that fails does not stop the others. */
  async refused(prepared: PreparedInstruction, decision: GateDecision): Promise<void> {
    const outcomes = await Promise.allSettled(
      this.#gates.map((gate) => gate.refused?.(prepared, decision)),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }
}
