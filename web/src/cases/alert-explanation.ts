import type { AlertExplanation } from './case-types.js';

/** One value of an explanation, as the table shows it. */
export type ExplanationCell =
  | { kind: 'text'; text: string }
  | { kind: 'instant'; iso: string }
  | { kind: 'duration'; durationMs: number };

/** One line of an explanation's table: what was observed against what the rule allows. */
export interface ExplanationRow {
  name: string;
  value: ExplanationCell | null;
  threshold: ExplanationCell | null;
}

/** Event ids the table shows at most; the server keeps up to 100 per alert. */
export const EXPLANATION_EVENT_IDS_SHOWN_MAX = 100;

const INSTRUCTION_ID = /^ins_[0-9a-z]{16,}$/;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Names of millisecond values that are points in time (windowStartMs, lastSeenAtMs …). */
const INSTANT_NAME = /(At|Start|End|Since|Until)Ms$/;
/** Earliest epoch value read as a time (2001-09-09); smaller ones are durations after all. */
const INSTANT_MS_MIN = 1e12;
const INSTANT_MS_MAX = 8.64e15;

/**
 * A value as a person reads it. Rules report times and windows in milliseconds
 * (`windowStartMs`, `windowMs`): those become a date-time or a duration; the rest is text.
 */
export function explanationCell(name: string, value: unknown): ExplanationCell | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value) && name.endsWith('Ms')) {
    if (INSTANT_NAME.test(name) && value >= INSTANT_MS_MIN && value <= INSTANT_MS_MAX)
      return { kind: 'instant', iso: new Date(value).toISOString() };
    if (!INSTANT_NAME.test(name) && value >= 0) return { kind: 'duration', durationMs: value };
  }
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'number' || typeof value === 'boolean')
    return { kind: 'text', text: String(value) };
  return { kind: 'text', text: JSON.stringify(value) };
}

export function explanationSummary(explanation: AlertExplanation): string {
  return typeof explanation.summary === 'string' ? explanation.summary : '';
}

/**
 * The explanation's values and thresholds side by side, one row per name that either has:
 * names the two share first (in the order of the values), then the rest of each.
 */
export function explanationRows(explanation: AlertExplanation): ExplanationRow[] {
  const values = asRecord(explanation.values);
  const thresholds = asRecord(explanation.thresholds);
  const shared = Object.keys(values).filter((name) => Object.hasOwn(thresholds, name));
  const onlyValues = Object.keys(values).filter((name) => !Object.hasOwn(thresholds, name));
  const onlyThresholds = Object.keys(thresholds).filter((name) => !Object.hasOwn(values, name));
  return [...shared, ...onlyValues, ...onlyThresholds].map((name) => ({
    name,
    value: explanationCell(name, values[name]),
    threshold: explanationCell(name, thresholds[name]),
  }));
}

/** The explanation's event ids, split into instructions (linked) and other events. */
export function explanationEvents(explanation: AlertExplanation): {
  instructionIds: string[];
  otherIds: string[];
} {
  const ids = Array.isArray(explanation.eventIds)
    ? explanation.eventIds
        .filter((id): id is string => typeof id === 'string')
        .slice(0, EXPLANATION_EVENT_IDS_SHOWN_MAX)
    : [];
  return {
    instructionIds: ids.filter((id) => INSTRUCTION_ID.test(id)),
    otherIds: ids.filter((id) => !INSTRUCTION_ID.test(id)),
  };
}
