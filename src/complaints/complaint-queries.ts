import type { Queryable } from '../store/index.js';
import { COMPLAINT_LIMITS } from './complaint-limits.js';
import { allowedComplaintCommands } from './complaint-state.js';
import type { ComplaintCategory, ComplaintCommand, ComplaintState } from './complaint-types.js';
import {
  COMPLAINT_COLUMNS,
  complaintView,
  type ComplaintRow,
  type ComplaintView,
} from './complaint-view.js';
import { openText } from './sealed-text.js';

export interface ComplaintFilter {
  state?: ComplaintState;
  category?: ComplaintCategory;
  customerId?: string;
  /** Only complaints with a deadline missed now. */
  overdue?: boolean;
  /** Only open (true) or closed (false) complaints. */
  open?: boolean;
  limit?: number;
  cursor?: string;
}

export async function listComplaints(
  db: Queryable,
  platformId: string,
  filter: ComplaintFilter,
  nowMs = Date.now(),
): Promise<{ items: ComplaintView[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), COMPLAINT_LIMITS.pageMax);
  const now = new Date(nowMs);
  const rows = await db.query<ComplaintRow>(
    `SELECT ${COMPLAINT_COLUMNS} FROM complaints
     WHERE platform_id = $1 AND ($2::text IS NULL OR id < $2)
       AND ($3::text IS NULL OR state = $3) AND ($4::text IS NULL OR category = $4)
       AND ($5::text IS NULL OR customer_id = $5)
       AND ($6::boolean IS NULL OR (closed_at IS NULL) = $6)
       AND ($7::boolean IS NULL OR $7 = (closed_at IS NULL AND (resolve_due_at < $8
             OR (acknowledged_at IS NULL AND acknowledge_due_at < $8))))
     ORDER BY id DESC LIMIT $9`,
    [
      platformId,
      filter.cursor ?? null,
      filter.state ?? null,
      filter.category ?? null,
      filter.customerId ?? null,
      filter.open ?? null,
      filter.overdue ?? null,
      now,
      limit + 1,
    ],
  );
  const items = rows.slice(0, limit).map((row) => complaintView(row, nowMs));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export interface ComplaintEventView {
  kind: string;
  actor: string;
  detail: Record<string, unknown>;
  /** The answer or reason, when the reader may see personal data; null otherwise. */
  text: string | null;
  hasText: boolean;
  at: string;
}

export interface ComplaintDetail {
  complaint: ComplaintView;
  /** Subject and account in clear for readers of personal data; null otherwise or erased. */
  subject: string | null;
  description: string | null;
  outcome: string | null;
  events: ComplaintEventView[];
  attachments: {
    id: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    createdAt: string;
  }[];
  allowedCommands: ComplaintCommand[];
}

/** A complaint with its timeline; text is opened only when `withText` (personal data readers). */
export async function getComplaint(
  db: Queryable,
  platformId: string,
  complaintId: string,
  withText: boolean,
  nowMs = Date.now(),
): Promise<ComplaintDetail | null> {
  const rows = await db.query<
    ComplaintRow & {
      subject_sealed: string[];
      description_sealed: string[];
      outcome_sealed: string[] | null;
    }
  >(
    `SELECT ${COMPLAINT_COLUMNS}, subject_sealed, description_sealed, outcome_sealed
     FROM complaints WHERE id = $1 AND platform_id = $2`,
    [complaintId, platformId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  const events = await db.query<{
    kind: string;
    actor: string;
    detail: Record<string, unknown>;
    text_sealed: string[] | null;
    at: Date;
  }>(
    `SELECT kind, actor, detail, text_sealed, at FROM complaint_events
     WHERE complaint_id = $1 ORDER BY id LIMIT $2`,
    [complaintId, COMPLAINT_LIMITS.eventsPerReadMax],
  );
  const attachments = await db.query<{
    id: string;
    media_type: string;
    size_bytes: number;
    sha256: Buffer;
    created_at: Date;
  }>(
    `SELECT id, media_type, size_bytes, sha256, created_at FROM complaint_attachments
     WHERE complaint_id = $1 ORDER BY id`,
    [complaintId],
  );
  const where = { table: 'complaints', recordId: complaintId, platformId };
  const open = async (column: string, sealed: string[] | null): Promise<string | null> => {
    if (!withText || sealed === null || sealed.length === 0 || row.text_erased_at !== null)
      return null;
    // A text that does not decrypt (altered, moved) is an error, never shown as empty.
    return openText(db, { ...where, column }, sealed);
  };
  return {
    complaint: complaintView(row, nowMs),
    subject: await open('subject', row.subject_sealed),
    description: await open('description', row.description_sealed),
    outcome: await open('outcome', row.outcome_sealed),
    events: await Promise.all(
      events.map(async (event) => ({
        kind: event.kind,
        actor: event.actor,
        detail: event.detail,
        text: await open(`event:${event.kind}`, event.text_sealed),
        hasText: event.text_sealed !== null,
        at: new Date(event.at).toISOString(),
      })),
    ),
    attachments: attachments.map((a) => ({
      id: a.id,
      mediaType: a.media_type,
      sizeBytes: a.size_bytes,
      sha256: Buffer.from(a.sha256).toString('hex'),
      createdAt: new Date(a.created_at).toISOString(),
    })),
    allowedCommands: allowedComplaintCommands(row.state),
  };
}
