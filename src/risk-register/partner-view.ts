import { reviewState } from './review-schedule.js';
import { RISK_LIMITS } from './risk-limits.js';
import type { DueDiligenceScope, PartnerKind, PartnerRating } from './risk-types.js';

export interface QualificationView {
  id: string;
  name: string;
  issuer: string;
  reference: string;
  validFrom: string;
  expiresOn: string | null;
  /** expired, expiring within the warning window, or valid. */
  state: 'expired' | 'expiring' | 'valid';
  createdBy: string;
  createdAt: string;
}

export interface DueDiligenceView {
  id: string;
  reviewedOn: string;
  reviewerId: string;
  scope: DueDiligenceScope;
  findings: string;
  rating: PartnerRating;
  nextReviewOn: string;
  createdAt: string;
}

export interface PartnerView {
  id: string;
  platformId: string;
  name: string;
  kind: PartnerKind;
  services: string;
  ownerId: string;
  rating: PartnerRating | null;
  reviewCadenceDays: number;
  nextReviewOn: string;
  lastReviewedOn: string | null;
  reviewState: 'overdue' | 'due_soon' | 'scheduled';
  status: 'active' | 'terminated';
  riskIds: string[];
  qualificationsExpiring: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const PARTNER_COLUMNS = `p.id, p.platform_id, p.name, p.kind, p.services, p.owner_id,
  p.rating, p.review_cadence_days, to_char(p.next_review_on, 'YYYY-MM-DD') AS next_review_on,
  to_char(p.last_reviewed_on, 'YYYY-MM-DD') AS last_reviewed_on, p.status, p.created_by,
  p.created_at, p.updated_at,
  COALESCE((SELECT array_agg(r.risk_id ORDER BY r.risk_id) FROM partner_risks r
    WHERE r.partner_id = p.id), '{}'::text[]) AS risk_ids,
  (SELECT count(*) FROM partner_qualifications q WHERE q.partner_id = p.id
    AND q.expires_on IS NOT NULL AND q.expires_on <= $2::date) AS expiring`;

export function partnerView(row: Record<string, unknown>, today: string): PartnerView {
  const status = row.status as PartnerView['status'];
  const nextReviewOn = String(row.next_review_on);
  return {
    id: String(row.id),
    platformId: String(row.platform_id),
    name: String(row.name),
    kind: row.kind as PartnerKind,
    services: String(row.services),
    ownerId: String(row.owner_id),
    rating: row.rating === null ? null : (row.rating as PartnerRating),
    reviewCadenceDays: Number(row.review_cadence_days),
    nextReviewOn,
    lastReviewedOn: row.last_reviewed_on === null ? null : String(row.last_reviewed_on),
    reviewState:
      status === 'active'
        ? reviewState(nextReviewOn, today, RISK_LIMITS.reviewReminderDays)
        : 'scheduled',
    status,
    riskIds: (row.risk_ids as string[] | null) ?? [],
    qualificationsExpiring: Number(row.expiring),
    createdBy: String(row.created_by),
    createdAt: new Date(row.created_at as string).toISOString(),
    updatedAt: new Date(row.updated_at as string).toISOString(),
  };
}
