/**
 * Events receivers may subscribe to. Staff receivers (no platform) may take every type. A
 * platform's receivers take only the types marked `platform`: telling a platform that its
 * customer is under investigation could tip the customer off (AML Law; FATF R.21), so case
 * and alert events never leave Custos towards a platform, except a request for information.
 */
export const NOTIFICATION_EVENT_TYPES = {
  'alert.raised': 'staff',
  'case.opened': 'staff',
  'case.severity_raised': 'staff',
  'case.assigned': 'staff',
  'case.state_changed': 'staff',
  'case.close_requested': 'staff',
  'case.closed': 'staff',
  'case.sla_warning': 'staff',
  'case.sla_breach': 'staff',
  'case.info_requested': 'platform',
  'incident.opened': 'staff',
  'incident.step_overdue': 'staff',
  'incident.closed': 'staff',
  'notification.test': 'platform',
} as const satisfies Record<string, 'staff' | 'platform'>;
export type NotificationEventType = keyof typeof NOTIFICATION_EVENT_TYPES;

export const PLATFORM_EVENT_TYPES: readonly NotificationEventType[] = (
  Object.keys(NOTIFICATION_EVENT_TYPES) as NotificationEventType[]
).filter((type) => NOTIFICATION_EVENT_TYPES[type] === 'platform');

export function isNotificationEventType(value: string): value is NotificationEventType {
  return Object.hasOwn(NOTIFICATION_EVENT_TYPES, value);
}

/** One thing that happened, to be delivered to every receiver subscribed to its type. */
export interface NotificationEvent {
  eventId: string;
  type: NotificationEventType;
  platformId: string | null;
  atMs: number;
  /** JSON values only (ids, codes, counts); no personal data. */
  data: Record<string, unknown>;
}

/** The exact text a receiver gets (and the webhook signature covers). */
export function notificationBody(event: NotificationEvent): string {
  return JSON.stringify({
    id: event.eventId,
    type: event.type,
    platformId: event.platformId,
    occurredAt: new Date(event.atMs).toISOString(),
    data: event.data,
  });
}
