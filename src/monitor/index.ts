export { SEVERITIES } from './alert.js';
export type { AlertExplanation, MonitoringAlert, Severity, SyncDecision } from './alert.js';
export { MONITORED_EVENT_KINDS } from './monitored-event.js';
export type {
  CustomerProfile,
  EventChannel,
  MonitoredEvent,
  MonitoredEventKind,
} from './monitored-event.js';
export { RuleDefinitionSchema } from './rule-definition.js';
export type { RuleDefinition, RuleDefinitionInput } from './rule-definition.js';
export { TypologyDefinitionSchema } from './typology-definition.js';
export type { TypologyDefinition } from './typology-definition.js';
export { RulePackSchema, validateRulePack } from './rule-pack.js';
export type { RulePack, RulePackInput, RulePackValidation } from './rule-pack.js';
export { RULE_TEMPLATES } from './rule-templates.js';
export type { RuleTemplate } from './rule-templates.js';
export type { CurrencyAmounts, Direction, EventFilter, Window } from './rule-schema-parts.js';
export { cnRulePack } from './cn-rule-pack.js';
export { LOAN_LEG_PURPOSES } from './cn-rule-helpers.js';
export { FUTURE_SKEW_MS_MAX, MonitoringEngine } from './monitoring-engine.js';
export type {
  EngineOptions,
  EngineStats,
  ExternalRuleAlert,
  ObserveOptions,
} from './monitoring-engine.js';
export type { EngineSnapshot } from './engine-snapshot.js';
export { FxRateBook } from './fx-rate-book.js';
export type { FxRate } from './fx-rate-book.js';
export { FX_RATES_MAX } from './limits.js';
