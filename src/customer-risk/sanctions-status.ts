import type { Queryable } from '../store/index.js';
import type { SanctionsStatus } from './risk-model.js';

/**
 * How the risk rating learns a customer's sanctions screening status: a narrow port, so the
 * rating depends on no screening code. The default reader looks, in order, for
 *
 * 1. a relation `customer_screening_status (platform_id, customer_id, status)` with `status`
 *    one of clear, potential_match, confirmed_match (a view a deployment may define);
 * 2. the screening tables `screening_results` (latest screening per party) and
 *    `screening_reviews` (reviews of hits): a review decided `true_match` is a confirmed
 *    match; an open review, or hits without a review, a potential match; a screening without
 *    hits, or whose hits were all found false positives, is clear;
 *
 * and checks the columns it reads exist before reading, so a missing or different schema
 * means "not screened" rather than a failed transaction.
 */
export type SanctionsStatusReader = (
  db: Queryable,
  platformId: string,
  customerIds: readonly string[],
) => Promise<Map<string, SanctionsStatus>>;

export const SCREENING_STATUS_RELATION = 'customer_screening_status';

const STATUS_COLUMNS: Record<string, readonly string[]> = {
  customer_screening_status: ['platform_id', 'customer_id', 'status'],
  screening_results: ['platform_id', 'party_kind', 'customer_id', 'hit_count'],
  screening_reviews: ['platform_id', 'customer_id', 'status'],
};

async function hasColumns(db: Queryable, relation: string): Promise<boolean> {
  const wanted = STATUS_COLUMNS[relation] ?? [];
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND column_name = ANY($2::text[])`,
    [relation, wanted],
  );
  return Number(rows[0]?.n ?? 0) === wanted.length;
}

const DERIVED_SQL = `
SELECT ids.id AS customer_id,
  CASE
    WHEN EXISTS (SELECT 1 FROM screening_reviews v WHERE v.platform_id = $1
      AND v.customer_id = ids.id AND v.status = 'true_match') THEN 'confirmed_match'
    WHEN EXISTS (SELECT 1 FROM screening_reviews v WHERE v.platform_id = $1
      AND v.customer_id = ids.id AND v.status IN ('open', 'release_proposed')) THEN 'potential_match'
    WHEN EXISTS (SELECT 1 FROM screening_results r WHERE r.platform_id = $1
      AND r.customer_id = ids.id AND r.hit_count > 0)
      AND NOT EXISTS (SELECT 1 FROM screening_reviews v WHERE v.platform_id = $1
      AND v.customer_id = ids.id) THEN 'potential_match'
    WHEN EXISTS (SELECT 1 FROM screening_results r WHERE r.platform_id = $1
      AND r.customer_id = ids.id) THEN 'clear'
    ELSE 'not_screened'
  END AS status
FROM unnest($2::text[]) AS ids(id)`;

const ORDER: readonly SanctionsStatus[] = [
  'not_screened',
  'clear',
  'potential_match',
  'confirmed_match',
];

function severer(a: SanctionsStatus, b: SanctionsStatus): SanctionsStatus {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

export const readScreeningStatus: SanctionsStatusReader = async (db, platformId, customerIds) => {
  const statuses = new Map<string, SanctionsStatus>();
  for (const id of customerIds) statuses.set(id, 'not_screened');
  if (customerIds.length === 0) return statuses;
  let sql: string | null = null;
  if (await hasColumns(db, SCREENING_STATUS_RELATION)) {
    sql = `SELECT customer_id, status::text AS status FROM ${SCREENING_STATUS_RELATION}
           WHERE platform_id = $1 AND customer_id = ANY($2::text[])`;
  } else if (
    (await hasColumns(db, 'screening_results')) &&
    (await hasColumns(db, 'screening_reviews'))
  ) {
    sql = DERIVED_SQL;
  }
  if (sql === null) return statuses;
  const rows = await db.query<{ customer_id: string; status: string }>(sql, [
    platformId,
    customerIds,
  ]);
  for (const row of rows) {
    if (!(ORDER as readonly string[]).includes(row.status)) continue;
    const previous = statuses.get(row.customer_id) ?? 'not_screened';
    statuses.set(row.customer_id, severer(previous, row.status as SanctionsStatus));
  }
  return statuses;
};
