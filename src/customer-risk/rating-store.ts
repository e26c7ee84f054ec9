import { appendAuditRecords, type AuditRecordInput } from '../audit/audit-record-store.js';
import { assert } from '../assert.js';
import { newId, type Queryable } from '../store/index.js';
import { RISK_LIMITS } from './risk-limits.js';
import type { RiskLevel, RiskModel } from './risk-model.js';
import type { RiskReason } from './risk-score.js';
import type { RatingState, RatingTrigger } from './rating-state.js';

type StateRow = {
  customer_id: string;
  rating_id: string;
  score: number;
  computed_level: RiskLevel;
  level: RiskLevel;
  override_level: RiskLevel | null;
  override_reason: string | null;
  override_by: string | null;
  override_approved_by: string | null;
  override_base_score: number | null;
  override_approval_id: string | null;
  override_model_version: number | null;
  override_base_level: RiskLevel | null;
  rated_at: Date;
  last_reviewed_at: Date;
  next_review_date: string;
  review_alerted_for: string | null;
};

const STATE_COLUMNS = `customer_id, rating_id, score, computed_level, level, override_level,
  override_reason, override_by, override_approved_by, override_base_score, override_approval_id,
  rated_at, last_reviewed_at, to_char(next_review_date, 'YYYY-MM-DD') AS next_review_date,
  to_char(review_alerted_for, 'YYYY-MM-DD') AS review_alerted_for`;

function stateOfRow(row: StateRow): RatingState {
  return {
    ratingId: row.rating_id,
    score: Number(row.score),
    computedLevel: row.computed_level,
    level: row.level,
    override:
      row.override_level === null
        ? null
        : {
            level: row.override_level,
            reason: row.override_reason ?? '',
            by: row.override_by ?? '',
            approvedBy: row.override_approved_by,
            baseScore: Number(row.override_base_score ?? 0),
            baseLevel: row.override_base_level ?? row.computed_level,
            modelVersion: Number(row.override_model_version ?? -1),
          },
    overrideApprovalId: row.override_approval_id,
    ratedAtMs: new Date(row.rated_at).getTime(),
    lastReviewedAtMs: new Date(row.last_reviewed_at).getTime(),
    nextReviewDate: row.next_review_date,
    reviewAlertedFor: row.review_alerted_for,
  };
}

/** Serializes rating writes of one platform (ratings, overrides, reviews) in this transaction. */
export async function lockPlatformRatings(tx: Queryable, platformId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`risk_rating:${platformId}`]);
}

export async function loadStates(
  db: Queryable,
  platformId: string,
  customerIds: readonly string[],
): Promise<Map<string, RatingState>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db.query<StateRow>(
    `SELECT ${STATE_COLUMNS}, o.base_version AS override_model_version,
       o.base_level AS override_base_level
     FROM customer_risk_state s
     LEFT JOIN LATERAL (
       SELECT r.model_version AS base_version, r.computed_level AS base_level
       FROM customer_risk_ratings r
       WHERE s.override_level IS NOT NULL AND r.customer_id = s.customer_id
         AND r.platform_id = s.platform_id AND r.trigger = 'override'
       ORDER BY r.rated_at DESC, r.id DESC LIMIT 1
     ) o ON true
     WHERE s.platform_id = $1 AND s.customer_id = ANY($2::text[])`,
    [platformId, customerIds],
  );
  return new Map(rows.map((row) => [row.customer_id, stateOfRow(row)]));
}

export interface RatingRecord {
  customerId: string;
  modelVersion: number;
  score: number;
  computedLevel: RiskLevel;
  level: RiskLevel;
  reasons: readonly RiskReason[];
  trigger: RatingTrigger;
  note: string | null;
  state: RatingState;
}

/**
 * Writes ratings (history rows, one statement), the states in force (one upsert), the
 * enhanced due diligence items each level in force requires (pending, where not yet
 * recorded) and one audit record per rating, all in the caller's transaction.
 */
