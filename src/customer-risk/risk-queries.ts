import type { Queryable } from '../store/index.js';
import { RISK_LIMITS } from './risk-limits.js';
import type { RiskLevel } from './risk-model.js';
import type { RiskReason } from './risk-score.js';
import type { RatingTrigger } from './rating-state.js';

export interface RatingListItem {
  customerId: string;
  customerKind: 'person' | 'entity';
  externalRef: string;
  score: number;
  computedLevel: RiskLevel;
  level: RiskLevel;
  overridden: boolean;
  overridePending: boolean;
  ratedAt: string;
  lastReviewedAt: string;
  nextReviewDate: string;
  reviewOverdue: boolean;
}

export interface RatingFilter {
  level?: RiskLevel;
  reviewOverdue?: boolean;
  limit?: number;
  cursor?: string;
}

/** Ratings in force on a platform, by customer id, with the review status as of `nowMs`. */
export async function listRatings(
  db: Queryable,
  platformId: string,
  filter: RatingFilter,
  nowMs = Date.now(),
): Promise<{ items: RatingListItem[]; nextCursor: string | null }> {
  const limit = Math.min(filter.limit ?? 100, RISK_LIMITS.listPageMax);
  const today = new Date(nowMs).toISOString().slice(0, 10);
  const rows = await db.query<{
    customer_id: string;
    kind: 'person' | 'entity';
    external_ref: string;
    score: number;
    computed_level: RiskLevel;
    level: RiskLevel;
    override_level: string | null;
    override_approval_id: string | null;
    rated_at: Date;
    last_reviewed_at: Date;
    next_review_date: string;
    overdue: boolean;
  }>(
    `SELECT s.customer_id, c.kind, c.external_ref, s.score, s.computed_level, s.level,
       s.override_level, s.override_approval_id, s.rated_at, s.last_reviewed_at,
       to_char(s.next_review_date, 'YYYY-MM-DD') AS next_review_date,
       s.next_review_date < $2::date AS overdue
     FROM customer_risk_state s JOIN customers c ON c.id = s.customer_id
     WHERE s.platform_id = $1
       AND ($3::text IS NULL OR s.level = $3)
       AND ($4::boolean IS NULL OR (s.next_review_date < $2::date) = $4)
       AND s.customer_id > $5
     ORDER BY s.customer_id LIMIT $6`,
    [
      platformId,
      today,
      filter.level ?? null,
      filter.reviewOverdue ?? null,
      filter.cursor ?? '',
      limit + 1,
    ],
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => ({
      customerId: row.customer_id,
      customerKind: row.kind,
      externalRef: row.external_ref,
      score: Number(row.score),
      computedLevel: row.computed_level,
      level: row.level,
      overridden: row.override_level !== null,
      overridePending: row.override_approval_id !== null,
      ratedAt: new Date(row.rated_at).toISOString(),
      lastReviewedAt: new Date(row.last_reviewed_at).toISOString(),
      nextReviewDate: row.next_review_date,
      reviewOverdue: row.overdue,
    })),
    nextCursor: rows.length > limit ? (page[page.length - 1]?.customer_id ?? null) : null,
  };
}

export interface RatingHistoryItem {
  ratingId: string;
  modelVersion: number;
  score: number;
  computedLevel: RiskLevel;
  level: RiskLevel;
  reasons: RiskReason[];
  trigger: RatingTrigger;
  note: string | null;
  ratedBy: string;
  ratedAt: string;
}

/** A customer's ratings, newest first. */
export async function ratingHistory(
  db: Queryable,
  platformId: string,
  customerId: string,
): Promise<RatingHistoryItem[]> {
  const rows = await db.query<{
    id: string;
    model_version: number;
    score: number;
    computed_level: RiskLevel;
    level: RiskLevel;
    reasons: RiskReason[];
    trigger: RatingTrigger;
    note: string | null;
    rated_by: string;
    rated_at: Date;
  }>(
    `SELECT id, model_version, score, computed_level, level, reasons, trigger, note, rated_by, rated_at
     FROM customer_risk_ratings WHERE platform_id = $1 AND customer_id = $2
     ORDER BY rated_at DESC, id DESC LIMIT $3`,
    [platformId, customerId, RISK_LIMITS.historyMax],
  );
  return rows.map((row) => ({
    ratingId: row.id,
    modelVersion: Number(row.model_version),
    score: Number(row.score),
    computedLevel: row.computed_level,
    level: row.level,
    reasons: row.reasons,
    trigger: row.trigger,
    note: row.note,
    ratedBy: row.rated_by,
    ratedAt: new Date(row.rated_at).toISOString(),
  }));
}
