import type { BacktestReport } from './monitoring-types.js';

const DAY_MS = 86_400_000;
/** A backtest over HTTP covers at most 366 days; the chart never draws more bars. */
export const BACKTEST_DAYS_MAX = 367;

export interface BacktestDay {
  day: string;
  active: number;
  draft: number;
}

/**
 * Every UTC day of the backtest's period with the alerts of each pack that day (zero where
 * the report has none), so quiet days show as gaps rather than vanish from the axis.
 */
export function backtestDays(
  report: Pick<BacktestReport, 'fromMs' | 'toMs' | 'byDay'>,
): BacktestDay[] {
  const rows = new Map<string, BacktestDay>();
  const firstMs = Math.floor(report.fromMs / DAY_MS) * DAY_MS;
  for (let atMs = firstMs; atMs < report.toMs && rows.size < BACKTEST_DAYS_MAX; atMs += DAY_MS) {
    const day = new Date(atMs).toISOString().slice(0, 10);
    rows.set(day, { day, active: 0, draft: 0 });
  }
  for (const entry of report.byDay) rows.set(entry.day, { ...entry });
  return [...rows.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** The period of whole local days [fromDay, toDay] as the instants the server expects. */
export function backtestPeriod(fromDay: string, toDay: string): { from: string; to: string } {
  const from = new Date(`${fromDay}T00:00:00`);
  const to = new Date(`${toDay}T00:00:00`);
  to.setDate(to.getDate() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** A local calendar day as YYYY-MM-DD, `offsetDays` from `atMs`. */
export function localDay(atMs: number, offsetDays = 0): string {
  const date = new Date(atMs);
  date.setDate(date.getDate() + offsetDays);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
