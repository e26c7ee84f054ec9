import { appendAuditRecords } from '../audit/audit-record-store.js';
import {
  ComplaintRefusal,
  refusable,
  refuse,
  type ComplaintResult,
} from '../complaints/complaint-error.js';
import { sealText } from '../complaints/sealed-text.js';
import type { ComplaintChannel } from '../complaints/complaint-types.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { PRIVACY_LIMITS } from './privacy-limits.js';
import {
  CORRECTABLE_FIELDS,
  type Correction,
  type PrivacyRequestKind,
  type PrivacyRequestState,
  type PrivacyRequestView,
} from './privacy-types.js';

export interface PrivacyRequestInput {
  customerId: string;
  kind: PrivacyRequestKind;
  channel: ComplaintChannel;
  /** For a correction: the new values of the fields to correct. */
  correction?: Correction;
}

const DAY_MS = 86_400_000;

/** Records a customer's request (PIPL Arts. 45–47) with its answer deadline. */
export async function openPrivacyRequest(
  db: Database,
  actor: string,
  platformId: string,
  input: PrivacyRequestInput,
  options: { responseDays?: number; nowMs?: number } = {},
): Promise<ComplaintResult<{ requestId: string; dueAt: string }>> {
  const nowMs = options.nowMs ?? Date.now();
  const days = options.responseDays ?? PRIVACY_LIMITS.responseDaysDefault;
  if (!Number.isInteger(days) || days < 1 || days > PRIVACY_LIMITS.responseDaysMax)
    return refuse('validation_failed', `answer within 1 to ${PRIVACY_LIMITS.responseDaysMax} days`);
  const fields = Object.keys(input.correction ?? {});
  if ((input.kind === 'correction') !== fields.length > 0)
    return refuse(
      'validation_failed',
      'a correction names the fields to correct; other kinds name none',
    );
  if (fields.some((field) => !(CORRECTABLE_FIELDS as readonly string[]).includes(field)))
    return refuse('validation_failed', `correctable fields: ${CORRECTABLE_FIELDS.join(', ')}`);
  return refusable(db, async (tx) => {
    const customer = await tx.query(
      'SELECT 1 FROM customers WHERE id = $1 AND platform_id = $2 FOR UPDATE',
      [input.customerId, platformId],
    );
    if (customer.length === 0)
      throw new ComplaintRefusal({
        code: 'unknown_customer',
        message: `customer ${input.customerId} not found`,
      });
    const open = await tx.query<{ n: string }>(
      "SELECT count(*) AS n FROM privacy_requests WHERE customer_id = $1 AND state = 'received'",
      [input.customerId],
    );
    if (Number(open[0]?.n ?? 0) >= PRIVACY_LIMITS.openPerCustomerMax)
      throw new ComplaintRefusal({
        code: 'complaint_rate_limited',
        message: `at most ${PRIVACY_LIMITS.openPerCustomerMax} open privacy requests per customer`,
      });
    const id = newId('prq', nowMs);
    const dueAt = new Date(nowMs + days * DAY_MS);
    const correction =
      input.correction === undefined
        ? null
        : await sealText(
            tx,
            { table: 'privacy_requests', column: 'correction', recordId: id, platformId },
            JSON.stringify(input.correction),
            PRIVACY_LIMITS.correctionChunksMax,
          );
    await tx.query(
      `INSERT INTO privacy_requests (id, platform_id, customer_id, kind, channel, state,
         correction_sealed, due_at, requested_by, created_at)
       VALUES ($1, $2, $3, $4, $5, 'received', $6, $7, $8, $9)`,
      [
        id,
        platformId,
        input.customerId,
        input.kind,
        input.channel,
        correction,
        dueAt,
        actor,
        new Date(nowMs),
      ],
    );
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: 'privacy_request.received',
        subjectType: 'privacy_request',
        subjectId: id,
        // The field names only: the values are personal data.
        payload: { customerId: input.customerId, kind: input.kind, channel: input.channel, fields },
        atMs: nowMs,
      },
    ]);
    return { requestId: id, dueAt: dueAt.toISOString() };
  });
}

export type PrivacyRow = {
  id: string;
  platform_id: string;
  customer_id: string;
  kind: PrivacyRequestKind;
  channel: string;
  state: PrivacyRequestState;
  due_at: Date;
  answer: Record<string, unknown> | null;
  export_sha256: Buffer | null;
  export_bytes: number | null;
  has_export: boolean;
  export_expires_at: Date | null;
  export_downloaded_at: Date | null;
  export_downloaded_by: string | null;
  requested_by: string;
  decided_by: string | null;
  created_at: Date;
  closed_at: Date | null;
};

const COLUMNS = `id, platform_id, customer_id, kind, channel, state, due_at, answer, export_sha256,
  export_bytes, export_sealed IS NOT NULL AS has_export, export_expires_at, export_downloaded_at,
  export_downloaded_by, requested_by, decided_by, created_at, closed_at`;

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

