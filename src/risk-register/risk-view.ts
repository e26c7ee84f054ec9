import { bandOf, toleranceStatusOf } from './scoring.js';
import type {
  GridPoint,
  RiskCategory,
  RiskStatus,
  RiskTreatment,
  ScoreBand,
  ToleranceStatus,
} from './risk-types.js';
import { reviewState } from './review-schedule.js';
import { RISK_LIMITS } from './risk-limits.js';

export interface RiskView {
  id: string;
  platformId: string;
  code: string;
  title: string;
  description: string;
  category: RiskCategory;
  cause: string;
  consequence: string;
  ownerId: string;
  inherent: GridPoint & { score: number; band: ScoreBand };
  residual: GridPoint & { score: number; band: ScoreBand };
  appetiteScore: number;
  toleranceScore: number;
  toleranceStatus: ToleranceStatus;
  treatment: RiskTreatment;
  treatmentPlan: string;
  transferCover: string | null;
  reviewCadenceDays: number;
  nextReviewOn: string;
  reviewState: 'overdue' | 'due_soon' | 'scheduled';
  status: RiskStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const RISK_COLUMNS = `id, platform_id, code, title, description, category, cause, consequence,
  owner_id, inherent_likelihood, inherent_impact, residual_likelihood, residual_impact,
  appetite_score, tolerance_score, treatment, treatment_plan, transfer_cover,
  review_cadence_days, to_char(next_review_on, 'YYYY-MM-DD') AS next_review_on, status,
  created_by, created_at, updated_at`;

function point(likelihood: unknown, impact: unknown) {
  const l = Number(likelihood);
  const i = Number(impact);
  return { likelihood: l, impact: i, score: l * i, band: bandOf(l * i) };
}

export function riskView(row: Record<string, unknown>, today: string): RiskView {
  const inherent = point(row.inherent_likelihood, row.inherent_impact);
  const residual = point(row.residual_likelihood, row.residual_impact);
  const appetiteScore = Number(row.appetite_score);
  const toleranceScore = Number(row.tolerance_score);
  const nextReviewOn = String(row.next_review_on);
  const status = row.status as RiskStatus;
  return {
    id: String(row.id),
    platformId: String(row.platform_id),
    code: String(row.code),
    title: String(row.title),
    description: String(row.description),
    category: row.category as RiskCategory,
    cause: String(row.cause),
    consequence: String(row.consequence),
    ownerId: String(row.owner_id),
    inherent,
    residual,
    appetiteScore,
    toleranceScore,
    toleranceStatus: toleranceStatusOf(residual.score, appetiteScore, toleranceScore),
    treatment: row.treatment as RiskTreatment,
    treatmentPlan: String(row.treatment_plan),
    transferCover: row.transfer_cover === null ? null : String(row.transfer_cover),
    reviewCadenceDays: Number(row.review_cadence_days),
    nextReviewOn,
    reviewState:
      status === 'retired'
        ? 'scheduled'
        : reviewState(nextReviewOn, today, RISK_LIMITS.reviewReminderDays),
    status,
    createdBy: String(row.created_by),
    createdAt: new Date(row.created_at as string).toISOString(),
    updatedAt: new Date(row.updated_at as string).toISOString(),
  };
}
