import type { Queryable } from '../store/index.js';
import { addDays, todayCst } from './review-schedule.js';
import { RISK_LIMITS } from './risk-limits.js';

/**
 * The risk register's key risk indicators of a platform (seed §12.1.2: responsibility is
 * measured): overdue risk and partner reviews, risks above tolerance, qualifications expiring.
 * Each detail names the owners and how many of their reviews are overdue.
 */
export async function measureRiskRegisterKris(
  db: Queryable,
  platformId: string,
  nowMs: number,
): Promise<Map<string, { value: number; detail: Record<string, unknown> }>> {
  const today = todayCst(nowMs);
  const rows = await db.query<{ kind: string; owner_id: string; n: string }>(
    `SELECT 'risk_reviews_overdue' AS kind, owner_id, count(*) AS n FROM risks
       WHERE platform_id = $1 AND status = 'active' AND next_review_on < $2::date GROUP BY owner_id
     UNION ALL
     SELECT 'partner_reviews_overdue', owner_id, count(*) FROM partners
       WHERE platform_id = $1 AND status = 'active' AND next_review_on < $2::date GROUP BY owner_id
     UNION ALL
     SELECT 'risks_above_tolerance', owner_id, count(*) FROM risks
       WHERE platform_id = $1 AND status = 'active'
         AND residual_likelihood * residual_impact > tolerance_score GROUP BY owner_id
     UNION ALL
     SELECT 'qualifications_expiring', p.owner_id, count(*) FROM partner_qualifications q
       JOIN partners p ON p.id = q.partner_id
       WHERE q.platform_id = $1 AND p.status = 'active' AND q.expires_on <= $3::date
       GROUP BY p.owner_id`,
    [platformId, today, addDays(today, RISK_LIMITS.qualificationWarnDays)],
  );
  const result = new Map<string, { value: number; detail: Record<string, unknown> }>();
  for (const kind of RISK_REGISTER_KRI_IDS) result.set(kind, { value: 0, detail: { byOwner: {} } });
  for (const row of rows) {
    const entry = result.get(row.kind);
    if (entry === undefined) continue;
    entry.value += Number(row.n);
    (entry.detail.byOwner as Record<string, number>)[row.owner_id] = Number(row.n);
  }
  return result;
}

export const RISK_REGISTER_KRI_IDS = [
  'risk_reviews_overdue',
  'partner_reviews_overdue',
  'risks_above_tolerance',
  'qualifications_expiring',
] as const;
