import { assert } from '../assert.js';
import { newId, type Database } from '../store/index.js';
import type { AssessmentInput, NewRisk, RiskChange } from './risk-inputs.js';
import { checkOwner } from './owners.js';
import { findRisk } from './risk-queries.js';
import { nextReviewAfter, recordAssessment, type AssessmentOutcome } from './record-assessment.js';
import { RISK_REVIEW_CADENCE_DAYS } from './review-schedule.js';
import { riskAudit } from './risk-audit.js';
import { RISK_LIMITS } from './risk-limits.js';
import { riskFailure, riskSuccess, type RiskResult } from './risk-result.js';
import type { RiskView } from './risk-view.js';
import { bandOf } from './scoring.js';

function checkTerms(terms: {
  appetiteScore: number;
  toleranceScore: number;
  treatment: string;
  transferCover: string | null;
}): RiskResult<true> {
  if (terms.appetiteScore > terms.toleranceScore)
    return riskFailure('validation_failed', 'appetiteScore may not exceed toleranceScore');
  if (terms.transferCover !== null && terms.treatment !== 'transfer')
    return riskFailure('validation_failed', 'transferCover belongs to a transfer treatment');
  return riskSuccess(true);
}

/** Adds a risk to a platform's register and records its first assessment. */
export async function createRisk(
  db: Database,
  platformId: string,
  input: NewRisk,
  actor: string,
  nowMs = Date.now(),
): Promise<RiskResult<RiskView>> {
  const terms = checkTerms(input);
  if (!terms.ok) return terms;
  return db.transaction(async (tx) => {
    const owner = await checkOwner(tx, input.ownerId);
    if (!owner.ok) return owner;
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('custos.risks:' || $1))", [platformId]);
    const counts = await tx.query<{ total: string; same: string }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE code = $2) AS same
       FROM risks WHERE platform_id = $1`,
      [platformId, input.code],
    );
    if (Number(counts[0]?.same) > 0)
      return riskFailure('duplicate', `risk code ${input.code} exists on this platform`);
    if (Number(counts[0]?.total) >= RISK_LIMITS.risksPerPlatformMax)
      return riskFailure(
        'invalid_state',
        `a register holds at most ${RISK_LIMITS.risksPerPlatformMax} risks`,
      );
    const id = newId('rsk', nowMs);
    const inherent = { likelihood: input.likelihood, impact: input.impact };
    const cadence =
      input.reviewCadenceDays ?? RISK_REVIEW_CADENCE_DAYS[bandOf(input.likelihood * input.impact)];
    const nextReviewOn = nextReviewAfter(nowMs, cadence);
    await tx.query(
      `INSERT INTO risks (id, platform_id, code, title, description, category, cause, consequence,
         owner_id, inherent_likelihood, inherent_impact, residual_likelihood, residual_impact,
         appetite_score, tolerance_score, treatment, treatment_plan, transfer_cover,
         review_cadence_days, next_review_on, status, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $11, $12, $13, $14, $15, $16,
         $17, $18::date, 'active', $19, $20, $20)`,
      [
        id,
        platformId,
        input.code,
        input.title,
        input.description,
        input.category,
        input.cause,
        input.consequence,
        input.ownerId,
        inherent.likelihood,
        inherent.impact,
        input.appetiteScore,
        input.toleranceScore,
        input.treatment,
        input.treatmentPlan,
        input.transferCover,
        cadence,
        nextReviewOn,
        actor,
        new Date(nowMs),
      ],
    );
    const risk = await findRisk(tx, platformId, id, { lock: true, nowMs });
    assert(risk !== null, 'the risk just written is found');
    await recordAssessment(tx, risk, {
      inherent,
      reason: 'created',
      note: null,
      actor,
      nowMs,
      nextReviewOn,
      terms: input,
    });
    const created = await findRisk(tx, platformId, id, { nowMs });
    assert(created !== null, 'the risk just written is found');
    return riskSuccess(created);
  });
}

/** A new inherent assessment by a person: the review is done, the next one scheduled. */
export async function assessRisk(
  db: Database,
  platformId: string,
  riskId: string,
  input: AssessmentInput,
  actor: string,
  nowMs = Date.now(),
): Promise<RiskResult<AssessmentOutcome>> {
  return db.transaction(async (tx) => {
    const risk = await findRisk(tx, platformId, riskId, { lock: true, nowMs });
    if (risk === null) return riskFailure('not_found', `risk ${riskId} not found`);
    if (risk.status !== 'active') return riskFailure('invalid_state', 'the risk is retired');
    const outcome = await recordAssessment(tx, risk, {
      inherent: { likelihood: input.likelihood, impact: input.impact },
      reason: 'assessed',
      note: input.note,
      actor,
      nowMs,
      nextReviewOn: input.nextReviewOn ?? nextReviewAfter(nowMs, risk.reviewCadenceDays),
      terms: risk,
    });
    return riskSuccess(outcome);
  });
}

const CHANGE_COLUMNS: Record<keyof RiskChange, string> = {
  title: 'title',
  description: 'description',
  category: 'category',
  cause: 'cause',
  consequence: 'consequence',
  ownerId: 'owner_id',
  appetiteScore: 'appetite_score',
  toleranceScore: 'tolerance_score',
  treatment: 'treatment',
  treatmentPlan: 'treatment_plan',
  transferCover: 'transfer_cover',
  reviewCadenceDays: 'review_cadence_days',
  status: 'status',
};

/** Edits a risk's description, owner, terms or status; new terms re-score it. */
export async function changeRisk(
  db: Database,
  platformId: string,
  riskId: string,
  change: RiskChange,
  actor: string,
  nowMs = Date.now(),
): Promise<RiskResult<RiskView>> {
  const fields = (Object.keys(change) as (keyof RiskChange)[]).filter(
    (k) => change[k] !== undefined,
  );
  if (fields.length === 0) return riskFailure('validation_failed', 'nothing to change');
  return db.transaction(async (tx) => {
    const risk = await findRisk(tx, platformId, riskId, { lock: true, nowMs });
    if (risk === null) return riskFailure('not_found', `risk ${riskId} not found`);
    const merged = {
      appetiteScore: change.appetiteScore ?? risk.appetiteScore,
      toleranceScore: change.toleranceScore ?? risk.toleranceScore,
      treatment: change.treatment ?? risk.treatment,
      transferCover: change.transferCover === undefined ? risk.transferCover : change.transferCover,
    };
    const terms = checkTerms(merged);
    if (!terms.ok) return terms;
    if (change.ownerId !== undefined) {
      const owner = await checkOwner(tx, change.ownerId);
      if (!owner.ok) return owner;
    }
    const values = fields.map((k) => change[k]);
    const sets = fields.map((k, index) => `${CHANGE_COLUMNS[k]} = $${index + 3}`);
    await tx.query(`UPDATE risks SET ${sets.join(', ')}, updated_at = $2 WHERE id = $1`, [
      riskId,
      new Date(nowMs),
      ...values,
    ]);
    await riskAudit(tx, {
      actor,
      platformId,
      action: 'risk.changed',
      subjectType: 'risk',
      subjectId: riskId,
      payload: { fields, before: Object.fromEntries(fields.map((k) => [k, beforeOf(risk, k)])) },
      nowMs,
    });
    const rescore = ['appetiteScore', 'toleranceScore', 'treatment', 'transferCover'].some((k) =>
      fields.includes(k as keyof RiskChange),
    );
    const updated = await findRisk(tx, platformId, riskId, { nowMs });
    assert(updated !== null, 'the risk just changed is found');
    if (rescore && updated.status === 'active')
      await recordAssessment(tx, updated, {
        inherent: updated.inherent,
        reason: 'treatment_changed',
        note: null,
        actor,
        nowMs,
        nextReviewOn: null,
        terms: updated,
      });
    const final = await findRisk(tx, platformId, riskId, { nowMs });
    assert(final !== null, 'the risk just changed is found');
    return riskSuccess(final);
  });
}

function beforeOf(risk: RiskView, key: keyof RiskChange): unknown {
  return (risk as unknown as Record<string, unknown>)[key] ?? null;
}
