import type { CustomerStore } from './customer-store.js';

/** Counters the engine keeps besides its rule state. */
export interface EngineCounters {
  events: number;
  alerts: number;
  lateEvents: number;
  /** Events refused because they were ahead of options.nowMs() by more than the allowed skew. */
  futureEvents: number;
}

/** The engine's mutable state, in one place so a snapshot can copy all of it. */
/** Between platform and currency in a custody balance's key (neither contains it). */
export const CUSTODY_KEY_SEPARATOR = '\u0000';

export interface EngineParts {
  store: CustomerStore;
  /** Platform CUSTODY_KEY_SEPARATOR currency → custody balance in minor units. */
  custody: Map<string, bigint>;
  /** Alert keys already returned, oldest first, at most ALERT_KEYS_MAX. */
  alertKeys: Set<string>;
  ruleErrors: Map<string, number>;
  /** Per failing rule: the last hour (atMs / interval) an engine.rule_error alert was raised. */
  ruleErrorHours: Map<string, number>;
  counters: EngineCounters;
}
