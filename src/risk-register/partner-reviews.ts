import { assert } from '../assert.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import type { DueDiligenceView, QualificationView } from './partner-view.js';
import { findPartner } from './partner-store.js';
import { addDays, PARTNER_REVIEW_CADENCE_DAYS, todayCst } from './review-schedule.js';
import type { DueDiligenceInput, QualificationInput } from './risk-inputs.js';
import { riskAudit } from './risk-audit.js';
import { RISK_LIMITS } from './risk-limits.js';
import { riskFailure, riskSuccess, type RiskResult } from './risk-result.js';
import type { PartnerRating } from './risk-types.js';

/**
 * Records a due-diligence review (seed §3.2.2): the reviewer is the caller, the rating sets
 * the partner's rating and review cadence, and the next review is due one cadence after the
 * review (or on the date the reviewer names).
 */
export async function addDueDiligence(
  db: Database,
  platformId: string,
  partnerId: string,
  input: DueDiligenceInput,
  reviewerId: string,
  nowMs = Date.now(),
): Promise<RiskResult<DueDiligenceView>> {
  const today = todayCst(nowMs);
  if (input.reviewedOn > today)
    return riskFailure('validation_failed', 'reviewedOn is in the future');
  const cadence = PARTNER_REVIEW_CADENCE_DAYS[input.rating];
  const nextReviewOn = input.nextReviewOn ?? addDays(input.reviewedOn, cadence);
  if (nextReviewOn <= input.reviewedOn)
    return riskFailure('validation_failed', 'nextReviewOn must follow reviewedOn');
  return db.transaction(async (tx) => {
    const partner = await findPartner(tx, platformId, partnerId, { lock: true, nowMs });
    if (partner === null) return riskFailure('not_found', `partner ${partnerId} not found`);
    const id = newId('pdd', nowMs);
    await tx.query(
      `INSERT INTO partner_due_diligence (id, partner_id, platform_id, reviewed_on, reviewer_id,
         scope, findings, rating, next_review_on, created_at)
       VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9::date, $10)`,
      [
        id,
        partnerId,
        platformId,
        input.reviewedOn,
        reviewerId,
        input.scope,
        input.findings,
        input.rating,
        nextReviewOn,
        new Date(nowMs),
      ],
    );
    // A review older than the latest one on file does not move the schedule back.
    const latest = partner.lastReviewedOn === null || input.reviewedOn >= partner.lastReviewedOn;
    if (latest)
      await tx.query(
        `UPDATE partners SET rating = $2, review_cadence_days = $3, next_review_on = $4::date,
           last_reviewed_on = $5::date, updated_at = $6 WHERE id = $1`,
        [partnerId, input.rating, cadence, nextReviewOn, input.reviewedOn, new Date(nowMs)],
      );
    await riskAudit(tx, {
      actor: reviewerId,
      platformId,
      action: 'partner.reviewed',
      subjectType: 'partner',
      subjectId: partnerId,
      payload: {
        dueDiligenceId: id,
        rating: input.rating,
        scope: input.scope,
        nextReviewOn,
        latest,
      },
      nowMs,
    });
    return riskSuccess({
      id,
      reviewedOn: input.reviewedOn,
      reviewerId,
      scope: input.scope,
      findings: input.findings,
      rating: input.rating,
      nextReviewOn,
      createdAt: new Date(nowMs).toISOString(),
    });
  });
}

export async function addQualification(
  db: Database,
  platformId: string,
  partnerId: string,
  input: QualificationInput,
  actor: string,
  nowMs = Date.now(),
): Promise<RiskResult<QualificationView>> {
  if (input.expiresOn !== null && input.expiresOn <= input.validFrom)
    return riskFailure('validation_failed', 'expiresOn must follow validFrom');
  return db.transaction(async (tx) => {
    const partner = await findPartner(tx, platformId, partnerId, { lock: true, nowMs });
    if (partner === null) return riskFailure('not_found', `partner ${partnerId} not found`);
    const id = newId('pqf', nowMs);
    await tx.query(
      `INSERT INTO partner_qualifications (id, partner_id, platform_id, name, issuer, reference,
         valid_from, expires_on, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::date, $9, $10)`,
      [
        id,
        partnerId,
        platformId,
        input.name,
        input.issuer,
        input.reference,
        input.validFrom,
        input.expiresOn,
        actor,
        new Date(nowMs),
      ],
    );
    await riskAudit(tx, {
      actor,
      platformId,
      action: 'partner.qualification_added',
      subjectType: 'partner',
      subjectId: partnerId,
      payload: { qualificationId: id, name: input.name, expiresOn: input.expiresOn },
      nowMs,
    });
    const rows = await partnerQualifications(tx, partnerId, nowMs);
    const added = rows.find((q) => q.id === id);
    assert(added !== undefined, 'the qualification just written is found');
    return riskSuccess(added);
  });
}

export function qualificationState(
  expiresOn: string | null,
  today: string,
): QualificationView['state'] {
  if (expiresOn === null) return 'valid';
  if (expiresOn < today) return 'expired';
  if (expiresOn <= addDays(today, RISK_LIMITS.qualificationWarnDays)) return 'expiring';
  return 'valid';
}

export async function partnerQualifications(
  db: Queryable,
  partnerId: string,
  nowMs = Date.now(),
): Promise<QualificationView[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, name, issuer, reference, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
       to_char(expires_on, 'YYYY-MM-DD') AS expires_on, created_by, created_at
     FROM partner_qualifications WHERE partner_id = $1 ORDER BY expires_on NULLS LAST, id`,
    [partnerId],
  );
  const today = todayCst(nowMs);
  return rows.map((r) => {
    const expiresOn = r.expires_on === null ? null : String(r.expires_on);
    return {
      id: String(r.id),
      name: String(r.name),
      issuer: String(r.issuer),
      reference: String(r.reference),
      validFrom: String(r.valid_from),
      expiresOn,
      state: qualificationState(expiresOn, today),
      createdBy: String(r.created_by),
      createdAt: new Date(r.created_at as string).toISOString(),
    };
  });
}

export async function partnerDueDiligence(
  db: Queryable,
  partnerId: string,
): Promise<DueDiligenceView[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, to_char(reviewed_on, 'YYYY-MM-DD') AS reviewed_on, reviewer_id, scope, findings,
       rating, to_char(next_review_on, 'YYYY-MM-DD') AS next_review_on, created_at
     FROM partner_due_diligence WHERE partner_id = $1 ORDER BY reviewed_on DESC, id DESC
     LIMIT $2`,
    [partnerId, RISK_LIMITS.historyMax],
  );
  return rows.map((r) => ({
    id: String(r.id),
    reviewedOn: String(r.reviewed_on),
    reviewerId: String(r.reviewer_id),
    scope: r.scope as DueDiligenceView['scope'],
    findings: String(r.findings),
    rating: r.rating as PartnerRating,
    nextReviewOn: String(r.next_review_on),
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}
