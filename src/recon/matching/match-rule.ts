import { assert } from '../../assert.js';

/**
 * Matching rules are data: stored per platform (table matching_rules) or taken from
 * DEFAULT_MATCH_RULES, applied in order, each only to items earlier rules left unmatched.
 */
export type MatchStrategy = 'one_to_one' | 'one_to_many' | 'many_to_one';
export type MatchRuleKind = 'reference' | 'amount_date';
/** How a rule treats counterparty names: compared only when both sides carry one, or always. */
export type CounterpartyCheck = 'ignore' | 'when_present' | 'required';

export interface MatchRule {
  readonly name: string;
  /** `reference`: the bank line carries the book entry's reference; `amount_date`: it does not. */
  readonly kind: MatchRuleKind;
  /** one_to_many = one bank line, several book entries; many_to_one = the reverse. */
  readonly strategy: MatchStrategy;
  /** Largest |bank sum − book sum| accepted, in minor units. */
  readonly amountToleranceMinor: bigint;
  /** Largest distance between bank booking date and book date, in days. */
  readonly dateWindowDays: number;
  readonly counterparty: CounterpartyCheck;
  /** `auto`: an exact match (difference 0) is confirmed at once; otherwise suggested. */
  readonly confirm: 'auto' | 'suggest';
}

export const MATCH_RULES_MAX = 32;
export const DATE_WINDOW_DAYS_MAX = 31;
/** A tolerance above 10^12 minor units would make amount buckets meaningless. */
export const AMOUNT_TOLERANCE_MINOR_MAX = 1_000_000_000_000n;

/**
 * The rules used when a platform has stored none: reference first (the instruction id in the
 * end-to-end id, see ARCHITECTURE.md), then amount and date, which only ever suggests.
 */
export const DEFAULT_MATCH_RULES: readonly MatchRule[] = Object.freeze([
  rule('reference', 'reference', 'one_to_one', 5, 'auto'),
  rule('reference batch', 'reference', 'one_to_many', 5, 'auto'),
  rule('reference split', 'reference', 'many_to_one', 5, 'auto'),
  rule('amount and date', 'amount_date', 'one_to_one', 2, 'suggest'),
  rule('daily total', 'amount_date', 'one_to_many', 1, 'suggest'),
]);

function rule(
  name: string,
  kind: MatchRuleKind,
  strategy: MatchStrategy,
  dateWindowDays: number,
  confirm: 'auto' | 'suggest',
): MatchRule {
  return Object.freeze({
    name,
    kind,
    strategy,
    amountToleranceMinor: 0n,
    dateWindowDays,
    counterparty: 'when_present',
    confirm,
  });
}

/** The first problem with a rule set, or undefined: for values that come from outside. */
export function checkMatchRules(rules: readonly MatchRule[]): string | undefined {
  if (rules.length === 0) return 'at least one rule is needed';
  if (rules.length > MATCH_RULES_MAX) return `at most ${MATCH_RULES_MAX} rules`;
  const names = new Set<string>();
  for (const candidate of rules) {
    if (names.has(candidate.name)) return `rule name ${candidate.name} is used twice`;
    names.add(candidate.name);
    if (candidate.amountToleranceMinor < 0n) return `${candidate.name}: negative tolerance`;
    if (candidate.amountToleranceMinor > AMOUNT_TOLERANCE_MINOR_MAX) {
      return `${candidate.name}: tolerance above ${AMOUNT_TOLERANCE_MINOR_MAX}`;
    }
    const days = candidate.dateWindowDays;
    if (!Number.isInteger(days) || days < 0 || days > DATE_WINDOW_DAYS_MAX) {
      return `${candidate.name}: date window must be 0..${DATE_WINDOW_DAYS_MAX} days`;
    }
  }
  return undefined;
}

assert(checkMatchRules(DEFAULT_MATCH_RULES) === undefined, 'default rules are valid');
