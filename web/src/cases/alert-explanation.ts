import type { AlertExplanation } from './case-types.js';

/** One line of an explanation's table: what was observed against what the rule allows. */
export interface ExplanationRow {
  name: string;
  value: string | null;
  threshold: string | null;
}

/** Event ids the table shows at most; the server keeps up to 100 per alert. */
export const EXPLANATION_EVENT_IDS_SHOWN_MAX = 100;

const INSTRUCTION_ID = /^ins_[0-9a-z]{16,}$/;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
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
    value: asText(values[name]),
    threshold: asText(thresholds[name]),
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
