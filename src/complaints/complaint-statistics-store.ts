import type { Queryable } from '../store/index.js';
import { COMPLAINT_LIMITS } from './complaint-limits.js';
import {
  complaintStatistics,
  countsAsOverdue,
  type StatisticsInput,
  type StatisticsRow,
} from './complaint-statistics.js';
import type { ComplaintCategory } from './complaint-types.js';

type Row = {
  platform_id: string;
  category: ComplaintCategory;
  created_at: Date;
  acknowledge_due_at: Date;
  resolve_due_at: Date;
  acknowledged_at: Date | null;
  closed_at: Date | null;
};

const ms = (value: Date | null) => (value === null ? null : new Date(value).getTime());

/** Complaints received since `sinceMs` on the platforms named (all when null), newest first. */
export async function loadStatisticsInputs(
  db: Queryable,
  platformIds: readonly string[] | null,
  sinceMs: number,
): Promise<StatisticsInput[]> {
  const rows = await db.query<Row>(
    `SELECT platform_id, category, created_at, acknowledge_due_at, resolve_due_at,
       acknowledged_at, closed_at
     FROM complaints
     WHERE created_at >= $1 AND ($2::text[] IS NULL OR platform_id = ANY($2::text[]))
     ORDER BY created_at DESC LIMIT $3`,
    [new Date(sinceMs), platformIds, COMPLAINT_LIMITS.statisticsRowsMax],
  );
  return rows.map((row) => ({
    platformId: row.platform_id,
    category: row.category,
    createdAtMs: new Date(row.created_at).getTime(),
    acknowledgeDueMs: new Date(row.acknowledge_due_at).getTime(),
    resolveDueMs: new Date(row.resolve_due_at).getTime(),
    acknowledgedMs: ms(row.acknowledged_at),
    closedMs: ms(row.closed_at),
  }));
}

export async function complaintStatisticsOf(
  db: Queryable,
  platformIds: readonly string[] | null,
  months: number,
  nowMs = Date.now(),
): Promise<{ rows: StatisticsRow[]; since: string; complaints: number; truncated: boolean }> {
  const bounded = Math.min(Math.max(months, 1), COMPLAINT_LIMITS.statisticsMonthsMax);
  const sinceMs = nowMs - bounded * 31 * 86_400_000;
  const inputs = await loadStatisticsInputs(db, platformIds, sinceMs);
  return {
    rows: complaintStatistics(inputs, nowMs),
    since: new Date(sinceMs).toISOString(),
    complaints: inputs.length,
    truncated: inputs.length === COMPLAINT_LIMITS.statisticsRowsMax,
  };
}

const WINDOW_30D_MS = 30 * 86_400_000;
const WINDOW_90D_MS = 90 * 86_400_000;

/**
 * The complaint KRIs of a platform: complaints received in 30 days per 10,000 customers, and
 * the share of the last 90 days' complaints that missed a deadline.
 */
export async function measureComplaintKris(
  db: Queryable,
  platformId: string,
  nowMs: number,
): Promise<Map<string, { value: number; detail: Record<string, unknown> }>> {
  const customers = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM customers WHERE platform_id = $1 AND status = 'active'",
    [platformId],
  );
  const customerCount = Number(customers[0]?.n ?? 0);
  const inputs = await loadStatisticsInputs(db, [platformId], nowMs - WINDOW_90D_MS);
  const last30 = inputs.filter((input) => input.createdAtMs >= nowMs - WINDOW_30D_MS).length;
  const overdue = inputs.filter((input) => countsAsOverdue(input, nowMs)).length;
  return new Map([
    [
      'complaints_per_10k_customers_30d',
      {
        value: customerCount === 0 ? 0 : (last30 * 10_000) / customerCount,
        detail: { complaints30d: last30, activeCustomers: customerCount },
      },
    ],
    [
      'complaints_overdue_share_90d',
      {
        value: inputs.length === 0 ? 0 : overdue / inputs.length,
        detail: { complaints90d: inputs.length, overdue },
      },
    ],
  ]);
}
