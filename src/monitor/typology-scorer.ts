import type { AlertExplanation, MonitoringAlert } from './alert.js';
import type { CustomerState, RuleOutcome } from './customer-state.js';
import { NONE_MS } from './key-state.js';
import { ALERT_EVENT_IDS_MAX } from './limits.js';
import { boundedAlertKey } from './rule-evaluator.js';
import type { RulePack } from './rule-pack.js';
import type { TypologyDefinition } from './typology-definition.js';

interface Member {
  ruleId: string;
  /** Outcome index for a rule member, typology index for a typology member. */
  ref: number;
  isTypology: boolean;
  weight: number;
}

interface CompiledTypology {
  def: TypologyDefinition;
  index: number;
  members: Member[];
  weightTotal: number;
}

/**
 * Scores typologies per customer from the latest outcomes of their member rules. Only rules
 * that some typology names get an outcome index (and per-customer storage). Typologies are
 * scored members-first, so a typology made of typologies reads scores computed just before.
 */
export class TypologyScorer {
  readonly typologies: CompiledTypology[];
  /** Typologies in an order where every typology comes after its typology members. */
  private readonly order: CompiledTypology[] = [];
  readonly outcomeIndex = new Map<string, number>();
  readonly outcomeRuleIds: string[] = [];
  private readonly scores: Float64Array;

  constructor(pack: RulePack) {
    const typologyIndex = new Map(pack.typologies.map((typology, index) => [typology.id, index]));
    this.typologies = pack.typologies.map((def, index) => {
      const members = def.rules.map((member): Member => {
        const asTypology = typologyIndex.get(member.ruleId);
        if (asTypology !== undefined) {
          return {
            ruleId: member.ruleId,
            ref: asTypology,
            isTypology: true,
            weight: member.weight,
          };
        }
        let ref = this.outcomeIndex.get(member.ruleId);
        if (ref === undefined) {
          ref = this.outcomeRuleIds.length;
          this.outcomeIndex.set(member.ruleId, ref);
          this.outcomeRuleIds.push(member.ruleId);
        }
        return { ruleId: member.ruleId, ref, isTypology: false, weight: member.weight };
      });
      const weightTotal = members.reduce((sum, member) => sum + member.weight, 0);
      return { def, index, members, weightTotal };
    });
    const placed = new Set<number>();
    const place = (typology: CompiledTypology): void => {
      if (placed.has(typology.index)) return;
      placed.add(typology.index);
      for (const member of typology.members) {
        const child = member.isTypology ? this.typologies[member.ref] : undefined;
        if (child !== undefined) place(child);
      }
      this.order.push(typology);
    };
    this.typologies.forEach(place);
    this.scores = new Float64Array(this.typologies.length);
  }

  /** Fills and returns the scores by typology index (a shared buffer: read before the next call). */
  score(outcomes: readonly (RuleOutcome | undefined)[] | null, atMs: number): Float64Array {
    const scores = this.scores;
    for (const typology of this.order) {
      let weighted = 0;
      for (const member of typology.members) {
        let value = 0;
        if (member.isTypology) value = scores[member.ref] ?? 0;
        else {
          const outcome = outcomes?.[member.ref];
          if (outcome !== undefined && atMs - outcome.atMs <= typology.def.windowMs)
            value = outcome.score;
        }
        weighted += member.weight * value;
      }
      scores[typology.index] = weighted / typology.weightTotal;
    }
    return scores;
  }

  explain(
    typology: CompiledTypology,
    score: number,
    outcomes: readonly (RuleOutcome | undefined)[] | null,
    atMs: number,
    threshold: 'alert' | 'interdiction',
  ): AlertExplanation {
    const values: Record<string, string | number> = { score: Number(score.toFixed(4)) };
    const eventIds: string[] = [];
    const scores = this.scores;
    for (const member of typology.members) {
      let value = 0;
      if (member.isTypology) value = scores[member.ref] ?? 0;
      else {
        const outcome = outcomes?.[member.ref];
        if (outcome !== undefined && atMs - outcome.atMs <= typology.def.windowMs) {
          value = outcome.score;
          if (!eventIds.includes(outcome.eventId)) eventIds.push(outcome.eventId);
        }
      }
      values[`${member.ruleId} (weight ${member.weight})`] = Number(value.toFixed(4));
    }
    const limit =
      threshold === 'alert' ? typology.def.alertThreshold : typology.def.interdictionThreshold;
    return {
      summary: `${typology.def.id}: weighted score ${score.toFixed(3)} of its rules reaches the ${threshold} threshold ${limit}.`,
      values,
      thresholds: {
        alertThreshold: typology.def.alertThreshold,
        interdictionThreshold: typology.def.interdictionThreshold,
        windowMs: typology.def.windowMs,
      },
      eventIds: eventIds.slice(-ALERT_EVENT_IDS_MAX),
    };
  }

  /** Typology alerts for a customer whose outcomes changed; sets the typology cooldowns. */
  alertsFor(customer: CustomerState, atMs: number, out: MonitoringAlert[]): void {
    if (this.typologies.length === 0) return;
    const scores = this.score(customer.outcomes, atMs);
    for (const typology of this.typologies) {
      const score = scores[typology.index] ?? 0;
      if (score < typology.def.alertThreshold) continue;
      const until = (customer.typologyUntilMs ??= new Array<number>(this.typologies.length).fill(
        NONE_MS,
      ));
      if ((until[typology.index] ?? NONE_MS) > atMs) continue;
      until[typology.index] = atMs + typology.def.windowMs;
      out.push(this.alert(typology, customer, score, atMs, 'alert'));
    }
  }

  alert(
    typology: CompiledTypology,
    customer: CustomerState,
    score: number,
    atMs: number,
    threshold: 'alert' | 'interdiction',
    outcomes: readonly (RuleOutcome | undefined)[] | null = customer.outcomes,
  ): MonitoringAlert {
    const def = typology.def;
    const key = `${def.id}:${customer.platformId}:${customer.customerId}:${atMs}`;
    return {
      alertKey: boundedAlertKey(key),
      platformId: customer.platformId,
      source: 'typology',
      ruleId: def.id,
      ruleVersion: def.version,
      severity: def.severity,
      customerId: customer.customerId,
      score,
      atMs,
      explanation: this.explain(typology, score, outcomes, atMs, threshold),
    };
  }
}
