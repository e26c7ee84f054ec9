import { CST_OFFSET_MS } from '../reports/cst-day.js';
import type { ComplaintCategory } from './complaint-types.js';
import { overdueKind } from './complaint-view.js';

export interface StatisticsInput {
  platformId: string;
  category: ComplaintCategory;
  createdAtMs: number;
  acknowledgeDueMs: number;
  resolveDueMs: number;
  acknowledgedMs: number | null;
  closedMs: number | null;
}

export interface StatisticsRow {
  platformId: string;
  category: ComplaintCategory;
  /** The CST month of receipt, YYYY-MM. */
  month: string;
  received: number;
  closed: number;
  /** Open past a deadline now, or answered after the resolution deadline. */
  overdue: number;
  overdueShare: number;
  /** Median hours from receipt to answer over the closed ones; null when none is closed. */
  medianHoursToResolve: number | null;
}

export function cstMonthOf(atMs: number): string {
  return new Date(atMs + CST_OFFSET_MS).toISOString().slice(0, 7);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Whether a complaint counts as overdue at `nowMs`: a deadline missed, open or answered late. */
export function countsAsOverdue(input: StatisticsInput, nowMs: number): boolean {
  if (input.closedMs !== null) return input.closedMs > input.resolveDueMs;
  return overdueKind(input, nowMs) !== null;
}

/** Pure: counts, overdue share and median time to answer by platform, category and month. */
export function complaintStatistics(
  inputs: readonly StatisticsInput[],
  nowMs: number,
): StatisticsRow[] {
  const groups = new Map<string, { row: StatisticsRow; hours: number[] }>();
  for (const input of inputs) {
    const month = cstMonthOf(input.createdAtMs);
    const key = `${input.platformId}\u0000${input.category}\u0000${month}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        row: {
          platformId: input.platformId,
          category: input.category,
          month,
          received: 0,
          closed: 0,
          overdue: 0,
          overdueShare: 0,
          medianHoursToResolve: null,
        },
        hours: [],
      };
      groups.set(key, group);
    }
    group.row.received += 1;
    if (input.closedMs !== null) {
      group.row.closed += 1;
      group.hours.push((input.closedMs - input.createdAtMs) / 3_600_000);
    }
    if (countsAsOverdue(input, nowMs)) group.row.overdue += 1;
  }
  return [...groups.values()]
    .map(({ row, hours }) => ({
      ...row,
      overdueShare: row.overdue / row.received,
      medianHoursToResolve: median(hours),
    }))
    .sort(
      (a, b) =>
        a.platformId.localeCompare(b.platformId) ||
        a.month.localeCompare(b.month) ||
        a.category.localeCompare(b.category),
    );
}
