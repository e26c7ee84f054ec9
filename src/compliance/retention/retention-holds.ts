import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { assert } from '../../assert.js';
import { failure, success, type Result } from '../../custody/errors.js';
import { newId, type Queryable } from '../../store/index.js';

/** What a hold keeps: a customer's personal data, or a report's stored files. */
export const RETENTION_HOLD_SUBJECTS = ['customer', 'report'] as const;
export type RetentionHoldSubject = (typeof RETENTION_HOLD_SUBJECTS)[number];

/** Bounds of a hold's reason and of its release's, as the database checks them (trimmed). */
export const HOLD_REASON_LENGTH_MIN = 10;
export const HOLD_REASON_LENGTH_MAX = 500;
/** The most holds one list returns. */
export const RETENTION_HOLDS_LIST_MAX = 500;

export interface RetentionHold {
  holdId: string;
  platformId: string;
  subjectType: RetentionHoldSubject;
  subjectId: string;
  reason: string;
  placedBy: string;
  placedAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
  /** The four-eyes request that released it (null for releases recorded before approvals). */
  releaseApprovalId: string | null;
  /** An open request to release it, awaiting a second person's decision. */
  releaseRequest: { approvalId: string; requestedBy: string; requestedAt: string } | null;
  active: boolean;
}

/**
 * Takes the platform's retention lock for the caller's transaction. Every transaction that
 * places a hold, anonymizes or purges takes it before it reads, so holds and destruction are
 * serialized: a hold either commits first and is seen by the destroying transaction's
 * selection, or waits for it and then finds the customer anonymized (and is refused). Without
 * it a hold could read a customer as not yet anonymized while a run that had selected the
 * customer before the hold existed went on to anonymize it.
 */
export async function lockPlatformRetention(tx: Queryable, platformId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('custos.retention:' || $1))`, [platformId]);
}

/**
 * `FROM … WHERE` of the active hold (alias `h`) on one subject of a platform: the one rule of
 * what an active hold is, shared by every check below. Arguments are SQL (columns, parameters
 * or quoted literals).
 */
const activeHoldOn = (subjectType: string, subjectId: string, platformId: string) =>
  `retention_holds h WHERE h.platform_id = ${platformId} AND h.subject_type = ${subjectType}
     AND h.subject_id = ${subjectId} AND h.released_at IS NULL`;

/** `FROM … WHERE` of the cases (alias `k`) about a customer that are not closed. */
const openCasesOf = (customerId: string, platformId: string) =>
  `cases k WHERE k.platform_id = ${platformId} AND k.customer_id = ${customerId}
     AND k.state <> 'closed'`;

/**
 * SQL that is true while the customer whose id is `customerId` (a column or parameter) of
 * platform `platformId` is held: an active hold names it, or a case about it is not closed (an
 * investigation keeps its subject's records). The retention job's selection uses it.
 */
export function customerHeldSql(customerId: string, platformId: string): string {
  return `(EXISTS (SELECT 1 FROM ${activeHoldOn("'customer'", customerId, platformId)})
    OR EXISTS (SELECT 1 FROM ${openCasesOf(customerId, platformId)}))`;
}

/**
 * SQL that is true while the stored file `file` (an alias with `version`) of report `report`
 * (an alias of `reports`) is held: an active hold names the report; or the case it was filed
 * from is not closed; or an active hold names a customer that the file's version lists (an STR's
 * subjects, a large-value report's items), so holding a customer keeps every filed report about
 * them.
 */
export function reportFileHeldSql(report: string, file: string): string {
  const names = (list: string) =>
    `v.content -> '${list}' @> jsonb_build_array(jsonb_build_object('customerId', h.subject_id))`;
  return `(EXISTS (SELECT 1 FROM ${activeHoldOn("'report'", `${report}.id`, `${report}.platform_id`)})
    OR EXISTS (SELECT 1 FROM cases k
      WHERE k.id = ${report}.case_id AND k.state <> 'closed')
    OR EXISTS (SELECT 1 FROM retention_holds h
      JOIN report_versions v ON v.report_id = ${report}.id AND v.version = ${file}.version
      WHERE h.platform_id = ${report}.platform_id AND h.subject_type = 'customer'
        AND h.released_at IS NULL AND (${names('subjects')} OR ${names('items')})))`;
}

/**
 * Why a customer's personal data is held right now, as a legal basis to state (an active hold
 * with its reason, or the open case), or null when nothing holds it. Call it under the
 * platform's retention lock to act on the answer.
 */
export async function customerHoldBasis(
  tx: Queryable,
  platformId: string,
  customerId: string,
): Promise<string | null> {
  const holds = await tx.query<{ id: string; reason: string }>(
    `SELECT h.id, h.reason FROM ${activeHoldOn("'customer'", '$2', '$1')}`,
    [platformId, customerId],
  );
  const hold = holds[0];
  if (hold !== undefined) return `retention hold ${hold.id}: ${hold.reason}`;
  const cases = await tx.query<{ id: string }>(
    `SELECT k.id FROM ${openCasesOf('$2', '$1')} ORDER BY k.id LIMIT 1`,
    [platformId, customerId],
  );
  const open = cases[0];
  return open === undefined ? null : `case ${open.id} is open: its subject's records are kept`;
}

