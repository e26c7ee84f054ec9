import type { Queryable } from '../store/index.js';

export interface ComplaintEventInput {
  complaintId: string;
  platformId: string;
  kind: string;
  actor: string;
  detail: Record<string, unknown>;
  /** The sealed text the event carries (an answer, a reason), if any. */
  textSealed?: string[];
  atMs: number;
}

/** One line of a complaint's timeline, written in the transaction that changes it. */
export async function appendComplaintEvent(
  tx: Queryable,
  event: ComplaintEventInput,
): Promise<void> {
  await tx.query(
    `INSERT INTO complaint_events (complaint_id, platform_id, kind, actor, detail, text_sealed, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      event.complaintId,
      event.platformId,
      event.kind,
      event.actor,
      JSON.stringify(event.detail),
      event.textSealed ?? null,
      new Date(event.atMs),
    ],
  );
}
