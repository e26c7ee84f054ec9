import { ALERT_SEVERITIES, type AlertCount, type AlertSeverity } from './monitoring-types.js';

const DAY_MS = 86_400_000;
/** The dashboard lists this many rules at most, the busiest first. */
export const TOP_RULES_MAX = 10;

export type SeverityCounts = Record<AlertSeverity, number>;
export interface AlertDay extends SeverityCounts {
  day: string;
  total: number;
}

const emptyCounts = (): SeverityCounts => ({ low: 0, medium: 0, high: 0, critical: 0 });

function severityOf(value: string): AlertSeverity {
  return (ALERT_SEVERITIES as readonly string[]).includes(value) ? (value as AlertSeverity) : 'low';
}

/**
 * One row per UTC day of the last `days` days up to `nowMs` (days without alerts count zero,
 * so the chart's axis is even), with the alerts of each severity that day. Days the server
 * reports outside that range are kept too, in order.
 */
export function alertsByDay(
  counts: readonly AlertCount[],
  days: number,
  nowMs: number,
): AlertDay[] {
  const rows = new Map<string, AlertDay>();
  const todayMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  for (let back = days - 1; back >= 0; back -= 1) {
    const day = new Date(todayMs - back * DAY_MS).toISOString().slice(0, 10);
    rows.set(day, { day, total: 0, ...emptyCounts() });
  }
  for (const count of counts) {
    const row = rows.get(count.day) ?? { day: count.day, total: 0, ...emptyCounts() };
    row[severityOf(count.severity)] += count.count;
    row.total += count.count;
    rows.set(count.day, row);
  }
  return [...rows.values()].sort((a, b) => a.day.localeCompare(b.day));
}

export interface RuleAlertTotal extends SeverityCounts {
  ruleId: string;
  total: number;
}

/** The rules that raised the most alerts in the period, at most TOP_RULES_MAX of them. */
export function topRules(counts: readonly AlertCount[]): RuleAlertTotal[] {
  const rules = new Map<string, RuleAlertTotal>();
  for (const count of counts) {
    const row = rules.get(count.ruleId) ?? { ruleId: count.ruleId, total: 0, ...emptyCounts() };
    row[severityOf(count.severity)] += count.count;
    row.total += count.count;
    rules.set(count.ruleId, row);
  }
  return [...rules.values()]
    .sort((a, b) => b.total - a.total || a.ruleId.localeCompare(b.ruleId))
    .slice(0, TOP_RULES_MAX);
}
