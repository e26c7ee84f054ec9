import { assert } from '../assert.js';
import type { AlertInput } from '../cases/alert-input.js';
import { raiseAlerts } from '../cases/raise-alerts.js';
import type { Queryable } from '../store/index.js';
import { loadLinkedControls } from './linked-controls.js';
import { addDays, todayCst } from './review-schedule.js';
import { riskAudit } from './risk-audit.js';
import type { AssessmentReason, GridPoint, ToleranceStatus } from './risk-types.js';
import type { RiskView } from './risk-view.js';
import { residualOf, scoreOf, toleranceStatusOf } from './scoring.js';

export interface AssessmentOutcome {
  assessmentId: string;
  inherent: GridPoint;
  residual: GridPoint;
  toleranceStatus: ToleranceStatus;
  changed: boolean;
}

/**
 * Scores a risk the caller has locked: residual from the inherent point and the linked
 * controls' effectiveness after their latest tests; writes the risk, one history row and an
 * audit record, and raises an alert when the residual score is above tolerance.
 * `terms` carries the appetite, tolerance and treatment to use (already validated).
 */
export async function recordAssessment(
  tx: Queryable,
  risk: RiskView,
  change: {
    inherent: GridPoint;
    reason: AssessmentReason;
    note: string | null;
    actor: string;
    nowMs: number;
    nextReviewOn: string | null;
    terms: { appetiteScore: number; toleranceScore: number; transferCover: string | null };
  },
): Promise<AssessmentOutcome> {
  const controls = await loadLinkedControls(tx, risk.platformId, risk.id);
  const { residual, basis } = residualOf(
    change.inherent,
    controls.map((c) => ({
      controlId: c.controlId,
      kind: c.kind,
      declared: c.declaredEffectiveness,
      latestOutcome: c.latestOutcome,
    })),
    change.terms.transferCover !== null,
  );
  const residualScore = scoreOf(residual);
  assert(residualScore <= scoreOf(change.inherent), 'residual score within inherent');
  const toleranceStatus = toleranceStatusOf(
    residualScore,
    change.terms.appetiteScore,
    change.terms.toleranceScore,
  );
  const nextReviewOn = change.nextReviewOn ?? risk.nextReviewOn;
  await tx.query(
    `UPDATE risks SET inherent_likelihood = $2, inherent_impact = $3, residual_likelihood = $4,
       residual_impact = $5, next_review_on = $6::date, updated_at = $7 WHERE id = $1`,
    [
      risk.id,
      change.inherent.likelihood,
      change.inherent.impact,
      residual.likelihood,
      residual.impact,
      nextReviewOn,
      new Date(change.nowMs),
    ],
  );
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO risk_assessments (risk_id, platform_id, reason, inherent_likelihood,
       inherent_impact, residual_likelihood, residual_impact, tolerance_status, control_basis,
       note, assessed_by, assessed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12) RETURNING id`,
    [
      risk.id,
      risk.platformId,
      change.reason,
      change.inherent.likelihood,
      change.inherent.impact,
      residual.likelihood,
      residual.impact,
      toleranceStatus,
      JSON.stringify(basis),
      change.note,
      change.actor,
      new Date(change.nowMs),
    ],
  );
  const assessmentId = String(rows[0]?.id);
  await riskAudit(tx, {
    actor: change.actor,
    platformId: risk.platformId,
    action: `risk.${change.reason}`,
    subjectType: 'risk',
    subjectId: risk.id,
    payload: { assessmentId, inherent: change.inherent, residual, toleranceStatus, nextReviewOn },
    nowMs: change.nowMs,
  });
  if (toleranceStatus === 'above_tolerance')
    await raiseAlerts(
      tx,
      [toleranceAlert(risk, residual, change.terms.toleranceScore, change.nowMs)],
      {
        nowMs: change.nowMs,
      },
    );
  const changed =
    residual.likelihood !== risk.residual.likelihood ||
    residual.impact !== risk.residual.impact ||
    change.inherent.likelihood !== risk.inherent.likelihood ||
    change.inherent.impact !== risk.inherent.impact;
  return { assessmentId, inherent: change.inherent, residual, toleranceStatus, changed };
}

function toleranceAlert(
  risk: RiskView,
  residual: GridPoint,
  toleranceScore: number,
  nowMs: number,
): AlertInput {
  const score = scoreOf(residual);
  return {
    alertKey: `risk-tolerance:${risk.id}:${score}`,
    platformId: risk.platformId,
    source: 'kri',
    ruleId: 'risk.above_tolerance',
    ruleVersion: 1,
    severity: score >= 16 ? 'critical' : 'high',
    customerId: null,
    score: score / 25,
    atMs: nowMs,
    explanation: {
      summary: `Risk ${risk.code} (${risk.title}) residual score ${score} is above its tolerance ${toleranceScore}`,
      values: { riskId: risk.id, residualScore: score, ownerId: risk.ownerId },
      thresholds: { toleranceScore },
      eventIds: [],
    },
  };
}

/** The next review date after an assessment on `nowMs`: today plus the cadence. */
export function nextReviewAfter(nowMs: number, cadenceDays: number): string {
  return addDays(todayCst(nowMs), cadenceDays);
}
