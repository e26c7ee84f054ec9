/**
 * Matching of bank lines against journal entries: pure, exclusive, linear. See
 * ARCHITECTURE.md "Reconciliation and safeguarding" for the reference convention.
 */
export { matchItems } from './match-items.js';
export type { MatchOutcome } from './match-items.js';
export { dayNumber, dayToIsoDate, MATCH_AMOUNT_MINOR_MAX, MATCH_ITEMS_MAX } from './match-item.js';
export type { BankItem, BookItem } from './match-item.js';
export {
  AMOUNT_TOLERANCE_MINOR_MAX,
  checkMatchRules,
  DATE_WINDOW_DAYS_MAX,
  DEFAULT_MATCH_RULES,
  MATCH_RULES_MAX,
} from './match-rule.js';
export type { CounterpartyCheck, MatchRule, MatchRuleKind, MatchStrategy } from './match-rule.js';
export type { MatchGroup, MatchState } from './match-state.js';
export { BUCKET_SCAN_MAX } from './match-by-amount.js';
export { referencesInText } from './reference-convention.js';
