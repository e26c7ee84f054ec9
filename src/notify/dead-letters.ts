import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Principal } from '../security/index.js';
import type { Database, Queryable } from '../store/index.js';

export interface OutboxView {
  id: string;
  platformId: string | null;
  channel: 'webhook' | 'email';
  targetId: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'sending' | 'delivered' | 'dead';
  attempts: number;
  attemptsMax: number;
  nextAttemptAt: string;
  lastError: string | null;
  lastStatusCode: number | null;
  replays: number;
  createdAt: string;
  deliveredAt: string | null;
  deadLetteredAt: string | null;
}

export const OUTBOX_PAGE_MAX = 500;

function outboxView(r: Record<string, unknown>): OutboxView {
  const isoOrNull = (v: unknown) => (v === null ? null : new Date(v as Date).toISOString());
  return {
    id: String(r.id),
    platformId: (r.platform_id as string | null) ?? null,
    channel: r.channel as OutboxView['channel'],
    targetId: String(r.target_id),
    eventId: String(r.event_id),
    eventType: String(r.event_type),
    status: r.status as OutboxView['status'],
    attempts: Number(r.attempts),
    attemptsMax: Number(r.attempts_max),
    nextAttemptAt: new Date(r.next_attempt_at as Date).toISOString(),
    lastError: (r.last_error as string | null) ?? null,
    lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code),
    replays: Number(r.replays),
    createdAt: new Date(r.created_at as Date).toISOString(),
    deliveredAt: isoOrNull(r.delivered_at),
    deadLetteredAt: isoOrNull(r.dead_lettered_at),
  };
}

export async function listOutbox(
  db: Queryable,
  filter: { status?: OutboxView['status']; platformId?: string; limit?: number },
): Promise<OutboxView[]> {
  const rows = await db.query(
    `SELECT id, platform_id, channel, target_id, event_id, event_type, status, attempts, attempts_max,
       next_attempt_at, last_error, last_status_code, replays, created_at, delivered_at, dead_lettered_at
     FROM notification_outbox WHERE ($1::text IS NULL OR status = $1)
       AND ($2::text IS NULL OR platform_id = $2)
     ORDER BY created_at DESC, id LIMIT $3`,
    [
      filter.status ?? null,
      filter.platformId ?? null,
      Math.min(filter.limit ?? 100, OUTBOX_PAGE_MAX),
    ],
  );
  return rows.map(outboxView);
}

/** Puts a dead-lettered delivery back in the queue with a fresh set of attempts. */
export async function replayDeadLetter(
  db: Database,
  actor: Principal,
  deliveryId: string,
  nowMs = Date.now(),
): Promise<{ ok: true } | { ok: false; code: 'unknown_notification' | 'not_dead_lettered' }> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ status: string; platform_id: string | null }>(
      'SELECT status, platform_id FROM notification_outbox WHERE id = $1 FOR UPDATE',
      [deliveryId],
    );
    const row = rows[0];
    if (row === undefined) return { ok: false as const, code: 'unknown_notification' as const };
    if (row.status !== 'dead') return { ok: false as const, code: 'not_dead_lettered' as const };
    await tx.query(
      `UPDATE notification_outbox SET status = 'pending', attempts = 0, next_attempt_at = $2,
         dead_lettered_at = NULL, replays = replays + 1 WHERE id = $1`,
      [deliveryId, new Date(nowMs)],
    );
    await appendAuditRecords(tx, [
      {
        platformId: row.platform_id,
        actor: actor.id,
        action: 'notification.replayed',
        subjectType: 'notification',
        subjectId: deliveryId,
        payload: {},
        atMs: nowMs,
      },
    ]);
    return { ok: true as const };
  });
}
