import { randomBytes } from 'node:crypto';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Principal } from '../security/index.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import {
  isNotificationEventType,
  NOTIFICATION_EVENT_TYPES,
  type NotificationEventType,
} from './notification-event.js';
import { ENDPOINTS_PER_PLATFORM_MAX } from './notify-limits.js';

export interface ReceiverInput {
  platformId: string | null;
  eventTypes: string[];
}

export interface ReceiverView {
  id: string;
  channel: 'webhook' | 'email';
  platformId: string | null;
  target: string;
  eventTypes: string[];
  active: boolean;
  createdBy: string;
  createdAt: string;
}

export type ReceiverCheck =
  { ok: true; eventTypes: NotificationEventType[] } | { ok: false; message: string };

/** Event types must exist, and a platform's receiver may only take platform-visible types. */
export function checkEventTypes(
  platformId: string | null,
  eventTypes: readonly string[],
): ReceiverCheck {
  const unique = [...new Set(eventTypes)];
  if (unique.length === 0) return { ok: false, message: 'subscribe to at least one event type' };
  for (const type of unique) {
    if (!isNotificationEventType(type)) return { ok: false, message: `unknown event type ${type}` };
    if (platformId !== null && NOTIFICATION_EVENT_TYPES[type] !== 'platform')
      return { ok: false, message: `a platform's receiver cannot take ${type} events` };
  }
  return { ok: true, eventTypes: unique as NotificationEventType[] };
}

/** A fresh signing secret: shown once at creation, stored for signing (see the migration). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

async function countForPlatform(
  tx: Queryable,
  table: string,
  platformId: string | null,
): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE platform_id IS NOT DISTINCT FROM $1 AND active`,
    [platformId],
  );
  return rows[0]?.n ?? 0;
}

export async function createWebhookEndpoint(
  db: Database,
  actor: Principal,
  input: ReceiverInput & { url: string },
): Promise<{ ok: true; id: string; secret: string } | { ok: false; message: string }> {
  const checked = checkEventTypes(input.platformId, input.eventTypes);
  if (!checked.ok) return checked;
  const id = newId('whk');
  const secret = newWebhookSecret();
  return db.transaction(async (tx) => {
    if (
      (await countForPlatform(tx, 'webhook_endpoints', input.platformId)) >=
      ENDPOINTS_PER_PLATFORM_MAX
    )
      return {
        ok: false as const,
        message: `at most ${ENDPOINTS_PER_PLATFORM_MAX} active endpoints`,
      };
    await tx.query(
      `INSERT INTO webhook_endpoints (id, platform_id, url, secret, event_types, created_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, input.platformId, input.url, secret, checked.eventTypes, actor.id],
    );
    await appendAuditRecords(tx, [
      {
        platformId: input.platformId,
        actor: actor.id,
        action: 'webhook_endpoint.created',
        subjectType: 'webhook_endpoint',
        subjectId: id,
        payload: { url: input.url, eventTypes: checked.eventTypes },
        atMs: Date.now(),
      },
    ]);
    return { ok: true as const, id, secret };
  });
}

export async function createEmailRecipient(
  db: Database,
  actor: Principal,
  input: ReceiverInput & { address: string },
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const checked = checkEventTypes(input.platformId, input.eventTypes);
  if (!checked.ok) return checked;
  const id = newId('eml');
  return db.transaction(async (tx) => {
    if (
      (await countForPlatform(tx, 'email_recipients', input.platformId)) >=
      ENDPOINTS_PER_PLATFORM_MAX
    )
      return {
        ok: false as const,
        message: `at most ${ENDPOINTS_PER_PLATFORM_MAX} active recipients`,
      };
    await tx.query(
      `INSERT INTO email_recipients (id, platform_id, address, event_types, created_by)
       VALUES ($1, $2, $3, $4, $5)`,
      [id, input.platformId, input.address, checked.eventTypes, actor.id],
    );
    await appendAuditRecords(tx, [
      {
        platformId: input.platformId,
        actor: actor.id,
        action: 'email_recipient.created',
        subjectType: 'email_recipient',
        subjectId: id,
        payload: { eventTypes: checked.eventTypes },
        atMs: Date.now(),
      },
    ]);
    return { ok: true as const, id };
  });
}

/** Stops sending to a receiver; its queued deliveries stay and are dead-lettered when due. */
export async function deactivateReceiver(
  db: Database,
  actor: Principal,
  receiverId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ platform_id: string | null }>(
      `UPDATE webhook_endpoints SET active = false WHERE id = $1 AND active RETURNING platform_id`,
      [receiverId],
    );
    const emails =
      rows.length > 0
        ? []
        : await tx.query<{ platform_id: string | null }>(
            `UPDATE email_recipients SET active = false WHERE id = $1 AND active RETURNING platform_id`,
            [receiverId],
          );
    const changed = rows[0] ?? emails[0];
    if (changed === undefined) return false;
    await appendAuditRecords(tx, [
      {
        platformId: changed.platform_id,
        actor: actor.id,
        action: 'notification_receiver.deactivated',
        subjectType: 'notification_receiver',
        subjectId: receiverId,
        payload: {},
        atMs: Date.now(),
      },
    ]);
    return true;
  });
}

export async function listReceivers(db: Queryable, platformId?: string): Promise<ReceiverView[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT 'webhook' AS channel, id, platform_id, url AS target, event_types, active, created_by, created_at
       FROM webhook_endpoints WHERE $1::text IS NULL OR platform_id = $1
     UNION ALL
     SELECT 'email', id, platform_id, address, event_types, active, created_by, created_at
       FROM email_recipients WHERE $1::text IS NULL OR platform_id = $1
     ORDER BY id`,
    [platformId ?? null],
  );
  return rows.map((r) => ({
    id: String(r.id),
    channel: r.channel as ReceiverView['channel'],
    platformId: (r.platform_id as string | null) ?? null,
    target: String(r.target),
    eventTypes: r.event_types as string[],
    active: r.active === true,
    createdBy: String(r.created_by),
    createdAt: new Date(r.created_at as Date).toISOString(),
  }));
}
