import { FX_RATES_MAX, type FxRate } from '../monitor/index.js';
import type { Queryable } from '../store/index.js';

/** Dated rates older than this are not loaded, except each currency's newest older one. */
export const FX_RATE_HISTORY_DAYS = 400;

/**
 * The rates to CNY the engines convert thresholds with: every default, the dated rates of the
 * last FX_RATE_HISTORY_DAYS days and, per currency, the newest one before them, so that an
 * event of any day finds the rate the large-value report would use. Newest first when the
 * table holds more than FX_RATES_MAX of them.
 */
export async function loadFxRates(db: Queryable): Promise<FxRate[]> {
  const rows = await db.query<{ currency: string; day: number | string | null; micros: string }>(
    `SELECT currency, (effective_date - DATE '1970-01-01') AS day,
            cny_per_unit_micros::text AS micros
     FROM report_fx_rates r
     WHERE effective_date IS NULL
        OR effective_date >= current_date - $1::int
        OR effective_date = (SELECT max(effective_date) FROM report_fx_rates o
                             WHERE o.currency = r.currency
                               AND o.effective_date < current_date - $1::int)
     ORDER BY effective_date DESC NULLS FIRST, currency
     LIMIT $2`,
    [FX_RATE_HISTORY_DAYS, FX_RATES_MAX],
  );
  if (rows.length === FX_RATES_MAX)
    process.emitWarning(
      `monitoring: the newest ${FX_RATES_MAX} exchange rates are loaded, older ones are left out; thresholds converted for days before them may use a later rate`,
    );
  return rows.map((row) => ({
    currency: row.currency,
    effectiveDay: row.day === null ? null : Number(row.day),
    cnyPerUnitMicros: BigInt(row.micros),
  }));
}