export async function writeRatings(
  tx: Queryable,
  actor: string,
  platformId: string,
  model: RiskModel,
  records: readonly RatingRecord[],
  nowMs: number,
): Promise<void> {
  assert(records.length <= RISK_LIMITS.changedPerSweepMax, 'ratings per write are bounded');
  if (records.length === 0) return;
  const at = new Date(nowMs).toISOString();
  await tx.query(
    `INSERT INTO customer_risk_ratings (id, platform_id, customer_id, model_version, score,
       computed_level, level, reasons, trigger, note, rated_by, rated_at)
     SELECT r.id, $2, r.customer_id, r.model_version, r.score, r.computed_level, r.level,
       r.reasons, r.trigger, r.note, $3, $4::timestamptz
     FROM json_to_recordset($1::json) AS r(id text, customer_id text, model_version integer,
       score integer, computed_level text, level text, reasons jsonb, trigger text, note text)`,
    [
      JSON.stringify(
        records.map((r) => ({
          id: r.state.ratingId,
          customer_id: r.customerId,
          model_version: r.modelVersion,
          score: r.score,
          computed_level: r.computedLevel,
          level: r.level,
          reasons: r.reasons,
          trigger: r.trigger,
          note: r.note,
        })),
      ),
      platformId,
      actor,
      at,
    ],
  );
  await upsertStates(
    tx,
    platformId,
    records.map((r) => [r.customerId, r.state] as const),
  );
  await ensureEddItems(tx, actor, platformId, model, records);
  await appendAuditRecords(
    tx,
    records.map((r): AuditRecordInput => ({
      platformId,
      actor,
      action: r.trigger === 'override' ? 'risk_rating.overridden' : 'risk_rating.rated',
      subjectType: 'customer',
      subjectId: r.customerId,
      payload: {
        ratingId: r.state.ratingId,
        modelVersion: r.modelVersion,
        score: r.score,
        computedLevel: r.computedLevel,
        level: r.level,
        trigger: r.trigger,
        nextReviewDate: r.state.nextReviewDate,
      },
      atMs: nowMs,
    })),
  );
}

export async function upsertStates(
  tx: Queryable,
  platformId: string,
  states: readonly (readonly [string, RatingState])[],
): Promise<void> {
  await tx.query(
    `INSERT INTO customer_risk_state AS s (platform_id, customer_id, rating_id, score,
       computed_level, level, override_level, override_reason, override_by, override_approved_by,
       override_base_score, override_approval_id, rated_at, last_reviewed_at, next_review_date,
       review_alerted_for)
     SELECT $2, r.customer_id, r.rating_id, r.score, r.computed_level, r.level, r.override_level,
       r.override_reason, r.override_by, r.override_approved_by, r.override_base_score,
       r.override_approval_id, r.rated_at, r.last_reviewed_at, r.next_review_date,
       r.review_alerted_for
     FROM json_to_recordset($1::json) AS r(customer_id text, rating_id text, score integer,
       computed_level text, level text, override_level text, override_reason text,
       override_by text, override_approved_by text, override_base_score integer,
       override_approval_id text, rated_at timestamptz, last_reviewed_at timestamptz,
       next_review_date date, review_alerted_for date)
     ON CONFLICT (platform_id, customer_id) DO UPDATE SET rating_id = EXCLUDED.rating_id,
       score = EXCLUDED.score, computed_level = EXCLUDED.computed_level, level = EXCLUDED.level,
       override_level = EXCLUDED.override_level, override_reason = EXCLUDED.override_reason,
       override_by = EXCLUDED.override_by, override_approved_by = EXCLUDED.override_approved_by,
       override_base_score = EXCLUDED.override_base_score,
       override_approval_id = EXCLUDED.override_approval_id, rated_at = EXCLUDED.rated_at,
       last_reviewed_at = EXCLUDED.last_reviewed_at, next_review_date = EXCLUDED.next_review_date,
       review_alerted_for = EXCLUDED.review_alerted_for`,
    [
      JSON.stringify(
        states.map(([customerId, s]) => ({
          customer_id: customerId,
          rating_id: s.ratingId,
          score: s.score,
          computed_level: s.computedLevel,
          level: s.level,
          override_level: s.override?.level ?? null,
          override_reason: s.override?.reason ?? null,
          override_by: s.override?.by ?? null,
          override_approved_by: s.override?.approvedBy ?? null,
          override_base_score: s.override?.baseScore ?? null,
          override_approval_id: s.overrideApprovalId,
          rated_at: new Date(s.ratedAtMs).toISOString(),
          last_reviewed_at: new Date(s.lastReviewedAtMs).toISOString(),
          next_review_date: s.nextReviewDate,
          review_alerted_for: s.reviewAlertedFor,
        })),
      ),
      platformId,
    ],
  );
}

async function ensureEddItems(
  tx: Queryable,
  actor: string,
  platformId: string,
  model: RiskModel,
  records: readonly RatingRecord[],
): Promise<void> {
  const rows = records.flatMap((r) =>
    model.edd[r.state.level].map((item) => ({ customer_id: r.customerId, item })),
  );
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO customer_edd_items (platform_id, customer_id, item, status, updated_by)
     SELECT $2, r.customer_id, r.item, 'pending', $3
     FROM json_to_recordset($1::json) AS r(customer_id text, item text)
     ON CONFLICT (platform_id, customer_id, item) DO NOTHING`,
    [JSON.stringify(rows), platformId, actor],
  );
}

export function newRatingId(nowMs: number): string {
  return newId('rrt', nowMs);
}