interface HoldRow extends Record<string, unknown> {
  id: string;
  platform_id: string;
  subject_type: RetentionHoldSubject;
  subject_id: string;
  reason: string;
  placed_by: string;
  placed_at: Date;
  released_by: string | null;
  released_at: Date | null;
  release_reason: string | null;
  release_approval_id: string | null;
  /** From the list's join of open release requests (absent elsewhere). */
  request_id?: string | null;
  request_by?: string | null;
  request_at?: Date | null;
}

const isoOrNull = (at: Date | null) => (at === null ? null : new Date(at).toISOString());

function holdOf(row: HoldRow): RetentionHold {
  return {
    holdId: row.id,
    platformId: row.platform_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    reason: row.reason,
    placedBy: row.placed_by,
    placedAt: new Date(row.placed_at).toISOString(),
    releasedBy: row.released_by,
    releasedAt: isoOrNull(row.released_at),
    releaseReason: row.release_reason,
    releaseApprovalId: row.release_approval_id,
    releaseRequest:
      row.request_id === undefined || row.request_id === null
        ? null
        : {
            approvalId: row.request_id,
            requestedBy: row.request_by ?? '',
            requestedAt: new Date(row.request_at ?? 0).toISOString(),
          },
    active: row.released_at === null,
  };
}

export function holdReasonIssue(reason: string): string | null {
  const length = reason.trim().length;
  if (length < HOLD_REASON_LENGTH_MIN || length > HOLD_REASON_LENGTH_MAX)
    return `a reason of ${HOLD_REASON_LENGTH_MIN} to ${HOLD_REASON_LENGTH_MAX} characters is required`;
  return null;
}

/** Whether the subject exists on the platform, and for a customer whether it still has data. */
async function subjectState(
  tx: Queryable,
  platformId: string,
  subjectType: RetentionHoldSubject,
  subjectId: string,
): Promise<'missing' | 'anonymized' | 'present'> {
  if (subjectType === 'report') {
    const rows = await tx.query('SELECT 1 FROM reports WHERE id = $1 AND platform_id = $2', [
      subjectId,
      platformId,
    ]);
    return rows.length === 0 ? 'missing' : 'present';
  }
  const rows = await tx.query<{ anonymized_at: Date | null }>(
    'SELECT anonymized_at FROM customers WHERE id = $1 AND platform_id = $2 FOR SHARE',
    [subjectId, platformId],
  );
  const row = rows[0];
  if (row === undefined) return 'missing';
  return row.anonymized_at === null ? 'present' : 'anonymized';
}

/**
 * Places a hold on a customer or a report of the platform, in the caller's transaction, and
 * audits it. Refused for an unknown subject, a customer already anonymized (nothing is left to
 * keep), a subject already held (its active hold is named) or a reason out of bounds.
 */
export async function placeRetentionHold(
  tx: Queryable,
  actor: string,
  platformId: string,
  input: { subjectType: RetentionHoldSubject; subjectId: string; reason: string },
  nowMs = Date.now(),
): Promise<Result<RetentionHold>> {
  const issue = holdReasonIssue(input.reason);
  if (issue !== null) return failure('validation_failed', issue);
  const { subjectType, subjectId } = input;
  await lockPlatformRetention(tx, platformId);
  const state = await subjectState(tx, platformId, subjectType, subjectId);
  if (state === 'missing')
    return failure(
      subjectType === 'customer' ? 'unknown_customer' : 'not_found',
      `no ${subjectType} ${subjectId} on this platform`,
    );
  if (state === 'anonymized')
    return failure('invalid_state', `customer ${subjectId} is already anonymized: nothing to keep`);
  const holdId = newId('hld', nowMs);
  const inserted = await tx.query<HoldRow>(
    `INSERT INTO retention_holds (id, platform_id, subject_type, subject_id, reason, placed_by,
       placed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (platform_id, subject_type, subject_id) WHERE released_at IS NULL DO NOTHING
     RETURNING *`,
    [
      holdId,
      platformId,
      subjectType,
      subjectId,
      input.reason.trim(),
      actor,
      new Date(nowMs).toISOString(),
    ],
  );
  const row = inserted[0];
  if (row === undefined) {
    const active = await tx.query<{ id: string }>(
      `SELECT h.id FROM ${activeHoldOn('$2', '$3', '$1')}`,
      [platformId, subjectType, subjectId],
    );
    return failure(
      'duplicate',
      `${subjectType} ${subjectId} is already held by ${active[0]?.id ?? 'another hold'}`,
    );
  }
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: 'retention.hold_placed',
      subjectType,
      subjectId,
      payload: { holdId, reason: row.reason },
      atMs: nowMs,
    },
  ]);
  return success(holdOf(row));
}

