import { AUTHORIZATION_LIFETIME_MS_MAX } from '../custody/index.js';

/** Every limit of the customer portal, in one place. */
export const PORTAL_LIMITS = {
  /** An enrolment link works once, within this time. */
  enrolmentTokenTtlMs: 72 * 60 * 60 * 1000,
  /** A registration or sign-in challenge must be answered within this time. */
  challengeTtlMs: 5 * 60 * 1000,
  /** Passkeys one customer may hold at a time. */
  passkeysPerCustomerMax: 10,
  /** A payment request waits for the customer at most as long as any authorization may. */
  paymentRequestLifetimeMsMax: AUTHORIZATION_LIFETIME_MS_MAX,
  /** Pending payment requests one customer may have open at once. */
  openPaymentRequestsPerCustomerMax: 100,
  /** Rows per page in portal lists. */
  listLimitMax: 200,
  /** Entries in one statement; a longer period must be split. */
  statementEntriesMax: 20_000,
  /** The longest on-demand statement period. */
  statementPeriodDaysMax: 366,
  /** Bytes of a base64url WebAuthn field the server accepts. */
  webauthnFieldLengthMax: 16_384,
  /** Enrolment token length (base64url of 32 bytes is 43). */
  enrolmentTokenLengthMax: 64,
} as const;
