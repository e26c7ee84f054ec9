import { assert } from '../assert.js';
import type { Database } from '../store/index.js';
import { findControls } from './control-results.js';
import type { ControlLinkInput } from './risk-inputs.js';
import { findRisk } from './risk-queries.js';
import { recordAssessment, type AssessmentOutcome } from './record-assessment.js';
import { riskAudit } from './risk-audit.js';
import { RISK_LIMITS } from './risk-limits.js';
import { riskFailure, riskSuccess, type RiskResult } from './risk-result.js';

/** Links a compliance control to a risk (or changes the link) and re-scores the risk. */
export async function linkControl(
  db: Database,
  platformId: string,
  riskId: string,
  controlId: string,
  input: ControlLinkInput,
  actor: string,
  nowMs = Date.now(),
): Promise<RiskResult<AssessmentOutcome>> {
  return db.transaction(async (tx) => {
    const risk = await findRisk(tx, platformId, riskId, { lock: true, nowMs });
    if (risk === null) return riskFailure('not_found', `risk ${riskId} not found`);
    if (risk.status !== 'active') return riskFailure('invalid_state', 'the risk is retired');
    const controls = await findControls(tx, [controlId]);
    if (!controls.has(controlId)) return riskFailure('not_found', `control ${controlId} not found`);
    const counted = await tx.query<{ n: string; linked: boolean }>(
      `SELECT count(*) AS n, bool_or(control_id = $2) AS linked FROM risk_controls
       WHERE risk_id = $1`,
      [riskId, controlId],
    );
    const linked = counted[0]?.linked === true;
    if (!linked && Number(counted[0]?.n) >= RISK_LIMITS.controlsPerRiskMax)
      return riskFailure(
        'invalid_state',
        `at most ${RISK_LIMITS.controlsPerRiskMax} controls per risk`,
      );
    // Every refusal is above this line: a transaction that returns commits what it wrote.
    await tx.query(
      `INSERT INTO risk_controls (risk_id, control_id, control_kind, declared_effectiveness,
         linked_by, linked_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (risk_id, control_id) DO UPDATE SET control_kind = EXCLUDED.control_kind,
         declared_effectiveness = EXCLUDED.declared_effectiveness,
         linked_by = EXCLUDED.linked_by, linked_at = EXCLUDED.linked_at`,
      [riskId, controlId, input.kind, input.declaredEffectiveness, actor, new Date(nowMs)],
    );
    await riskAudit(tx, {
      actor,
      platformId,
      action: linked ? 'risk.control_changed' : 'risk.control_linked',
      subjectType: 'risk',
      subjectId: riskId,
      payload: { controlId, ...input },
      nowMs,
    });
    const outcome = await recordAssessment(tx, risk, {
      inherent: risk.inherent,
      reason: 'controls_changed',
      note: null,
      actor,
      nowMs,
      nextReviewOn: null,
      terms: risk,
    });
    return riskSuccess(outcome);
  });
}

export async function unlinkControl(
  db: Database,
  platformId: string,
  riskId: string,
  controlId: string,
  actor: string,
  nowMs = Date.now(),
): Promise<RiskResult<AssessmentOutcome>> {
  return db.transaction(async (tx) => {
    const risk = await findRisk(tx, platformId, riskId, { lock: true, nowMs });
    if (risk === null) return riskFailure('not_found', `risk ${riskId} not found`);
    const deleted = await tx.query(
      'DELETE FROM risk_controls WHERE risk_id = $1 AND control_id = $2 RETURNING control_id',
      [riskId, controlId],
    );
    if (deleted.length === 0)
      return riskFailure('not_found', `control ${controlId} is not linked to ${riskId}`);
    assert(deleted.length === 1, 'one link per risk and control');
    await riskAudit(tx, {
      actor,
      platformId,
      action: 'risk.control_unlinked',
      subjectType: 'risk',
      subjectId: riskId,
      payload: { controlId },
      nowMs,
    });
    const outcome = await recordAssessment(tx, risk, {
      inherent: risk.inherent,
      reason: 'controls_changed',
      note: null,
      actor,
      nowMs,
      nextReviewOn: null,
      terms: risk,
    });
    return riskSuccess(outcome);
  });
}