export function privacyView(row: PrivacyRow, nowMs: number): PrivacyRequestView {
  return {
    id: row.id,
    platformId: row.platform_id,
    customerId: row.customer_id,
    kind: row.kind,
    channel: row.channel,
    state: row.state,
    dueAt: new Date(row.due_at).toISOString(),
    overdue: row.closed_at === null && new Date(row.due_at).getTime() < nowMs,
    answer: row.answer,
    export:
      row.export_sha256 === null
        ? null
        : {
            sha256: Buffer.from(row.export_sha256).toString('hex'),
            bytes: row.export_bytes ?? 0,
            available:
              row.has_export &&
              (row.export_expires_at === null || new Date(row.export_expires_at).getTime() > nowMs),
            expiresAt: iso(row.export_expires_at),
            downloadedAt: iso(row.export_downloaded_at),
            downloadedBy: row.export_downloaded_by,
          },
    requestedBy: row.requested_by,
    decidedBy: row.decided_by,
    createdAt: new Date(row.created_at).toISOString(),
    closedAt: iso(row.closed_at),
  };
}

export async function listPrivacyRequests(
  db: Queryable,
  platformId: string,
  filter: { state?: PrivacyRequestState; customerId?: string; limit?: number; cursor?: string },
  nowMs = Date.now(),
): Promise<{ items: PrivacyRequestView[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), PRIVACY_LIMITS.pageMax);
  const rows = await db.query<PrivacyRow>(
    `SELECT ${COLUMNS} FROM privacy_requests
     WHERE platform_id = $1 AND ($2::text IS NULL OR id < $2) AND ($3::text IS NULL OR state = $3)
       AND ($4::text IS NULL OR customer_id = $4)
     ORDER BY id DESC LIMIT $5`,
    [platformId, filter.cursor ?? null, filter.state ?? null, filter.customerId ?? null, limit + 1],
  );
  const items = rows.slice(0, limit).map((row) => privacyView(row, nowMs));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export async function getPrivacyRequest(
  db: Queryable,
  platformId: string,
  requestId: string,
  nowMs = Date.now(),
): Promise<PrivacyRequestView | null> {
  const rows = await db.query<PrivacyRow>(
    `SELECT ${COLUMNS} FROM privacy_requests WHERE id = $1 AND platform_id = $2`,
    [requestId, platformId],
  );
  return rows[0] === undefined ? null : privacyView(rows[0], nowMs);
}

/** Locks an open request of the platform for deciding; refuses unknown or closed ones. */
export async function lockOpenRequest(
  tx: Queryable,
  platformId: string,
  requestId: string,
  kind: PrivacyRequestKind | null,
): Promise<{ customer_id: string; kind: PrivacyRequestKind; correction_sealed: string[] | null }> {
  const rows = await tx.query<{
    customer_id: string;
    kind: PrivacyRequestKind;
    state: PrivacyRequestState;
    correction_sealed: string[] | null;
  }>(
    `SELECT customer_id, kind, state, correction_sealed FROM privacy_requests
     WHERE id = $1 AND platform_id = $2 FOR UPDATE`,
    [requestId, platformId],
  );
  const row = rows[0];
  if (row === undefined)
    throw new ComplaintRefusal({
      code: 'unknown_privacy_request',
      message: `privacy request ${requestId} not found`,
    });
  if (row.state !== 'received')
    throw new ComplaintRefusal({
      code: 'privacy_request_closed',
      message: `privacy request ${requestId} is ${row.state}`,
    });
  if (kind !== null && row.kind !== kind)
    throw new ComplaintRefusal({
      code: 'invalid_state',
      message: `privacy request ${requestId} is a ${row.kind} request`,
    });
  return row;
}

/** Refuses a request with the reason the customer is told (PIPL Art. 50). */
export async function refusePrivacyRequest(
  db: Database,
  actor: string,
  platformId: string,
  requestId: string,
  reason: string,
  nowMs = Date.now(),
): Promise<ComplaintResult<{ state: 'refused' }>> {
  if (reason.trim().length === 0) return refuse('validation_failed', 'a refusal states its reason');
  return refusable(db, async (tx) => {
    await lockOpenRequest(tx, platformId, requestId, null);
    const answer = { refused: true, reason };
    await closeRequest(tx, requestId, 'refused', actor, answer, nowMs);
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: 'privacy_request.refused',
        subjectType: 'privacy_request',
        subjectId: requestId,
        payload: answer,
        atMs: nowMs,
      },
    ]);
    return { state: 'refused' as const };
  });
}

export async function closeRequest(
  tx: Queryable,
  requestId: string,
  state: 'completed' | 'refused',
  actor: string,
  answer: Record<string, unknown>,
  nowMs: number,
): Promise<void> {
  await tx.query(
    `UPDATE privacy_requests SET state = $2, decided_by = $3, answer = $4, closed_at = $5,
       correction_sealed = NULL WHERE id = $1`,
    [requestId, state, actor, JSON.stringify(answer), new Date(nowMs)],
  );
}
