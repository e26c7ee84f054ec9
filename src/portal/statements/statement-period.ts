import { CST_OFFSET_MS, isIsoDate } from '../../reports/cst-day.js';
import { PORTAL_LIMITS } from '../portal-limits.js';

/**
 * A statement covers whole days in China Standard Time (the books' reporting day): from the
 * start of `from` to the end of `to`, both inclusive. A monthly statement is one calendar
 * month.
 */
export interface StatementPeriod {
  from: string;
  to: string;
  startMs: number;
  endMs: number;
}

const DAY_MS = 86_400_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type PeriodResult = { ok: true; period: StatementPeriod } | { ok: false; message: string };

export function periodOfDays(from: string, to: string): PeriodResult {
  if (!isIsoDate(from) || !isIsoDate(to))
    return { ok: false, message: 'from and to must be calendar dates (YYYY-MM-DD)' };
  const startMs = Date.parse(`${from}T00:00:00Z`) - CST_OFFSET_MS;
  const endMs = Date.parse(`${to}T00:00:00Z`) - CST_OFFSET_MS + DAY_MS;
  if (endMs <= startMs) return { ok: false, message: 'to must not be before from' };
  if ((endMs - startMs) / DAY_MS > PORTAL_LIMITS.statementPeriodDaysMax)
    return {
      ok: false,
      message: `a statement covers at most ${PORTAL_LIMITS.statementPeriodDaysMax} days`,
    };
  return { ok: true, period: { from, to, startMs, endMs } };
}

export function periodOfMonth(month: string): PeriodResult {
  const match = MONTH.exec(month);
  if (match === null) return { ok: false, message: 'month must be YYYY-MM' };
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return periodOfDays(`${month}-01`, `${month}-${String(lastDay).padStart(2, '0')}`);
}

/** The CST calendar date of an instant, as YYYY-MM-DD. */
export function cstDate(atMs: number): string {
  return new Date(atMs + CST_OFFSET_MS).toISOString().slice(0, 10);
}
