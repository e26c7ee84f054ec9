import type { Database, Queryable } from '../store/index.js';
import { BACKOFF_POLICY_DEFAULT, backoffDelayMs, type BackoffPolicy } from './backoff.js';
import {
  DELIVERIES_PER_RUN_MAX,
  DELIVERY_CONCURRENCY_MAX,
  DELIVERY_LEASE_MS,
  WEBHOOK_TIMEOUT_MS_DEFAULT,
} from './notify-limits.js';
import { sendEmail, sendWebhook, type MailSender, type SendOutcome } from './senders.js';

export interface DeliveryOptions {
  /** The worker's clock: what is due, and when retries are scheduled. */
  nowMs: number;
  fetch?: typeof fetch;
  smtp?: { sender: MailSender; from: string };
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  batchSize?: number;
}

export interface DeliveryReport {
  claimed: number;
  delivered: number;
  retried: number;
  deadLettered: number;
}

type Claimed = {
  id: string;
  channel: 'webhook' | 'email';
  target_id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
  attempts_max: number;
};

/**
 * Sends what is due: claims up to `batchSize` deliveries under a lease (so a second worker, or
 * this one after a crash, does not send them twice while they are in flight), sends them with a
 * timeout, then records each outcome. A failure is retried with exponential backoff and jitter;
 * after `attempts_max` attempts the delivery is dead-lettered, never dropped.
 */
export async function deliverDue(db: Database, options: DeliveryOptions): Promise<DeliveryReport> {
  const batchSize = Math.min(options.batchSize ?? DELIVERIES_PER_RUN_MAX, DELIVERIES_PER_RUN_MAX);
  const claimed = await db.transaction((tx) => claimDue(tx, options.nowMs, batchSize));
  if (claimed.length === 0) return { claimed: 0, delivered: 0, retried: 0, deadLettered: 0 };
  const targets = await loadTargets(db, claimed);
  const outcomes: SendOutcome[] = [];
  for (let start = 0; start < claimed.length; start += DELIVERY_CONCURRENCY_MAX) {
    const chunk = claimed.slice(start, start + DELIVERY_CONCURRENCY_MAX);
    outcomes.push(...(await Promise.all(chunk.map((row) => send(row, targets, options)))));
  }
  return settle(db, claimed, outcomes, options);
}

async function claimDue(tx: Queryable, nowMs: number, batchSize: number): Promise<Claimed[]> {
  const now = new Date(nowMs);
  // A lease that ran out on the last allowed attempt leaves nothing to retry: dead-letter it.
  await tx.query(
    `UPDATE notification_outbox SET status = 'dead', dead_lettered_at = $1, lease_until = NULL,
       last_error = coalesce(last_error, 'the sending worker stopped before recording an outcome')
     WHERE status = 'sending' AND lease_until <= $1 AND attempts >= attempts_max`,
    [now],
  );
  return tx.query<Claimed>(
    `WITH due AS (
       SELECT id FROM notification_outbox
       WHERE ((status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND lease_until <= $1))
         AND attempts < attempts_max
       ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
     )
     UPDATE notification_outbox o SET status = 'sending', attempts = o.attempts + 1, lease_until = $3
     FROM due WHERE o.id = due.id
     RETURNING o.id, o.channel, o.target_id, o.event_id, o.event_type, o.body, o.attempts, o.attempts_max`,
    [now, batchSize, new Date(nowMs + DELIVERY_LEASE_MS)],
  );
}

type Targets = Map<string, { url?: string; secret?: string; address?: string; active: boolean }>;

async function loadTargets(db: Queryable, claimed: readonly Claimed[]): Promise<Targets> {
  const ids = [...new Set(claimed.map((c) => c.target_id))];
  const rows = await db.query<{
    id: string;
    url: string | null;
    secret: string | null;
    address: string | null;
    active: boolean;
  }>(
    `SELECT id, url, secret, NULL AS address, active FROM webhook_endpoints WHERE id = ANY ($1::text[])
     UNION ALL
     SELECT id, NULL, NULL, address, active FROM email_recipients WHERE id = ANY ($1::text[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ...(r.url === null ? {} : { url: r.url }),
        ...(r.secret === null ? {} : { secret: r.secret }),
        ...(r.address === null ? {} : { address: r.address }),
        active: r.active,
      },
    ]),
  );
}

async function send(
  row: Claimed,
  targets: Targets,
  options: DeliveryOptions,
): Promise<SendOutcome> {
  const target = targets.get(row.target_id);
  if (target === undefined || !target.active)
    return { ok: false, statusCode: null, error: 'the receiver was removed or deactivated' };
  const delivery = {
    eventId: row.event_id,
    eventType: row.event_type,
    body: row.body,
    attempt: row.attempts,
  };
  if (row.channel === 'email') return sendEmail(options.smtp, target.address ?? '', delivery);
  return sendWebhook(
    options.fetch ?? fetch,
    { url: target.url ?? '', secret: target.secret ?? '' },
    delivery,
    options.timeoutMs ?? WEBHOOK_TIMEOUT_MS_DEFAULT,
  );
}

async function settle(
  db: Database,
  claimed: readonly Claimed[],
  outcomes: readonly SendOutcome[],
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const random = options.random ?? Math.random;
  const policy = options.backoff ?? BACKOFF_POLICY_DEFAULT;
  const rows = claimed.map((row, index) => {
    const outcome = outcomes[index] ?? { ok: false, statusCode: null, error: 'not sent' };
    const dead = !outcome.ok && row.attempts >= row.attempts_max;
    return {
      id: row.id,
      status: outcome.ok ? 'delivered' : dead ? 'dead' : 'pending',
      code: outcome.statusCode,
      error: outcome.ok ? null : outcome.error,
      next: new Date(
        options.nowMs + (outcome.ok || dead ? 0 : backoffDelayMs(row.attempts, random(), policy)),
      ).toISOString(),
    };
  });
  await db.query(
    `UPDATE notification_outbox o SET status = r.status, last_status_code = r.code,
       last_error = coalesce(r.error, o.last_error), lease_until = NULL,
       next_attempt_at = r.next,
       delivered_at = CASE WHEN r.status = 'delivered' THEN $2::timestamptz END,
       dead_lettered_at = CASE WHEN r.status = 'dead' THEN $2::timestamptz END
     FROM json_to_recordset($1::json) AS r(id text, status text, code integer, error text, next timestamptz)
     WHERE o.id = r.id AND o.status = 'sending'`,
    [JSON.stringify(rows), new Date(options.nowMs)],
  );
  return {
    claimed: claimed.length,
    delivered: rows.filter((r) => r.status === 'delivered').length,
    retried: rows.filter((r) => r.status === 'pending').length,
    deadLettered: rows.filter((r) => r.status === 'dead').length,
  };
}
