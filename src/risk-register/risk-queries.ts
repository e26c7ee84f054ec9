import type { Queryable } from '../store/index.js';
import { todayCst } from './review-schedule.js';
import { RISK_LIMITS } from './risk-limits.js';
import type { RiskCategory, ScoreBand } from './risk-types.js';
import { RISK_COLUMNS, riskView, type RiskView } from './risk-view.js';

export async function findRisk(
  db: Queryable,
  platformId: string,
  riskId: string,
  options: { lock?: boolean; nowMs?: number } = {},
): Promise<RiskView | null> {
  const rows = await db.query(
    `SELECT ${RISK_COLUMNS} FROM risks WHERE id = $1 AND platform_id = $2
     ${options.lock === true ? 'FOR UPDATE' : ''}`,
    [riskId, platformId],
  );
  return rows[0] === undefined ? null : riskView(rows[0], todayCst(options.nowMs ?? Date.now()));
}

export interface RiskFilter {
  category?: RiskCategory;
  ownerId?: string;
  status?: 'active' | 'retired';
  band?: ScoreBand;
  /** Only risks in one cell of the grid: 'inherent' or 'residual' at likelihood × impact. */
  cell?: { grid: 'inherent' | 'residual'; likelihood: number; impact: number };
  overdue?: boolean;
  limit?: number;
}

/** Risks of a platform, the highest residual score first, then by code. */
export async function listRisks(
  db: Queryable,
  platformId: string,
  filter: RiskFilter,
  nowMs = Date.now(),
): Promise<RiskView[]> {
  const where = ['platform_id = $1'];
  const params: unknown[] = [platformId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.category !== undefined) add('category = ?', filter.category);
  if (filter.ownerId !== undefined) add('owner_id = ?', filter.ownerId);
  add('status = ?', filter.status ?? 'active');
  if (filter.cell !== undefined) {
    add(`${filter.cell.grid}_likelihood = ?`, filter.cell.likelihood);
    add(`${filter.cell.grid}_impact = ?`, filter.cell.impact);
  }
  if (filter.overdue === true) add('next_review_on < ?::date', todayCst(nowMs));
  const limit = Math.min(
    filter.limit ?? RISK_LIMITS.risksPerPlatformMax,
    RISK_LIMITS.risksPerPlatformMax,
  );
  params.push(limit);
  const rows = await db.query(
    `SELECT ${RISK_COLUMNS} FROM risks WHERE ${where.join(' AND ')}
     ORDER BY residual_likelihood * residual_impact DESC, code LIMIT $${params.length}`,
    params,
  );
  const today = todayCst(nowMs);
  const risks = rows.map((row) => riskView(row, today));
  return filter.band === undefined ? risks : risks.filter((r) => r.residual.band === filter.band);
}

export interface AssessmentRow {
  id: string;
  reason: string;
  inherent: { likelihood: number; impact: number; score: number };
  residual: { likelihood: number; impact: number; score: number };
  toleranceStatus: string;
  controlBasis: unknown;
  note: string | null;
  assessedBy: string;
  assessedAt: string;
}

/** The history of every assessment of a risk, newest first. */
export async function riskHistory(db: Queryable, riskId: string): Promise<AssessmentRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, reason, inherent_likelihood, inherent_impact, residual_likelihood,
       residual_impact, tolerance_status, control_basis, note, assessed_by, assessed_at
     FROM risk_assessments WHERE risk_id = $1 ORDER BY id DESC LIMIT $2`,
    [riskId, RISK_LIMITS.historyMax],
  );
  const grid = (l: unknown, i: unknown) => ({
    likelihood: Number(l),
    impact: Number(i),
    score: Number(l) * Number(i),
  });
  return rows.map((r) => ({
    id: String(r.id),
    reason: String(r.reason),
    inherent: grid(r.inherent_likelihood, r.inherent_impact),
    residual: grid(r.residual_likelihood, r.residual_impact),
    toleranceStatus: String(r.tolerance_status),
    controlBasis: r.control_basis,
    note: r.note === null ? null : String(r.note),
    assessedBy: String(r.assessed_by),
    assessedAt: new Date(r.assessed_at as string).toISOString(),
  }));
}
