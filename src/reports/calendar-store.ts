import { appendAuditRecords } from '../audit/audit-record-store.js';
import { assert } from '../assert.js';
import type { Queryable } from '../store/index.js';
import { epochDayOfIso, isoOfEpochDay, type EpochDay } from './cst-day.js';
import { REPORT_LIMITS } from './report-limits.js';
import type { WorkingCalendar } from './working-days.js';

/** The listed holidays and make-up workdays from `fromDay` on (a deadline never looks back). */
export async function loadWorkingCalendar(
  db: Queryable,
  fromDay: EpochDay,
): Promise<WorkingCalendar> {
  const rows = await db.query<{ day: string; kind: 'holiday' | 'workday' }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM report_calendar_days
     WHERE day >= $1::date ORDER BY day LIMIT $2`,
    [isoOfEpochDay(fromDay), REPORT_LIMITS.calendarDaysMax],
  );
  const holidays = new Set<EpochDay>();
  const workdays = new Set<EpochDay>();
  for (const row of rows)
    (row.kind === 'holiday' ? holidays : workdays).add(epochDayOfIso(row.day));
  return { holidays, workdays };
}

export type CalendarDayKind = 'holiday' | 'workday' | 'normal';

/** Marks a day as a holiday or a make-up workday; 'normal' returns it to the weekday rule. */
export async function setCalendarDay(
  tx: Queryable,
  actor: string,
  day: string,
  kind: CalendarDayKind,
  note: string | null,
): Promise<void> {
  epochDayOfIso(day);
  if (kind === 'normal') {
    await tx.query('DELETE FROM report_calendar_days WHERE day = $1::date', [day]);
  } else {
    await tx.query(
      `INSERT INTO report_calendar_days (day, kind, note, updated_by) VALUES ($1::date, $2, $3, $4)
       ON CONFLICT (day) DO UPDATE
         SET kind = EXCLUDED.kind, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by,
             updated_at = now()`,
      [day, kind, note, actor],
    );
  }
  await appendAuditRecords(tx, [
    {
      platformId: null,
      actor,
      action: 'report.calendar_set',
      subjectType: 'calendar_day',
      subjectId: day,
      payload: { kind, note },
      atMs: Date.now(),
    },
  ]);
}

/** Sets a currency's rate to CNY for a day, or its default when `day` is null. */
export async function setFxRate(
  tx: Queryable,
  actor: string,
  currency: string,
  day: string | null,
  cnyPerUnitMicros: bigint,
): Promise<void> {
  assert(currency !== 'CNY', 'CNY needs no rate');
  if (day !== null) epochDayOfIso(day);
  const conflict =
    day === null
      ? '(currency) WHERE effective_date IS NULL'
      : '(currency, effective_date) WHERE effective_date IS NOT NULL';
  await tx.query(
    `INSERT INTO report_fx_rates (currency, effective_date, cny_per_unit_micros, updated_by)
     VALUES ($1, $2::date, $3, $4)
     ON CONFLICT ${conflict} DO UPDATE
       SET cny_per_unit_micros = EXCLUDED.cny_per_unit_micros,
           updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [currency, day, cnyPerUnitMicros.toString(), actor],
  );
  await appendAuditRecords(tx, [
    {
      platformId: null,
      actor,
      action: 'report.fx_rate_set',
      subjectType: 'fx_rate',
      subjectId: `${currency}:${day ?? 'default'}`,
      payload: { currency, day, cnyPerUnitMicros: cnyPerUnitMicros.toString() },
      atMs: Date.now(),
    },
  ]);
}

/** Each currency's rate for `day`: the latest dated one on or before it, else the default. */
export async function loadCnyRates(db: Queryable, day: EpochDay): Promise<Map<string, bigint>> {
  const rows = await db.query<{ currency: string; micros: string }>(
    `SELECT DISTINCT ON (currency) currency, cny_per_unit_micros::text AS micros
     FROM report_fx_rates
     WHERE effective_date IS NULL OR effective_date <= $1::date
     ORDER BY currency, effective_date DESC NULLS LAST`,
    [isoOfEpochDay(day)],
  );
  return new Map(rows.map((row) => [row.currency, BigInt(row.micros)]));
}
