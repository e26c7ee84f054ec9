import type { RuleDefinition } from './rule-definition.js';
import { AggregateRule } from './rule-aggregate.js';
import { BaselineRule } from './rule-baseline.js';
import { DormancyRule } from './rule-dormancy.js';
import { ruleInfo, type RuleEvaluator } from './rule-evaluator.js';
import { SequenceRule } from './rule-sequence.js';
import { ListMembershipRule, ThresholdRule } from './rule-threshold.js';

/** One evaluator per rule of a validated pack, in pack order. */
export function compileRule(rule: RuleDefinition, index: number): RuleEvaluator {
  const info = ruleInfo(rule, index);
  switch (rule.template) {
    case 'threshold':
      return new ThresholdRule(info, rule);
    case 'list_membership':
      return new ListMembershipRule(info, rule);
    case 'aggregate':
      return new AggregateRule(info, rule);
    case 'baseline_deviation':
      return new BaselineRule(info, rule);
    case 'sequence':
      return new SequenceRule(info, rule);
    case 'dormancy':
      return new DormancyRule(info, rule);
  }
}
