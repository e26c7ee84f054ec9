import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { raiseAlerts } from '../../cases/raise-alerts.js';
import type { AlertInput } from '../../cases/alert-input.js';
import { newId, type Queryable } from '../../store/index.js';
import type { StoredHit } from '../screening-hit-json.js';
import type { Party } from './result-store.js';

export type SubjectKind = 'customer' | 'instruction';
export type ReviewStatus = 'open' | 'release_proposed' | 'true_match' | 'false_positive';

/** Alerts from screening go to the rules queue under this rule id. */
export const SCREENING_RULE_ID = 'screening.watchlist_match';
export const SCREENING_CONFIRMED_RULE_ID = 'screening.confirmed_match';

export interface ReviewInput {
  subjectKind: SubjectKind;
  subjectId: string;
  party: Party;
  hit: StoredHit;
  otherHolds: boolean;
}

export interface ReviewView {
  id: string;
  platformId: string;
  subjectKind: SubjectKind;
  subjectId: string;
  partyKind: string;
  partyId: string;
  customerId: string | null;
  entryKey: string;
  listVersionId: string;
  entryName: string;
  score: number;
  explanation: StoredHit;
  otherHolds: boolean;
  status: ReviewStatus;
  alertKey: string;
  proposedBy: string | null;
  proposedAt: string | null;
  proposalReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  instructionReleased: boolean;
  createdAt: string;
}

const iso = (v: unknown) =>
  v === null || v === undefined ? null : new Date(v as string).toISOString();

export function reviewOf(r: Record<string, unknown>): ReviewView {
  return {
    id: String(r.id),
    platformId: String(r.platform_id),
    subjectKind: r.subject_kind as SubjectKind,
    subjectId: String(r.subject_id),
    partyKind: String(r.party_kind),
    partyId: String(r.party_id),
    customerId: (r.customer_id as string | null) ?? null,
    entryKey: String(r.entry_key),
    listVersionId: String(r.list_version_id),
    entryName: String(r.entry_name),
    score: Number(r.score),
    explanation: r.explanation as StoredHit,
    otherHolds: Boolean(r.other_holds),
    status: r.status as ReviewStatus,
    alertKey: String(r.alert_key),
    proposedBy: (r.proposed_by as string | null) ?? null,
    proposedAt: iso(r.proposed_at),
    proposalReason: (r.proposal_reason as string | null) ?? null,
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedAt: iso(r.decided_at),
    decisionReason: (r.decision_reason as string | null) ?? null,
    instructionReleased: Boolean(r.instruction_released),
    createdAt: iso(r.created_at)!,
  };
}

export function screeningAlert(
  review: ReviewView,
  ruleId: string,
  severity: AlertInput['severity'],
  atMs: number,
): AlertInput {
  const confirmed = ruleId === SCREENING_CONFIRMED_RULE_ID;
  return {
    alertKey: confirmed ? `${review.alertKey}:confirmed` : review.alertKey,
    platformId: review.platformId,
    source: 'rule',
    ruleId,
    ruleVersion: 1,
    severity,
    customerId: review.customerId,
    score: review.score,
    atMs,
    explanation: {
      summary:
        `${confirmed ? 'Confirmed' : 'Possible'} ${review.explanation.listKind.toUpperCase()} list match: ${review.subjectKind} ${review.subjectId} (${review.partyKind} ${review.partyId}) against "${review.entryName}" (${review.entryKey}), score ${review.score.toFixed(2)}`.slice(
          0,
          2_000,
        ),
      values: {
        reviewId: review.id,
        entryKey: review.entryKey,
        entryName: review.entryName,
        listKind: review.explanation.listKind,
        score: review.score,
        subjectKind: review.subjectKind,
        subjectId: review.subjectId,
      },
      thresholds: {},
      eventIds: review.subjectKind === 'instruction' ? [review.subjectId] : [],
    },
  };
}

