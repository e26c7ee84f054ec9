import type { CaseQueue } from './alert-input.js';
import type { Disposition } from './case-state.js';

/** One case as the metrics see it. */
export interface CaseMetricInput {
  queue: CaseQueue;
  openedAtMs: number;
  triagedAtMs: number | null;
  closedAtMs: number | null;
  slaDueAtMs: number;
  slaBreachedAtMs: number | null;
  disposition: Disposition | null;
  ruleIds: readonly string[];
}

export interface DurationSummary {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
  meanMs: number | null;
}

export interface QueueMetrics {
  queue: CaseQueue;
  cases: number;
  open: number;
  closed: number;
  timeToTriage: DurationSummary;
  timeToClose: DurationSummary;
  /** Breached cases over cases whose outcome is known (closed, or past the deadline). */
  slaBreachRate: number | null;
}

export interface RuleMetrics {
  ruleId: string;
  closedCases: number;
  falsePositives: number;
  falsePositiveRate: number | null;
}

/** Nearest-rank percentile of sorted durations. */
function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function summarizeDurations(durationsMs: readonly number[]): DurationSummary {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    meanMs: sorted.length === 0 ? null : Math.round(total / sorted.length),
  };
}

function breached(input: CaseMetricInput, nowMs: number): boolean | null {
  if (input.slaBreachedAtMs !== null) return true;
  if (input.closedAtMs !== null) return input.closedAtMs > input.slaDueAtMs;
  return nowMs >= input.slaDueAtMs ? true : null;
}

export function queueMetrics(
  queue: CaseQueue,
  cases: readonly CaseMetricInput[],
  nowMs: number,
): QueueMetrics {
  const mine = cases.filter((c) => c.queue === queue);
  const triage = mine.flatMap((c) =>
    c.triagedAtMs === null ? [] : [c.triagedAtMs - c.openedAtMs],
  );
  const close = mine.flatMap((c) => (c.closedAtMs === null ? [] : [c.closedAtMs - c.openedAtMs]));
  const outcomes = mine.map((c) => breached(c, nowMs)).filter((b) => b !== null);
  const breaches = outcomes.filter((b) => b).length;
  return {
    queue,
    cases: mine.length,
    open: mine.length - close.length,
    closed: close.length,
    timeToTriage: summarizeDurations(triage),
    timeToClose: summarizeDurations(close),
    slaBreachRate: outcomes.length === 0 ? null : breaches / outcomes.length,
  };
}

/** Per rule: of the closed cases holding one of its alerts, the share closed as false positive. */
export function ruleMetrics(cases: readonly CaseMetricInput[]): RuleMetrics[] {
  const byRule = new Map<string, { closed: number; falsePositives: number }>();
  for (const c of cases) {
    if (c.closedAtMs === null) continue;
    for (const ruleId of new Set(c.ruleIds)) {
      const entry = byRule.get(ruleId) ?? { closed: 0, falsePositives: 0 };
      entry.closed += 1;
      if (c.disposition === 'false_positive') entry.falsePositives += 1;
      byRule.set(ruleId, entry);
    }
  }
  return [...byRule.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ruleId, entry]) => ({
      ruleId,
      closedCases: entry.closed,
      falsePositives: entry.falsePositives,
      falsePositiveRate: entry.closed === 0 ? null : entry.falsePositives / entry.closed,
    }));
}
