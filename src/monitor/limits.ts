import { assert } from '../assert.js';

/** Limits of the monitoring engine. Every structure that grows has one of these caps. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The longest window or baseline a rule may ask for. */
export const WINDOW_MS_MAX = 400 * DAY_MS;
/** Buckets one sliding window or baseline may span (bounds per-key memory and scan time). */
export const WINDOW_BUCKETS_MAX = 400;
/** Distinct values remembered per key and per distinct-count condition. */
export const DISTINCT_SET_MAX = 64;
/** Event ids kept per key for explanations; an alert quotes at most ALERT_EVENT_IDS_MAX. */
export const KEY_EVENT_IDS_MAX = 20;
export const ALERT_EVENT_IDS_MAX = 50;
/** Open "first" steps a sequence rule follows per key, and "then" ids kept per step. */
export const SEQUENCE_OPEN_MAX = 8;
export const SEQUENCE_THEN_IDS_MAX = 16;
/** Changes one event's derived-list cache remembers (see DerivedLists); later ones are not shared. */
export const DERIVED_LISTS_PER_EVENT_MAX = 256;

export const RULES_PER_PACK_MAX = 256;
export const TYPOLOGIES_PER_PACK_MAX = 64;
export const TYPOLOGY_MEMBERS_MAX = 32;
export const CONDITIONS_PER_RULE_MAX = 8;
export const FILTER_VALUES_MAX = 64;
export const LIST_VALUES_MAX = 100_000;
export const CURRENCIES_PER_AMOUNT_MAX = 32;
export const TEXT_LENGTH_MAX = 2_000;

/** Engine defaults; callers may lower or raise them through EngineOptions. */
export const CUSTOMERS_MAX_DEFAULT = 1_000_000;
export const KEYS_PER_CUSTOMER_MAX_DEFAULT = 64;
/** Alert keys remembered for deduplication (oldest forgotten first). */
export const ALERT_KEYS_MAX = 100_000;
/** How often one failing rule may raise an engine.rule_error alert. */
export const RULE_ERROR_ALERT_INTERVAL_MS = HOUR_MS;

assert(ALERT_EVENT_IDS_MAX >= KEY_EVENT_IDS_MAX, 'an alert can quote every id a key keeps');
assert(WINDOW_MS_MAX / DAY_MS <= WINDOW_BUCKETS_MAX, 'a daily baseline fits in its buckets');
assert(SEQUENCE_THEN_IDS_MAX + 1 <= ALERT_EVENT_IDS_MAX, 'a sequence alert quotes its steps');

/** Exchange rates one engine holds (dated rows and defaults of every currency together). */
export const FX_RATES_MAX = 20_000;
