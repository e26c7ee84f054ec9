import { assert } from '../assert.js';
import type { Queryable } from '../store/index.js';
import { newId } from '../store/index.js';
import {
  notificationBody,
  PLATFORM_EVENT_TYPES,
  type NotificationEvent,
} from './notification-event.js';
import {
  ATTEMPTS_MAX_DEFAULT,
  NOTIFICATION_BODY_BYTES_MAX,
  NOTIFICATIONS_PER_ENQUEUE_MAX,
} from './notify-limits.js';

// One statement fans every event out to the active webhook endpoints and e-mail recipients
// subscribed to its type: staff receivers (no platform) take every event, a platform's
// receivers only their own platform's events of the platform-visible types.
const ENQUEUE_SQL = `INSERT INTO notification_outbox
  (id, platform_id, channel, target_id, event_id, event_type, body, status, attempts_max,
   next_attempt_at)
SELECT $4 || md5(e.event_id || r.channel || r.id), e.platform_id, r.channel, r.id, e.event_id,
  e.event_type, e.body, 'pending', $2, e.at
FROM json_to_recordset($1::json) AS e(event_id text, event_type text, platform_id text, body text,
  at timestamptz)
JOIN (
  SELECT 'webhook' AS channel, id, platform_id, event_types FROM webhook_endpoints WHERE active
  UNION ALL
  SELECT 'email', id, platform_id, event_types FROM email_recipients WHERE active
) r ON e.event_type = ANY (r.event_types)
  AND (r.platform_id IS NULL
    OR (r.platform_id = e.platform_id AND e.event_type = ANY ($3::text[])))
ON CONFLICT (event_id, channel, target_id) DO NOTHING
RETURNING id`;

/**
 * Queues deliveries of `events` in the caller's transaction: a change and its notifications
 * commit together, and the worker (`deliverDue`) sends them afterwards. Returns how many
 * deliveries were queued.
 */
export async function enqueueNotifications(
  tx: Queryable,
  events: readonly NotificationEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  assert(events.length <= NOTIFICATIONS_PER_ENQUEUE_MAX, 'too many notifications in one call');
  const rows = events.map((event) => {
    const body = notificationBody(event);
    assert(Buffer.byteLength(body) <= NOTIFICATION_BODY_BYTES_MAX, 'notification body too large');
    return {
      event_id: event.eventId,
      event_type: event.type,
      platform_id: event.platformId,
      body,
      at: new Date(event.atMs).toISOString(),
    };
  });
  const queued = await tx.query(ENQUEUE_SQL, [
    JSON.stringify(rows),
    ATTEMPTS_MAX_DEFAULT,
    PLATFORM_EVENT_TYPES,
    'ntf_',
  ]);
  return queued.length;
}

export function newEventId(nowMs = Date.now()): string {
  return newId('evt', nowMs);
}