/**
 * `FROM … WHERE` of the open, unexpired requests (alias `a`) to release the hold whose id is
 * `holdId` on platform `platformId` (SQL).
 */
export const openReleaseRequestsOf = (holdId: string, platformId: string) =>
  `approvals a WHERE a.action = 'retention.hold_release' AND a.status = 'open'
     AND a.expires_at > now() AND a.payload ->> 'holdId' = ${holdId}
     AND a.platform_id = ${platformId}`;

/** The hold, locked for the caller's transaction, or why it cannot be released. */
export async function lockActiveHold(
  tx: Queryable,
  platformId: string,
  holdId: string,
): Promise<Result<RetentionHold>> {
  const found = await tx.query<HoldRow>(
    'SELECT * FROM retention_holds WHERE id = $1 AND platform_id = $2 FOR UPDATE',
    [holdId, platformId],
  );
  const hold = found[0];
  if (hold === undefined) return failure('not_found', `no retention hold ${holdId}`);
  if (hold.released_at !== null)
    return failure('invalid_state', `retention hold ${holdId} was already released`);
  return success(holdOf(hold));
}

/**
 * Records an approved release, in the deciding transaction, and audits it: the subject's
 * records become due again under the policy (the next run, or a four-eyes request, lets them
 * go). The release is the requester's, with the reason checked when they asked (the database
 * checks it too, and refuses a release that does not name an open `retention.hold_release`
 * request of that person for this hold).
 */
export async function releaseRetentionHold(
  tx: Queryable,
  platformId: string,
  holdId: string,
  approval: { id: string; requestedBy: string; reason: string; approvedBy: string },
  nowMs = Date.now(),
): Promise<Result<RetentionHold>> {
  const locked = await lockActiveHold(tx, platformId, holdId);
  if (!locked.ok) return locked;
  // A release is never dated before its placing (the database checks it too).
  const releasedAtMs = Math.max(nowMs, new Date(locked.value.placedAt).getTime());
  const updated = await tx.query<HoldRow>(
    `UPDATE retention_holds
     SET released_by = $2, released_at = $3, release_reason = $4, release_approval_id = $5
     WHERE id = $1 AND released_at IS NULL RETURNING *`,
    [
      holdId,
      approval.requestedBy,
      new Date(releasedAtMs).toISOString(),
      approval.reason.trim(),
      approval.id,
    ],
  );
  const row = updated[0];
  assert(row !== undefined, 'a locked active hold is released');
  await appendAuditRecords(tx, [
    {
      platformId,
      actor: approval.requestedBy,
      action: 'retention.hold_released',
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      payload: {
        holdId,
        reason: row.release_reason,
        placedBy: row.placed_by,
        approvalId: approval.id,
        approvedBy: approval.approvedBy,
      },
      atMs: releasedAtMs,
    },
  ]);
  return success(holdOf(row));
}

/**
 * The platform's holds, newest first: only active ones unless `includeReleased`; only those of
 * one subject when `subject` is given.
 */
export async function listRetentionHolds(
  db: Queryable,
  platformId: string,
  options: {
    includeReleased: boolean;
    limit: number;
    subject?: { type: RetentionHoldSubject; id: string };
  },
): Promise<RetentionHold[]> {
  assert(
    Number.isInteger(options.limit) &&
      options.limit >= 1 &&
      options.limit <= RETENTION_HOLDS_LIST_MAX,
    'a hold list is bounded',
  );
  const rows = await db.query<HoldRow>(
    `SELECT h.*, r.id AS request_id, r.requested_by AS request_by, r.created_at AS request_at
     FROM retention_holds h
     LEFT JOIN LATERAL (
       SELECT a.id, a.requested_by, a.created_at
       FROM ${openReleaseRequestsOf('h.id', 'h.platform_id')} AND h.released_at IS NULL
       ORDER BY a.created_at DESC LIMIT 1) r ON true
     WHERE h.platform_id = $1 AND ($2::boolean OR h.released_at IS NULL)
       AND ($4::text IS NULL OR (h.subject_type = $4 AND h.subject_id = $5))
     ORDER BY h.placed_at DESC, h.id DESC LIMIT $3`,
    [
      platformId,
      options.includeReleased,
      options.limit,
      options.subject?.type ?? null,
      options.subject?.id ?? null,
    ],
  );
  return rows.map(holdOf);
}