/**
 * Opens a review per new hit, in the caller's transaction: none when the subject already has
 * an open review of that entry or one decided a true match. Each opened review raises an
 * alert (so it lands in a case) and gets its audit record. Returns the opened reviews.
 */
export async function openReviews(
  tx: Queryable,
  actor: string,
  inputs: readonly ReviewInput[],
  atMs: number,
): Promise<ReviewView[]> {
  if (inputs.length === 0) return [];
  const rows = inputs.map((i) => ({
    id: newId('srv', atMs),
    p: i.party.platformId,
    sk: i.subjectKind,
    si: i.subjectId,
    pk: i.party.kind,
    pi: i.party.id,
    c: i.party.customerId,
    e: i.hit.entryKey,
    v: i.hit.listVersionId,
    n: i.hit.entryName,
    s: i.hit.score,
    x: i.hit,
    o: i.otherHolds,
    a: `screening:${i.subjectKind}:${i.subjectId}:${i.hit.entryKey}`.slice(0, 200),
  }));
  const inserted = await tx.query(
    `INSERT INTO screening_reviews (id, platform_id, subject_kind, subject_id, party_kind, party_id,
       customer_id, entry_key, list_version_id, entry_name, score, explanation, other_holds,
       status, alert_key, created_at)
     SELECT r.id, r.p, r.sk, r.si, r.pk, r.pi, r.c, r.e, r.v, r.n, r.s, r.x, r.o, 'open', r.a,
       to_timestamp($2 / 1000.0)
     FROM json_to_recordset($1::json) AS r(id text, p text, sk text, si text, pk text, pi text,
       c text, e text, v text, n text, s double precision, x jsonb, o boolean, a text)
     WHERE NOT EXISTS (SELECT 1 FROM screening_reviews d WHERE d.platform_id = r.p
       AND d.subject_kind = r.sk AND d.subject_id = r.si AND d.entry_key = r.e
       AND d.status = 'true_match')
     ON CONFLICT (platform_id, subject_kind, subject_id, entry_key)
       WHERE status IN ('open', 'release_proposed') DO NOTHING
     RETURNING *`,
    [JSON.stringify(rows), atMs],
  );
  const opened = inserted.map(reviewOf);
  if (opened.length === 0) return [];
  await appendAuditRecords(
    tx,
    opened.map((r) => ({
      platformId: r.platformId,
      actor,
      action: 'screening.review_opened',
      subjectType: 'screening_review',
      subjectId: r.id,
      payload: {
        subjectKind: r.subjectKind,
        subjectId: r.subjectId,
        entryKey: r.entryKey,
        score: r.score,
      },
      atMs,
    })),
  );
  await raiseAlerts(
    tx,
    opened.map((r) => screeningAlert(r, SCREENING_RULE_ID, 'high', atMs)),
    { nowMs: atMs },
  );
  return opened;
}

export async function listReviews(
  db: Queryable,
  platformId: string,
  filter: {
    status?: ReviewStatus | 'pending';
    subjectKind?: SubjectKind;
    subjectId?: string;
    limit: number;
  },
): Promise<ReviewView[]> {
  const statuses =
    filter.status === undefined
      ? null
      : filter.status === 'pending'
        ? ['open', 'release_proposed']
        : [filter.status];
  const rows = await db.query(
    `SELECT * FROM screening_reviews WHERE platform_id = $1
       AND ($2::text[] IS NULL OR status = ANY($2::text[]))
       AND ($3::text IS NULL OR subject_kind = $3) AND ($4::text IS NULL OR subject_id = $4)
     ORDER BY id DESC LIMIT $5`,
    [platformId, statuses, filter.subjectKind ?? null, filter.subjectId ?? null, filter.limit],
  );
  return rows.map(reviewOf);
}

export async function getReview(
  db: Queryable,
  platformId: string,
  id: string,
): Promise<ReviewView | null> {
  const rows = await db.query(
    'SELECT * FROM screening_reviews WHERE id = $1 AND platform_id = $2',
    [id, platformId],
  );
  return rows[0] === undefined ? null : reviewOf(rows[0]);
}
