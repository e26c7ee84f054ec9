export { BACKOFF_POLICY_DEFAULT, backoffDelayMs, nominalBackoffMs } from './backoff.js';
export type { BackoffPolicy } from './backoff.js';
export { listOutbox, OUTBOX_PAGE_MAX, replayDeadLetter } from './dead-letters.js';
export type { OutboxView } from './dead-letters.js';
export { deliverDue } from './deliver-due.js';
export type { DeliveryOptions, DeliveryReport } from './deliver-due.js';
export {
  checkEventTypes,
  createEmailRecipient,
  createWebhookEndpoint,
  deactivateReceiver,
  listReceivers,
  newWebhookSecret,
} from './endpoint-store.js';
export type { ReceiverView } from './endpoint-store.js';
export {
  isNotificationEventType,
  NOTIFICATION_EVENT_TYPES,
  notificationBody,
  PLATFORM_EVENT_TYPES,
} from './notification-event.js';
export type { NotificationEvent, NotificationEventType } from './notification-event.js';
export * from './notify-limits.js';
export { enqueueNotifications, newEventId } from './outbox-store.js';
export { createSmtpSender } from './senders.js';
export type { MailSender, SmtpOptions } from './senders.js';
export { SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from './webhook-signature.js';
export type { SignatureCheck } from './webhook-signature.js';
