import { assert } from '../assert.js';

/** Deliveries the worker claims per call; they are sent concurrently up to the next limit. */
export const DELIVERIES_PER_RUN_MAX = 100;
export const DELIVERY_CONCURRENCY_MAX = 16;
/** How long one webhook request may take before it counts as failed and is retried. */
export const WEBHOOK_TIMEOUT_MS_DEFAULT = 10_000;
export const ATTEMPTS_MAX_DEFAULT = 8;
export const ATTEMPTS_MAX_LIMIT = 50;
/** Retry delays: base × 2^(attempt−1), at most the cap, less up to a jitter share. */
export const BACKOFF_BASE_MS_DEFAULT = 30_000;
export const BACKOFF_CAP_MS_DEFAULT = 6 * 60 * 60 * 1000;
export const BACKOFF_JITTER_FRACTION = 0.5;
/** A claimed delivery not settled within this lease (the worker died) is claimed again. */
export const DELIVERY_LEASE_MS = 5 * 60 * 1000;
/** Signed webhooks older or newer than this are refused by `verifyWebhookSignature`. */
export const SIGNATURE_TOLERANCE_MS_DEFAULT = 5 * 60 * 1000;
export const NOTIFICATION_BODY_BYTES_MAX = 65_536;
export const NOTIFICATIONS_PER_ENQUEUE_MAX = 10_000;
export const ERROR_TEXT_LENGTH_MAX = 500;
export const ENDPOINTS_PER_PLATFORM_MAX = 20;

assert(DELIVERY_CONCURRENCY_MAX <= DELIVERIES_PER_RUN_MAX, 'concurrency within one run');
assert(WEBHOOK_TIMEOUT_MS_DEFAULT < DELIVERY_LEASE_MS, 'a send ends before its lease');
assert(BACKOFF_BASE_MS_DEFAULT <= BACKOFF_CAP_MS_DEFAULT, 'backoff base under its cap');
assert(ATTEMPTS_MAX_DEFAULT <= ATTEMPTS_MAX_LIMIT, 'default attempts within the limit');
