import type { InstructionInput, PasskeyAuthorizationInput } from '../custody/index.js';
import { toBigInt } from '../store/index.js';

/** The debit types a platform may leave for the customer to authorize with a passkey. */
export const PAYMENT_REQUEST_TYPES = ['withdrawal', 'transfer', 'fee'] as const;
export type PaymentRequestType = (typeof PAYMENT_REQUEST_TYPES)[number];

export type PaymentRequestStatus =
  'awaiting_authorization' | 'posted' | 'held' | 'voided' | 'expired' | 'declined';

export interface PaymentRequest {
  id: string;
  platformId: string;
  customerId: string;
  idempotencyKey: string;
  type: PaymentRequestType;
  payerAccountId: string;
  payeeAccountId: string | null;
  bankAccountId: string | null;
  amountMinor: bigint;
  currency: string;
  purpose: string;
  nonce: string;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  declinedAt: string | null;
  status: PaymentRequestStatus;
  instructionId: string | null;
}

export const PAYMENT_REQUEST_COLUMNS = `r.id, r.platform_id, r.customer_id, r.idempotency_key,
  r.request_hash, r.type, r.payer_account_id, r.payee_account_id, r.bank_account_id,
  r.amount_minor, r.currency, r.purpose, r.nonce, r.expires_at, r.created_by, r.created_at,
  r.cancelled_at, i.id AS instruction_id, i.status AS instruction_status`;

/** Joins the instruction a request became: same customer, same nonce (single use). */
export const PAYMENT_REQUEST_FROM = `payment_requests r
  LEFT JOIN instructions i ON i.auth_customer_id = r.customer_id AND i.auth_nonce = r.nonce
    AND i.authorization_kind = 'passkey'`;

/** A request's status follows from its instruction, its decline and the clock. */
export function paymentRequestStatus(
  row: { instructionStatus: string | null; declinedAt: string | null; expiresAtMs: number },
  nowMs: number,
): PaymentRequestStatus {
  if (row.instructionStatus === 'posted') return 'posted';
  if (row.instructionStatus === 'pending') return 'held';
  if (row.instructionStatus === 'voided') return 'voided';
  if (row.declinedAt !== null) return 'declined';
  if (row.expiresAtMs <= nowMs) return 'expired';
  return 'awaiting_authorization';
}

export function paymentRequestOf(row: Record<string, unknown>, nowMs: number): PaymentRequest {
  const expiresAt = new Date(row.expires_at as string).toISOString();
  const declinedAt =
    row.cancelled_at === null ? null : new Date(row.cancelled_at as string).toISOString();
  const instructionStatus = (row.instruction_status as string | null) ?? null;
  return {
    id: String(row.id),
    platformId: String(row.platform_id),
    customerId: String(row.customer_id),
    idempotencyKey: String(row.idempotency_key),
    type: row.type as PaymentRequestType,
    payerAccountId: String(row.payer_account_id),
    payeeAccountId: (row.payee_account_id as string | null) ?? null,
    bankAccountId: (row.bank_account_id as string | null) ?? null,
    amountMinor: toBigInt(row.amount_minor),
    currency: String(row.currency),
    purpose: String(row.purpose),
    nonce: String(row.nonce),
    expiresAt,
    createdBy: String(row.created_by),
    createdAt: new Date(row.created_at as string).toISOString(),
    declinedAt,
    instructionId: (row.instruction_id as string | null) ?? null,
    status: paymentRequestStatus(
      { instructionStatus, declinedAt, expiresAtMs: Date.parse(expiresAt) },
      nowMs,
    ),
  };
}

/** The instruction a payment request becomes, optionally with the customer's assertion. */
export function paymentRequestInstruction(
  request: PaymentRequest,
  assertion?: Omit<PasskeyAuthorizationInput, 'kind' | 'nonce' | 'expiresAt' | 'paymentRequestId'>,
): InstructionInput {
  return {
    type: request.type,
    idempotencyKey: `passkey:${request.id}`,
    currency: request.currency,
    amountMinor: request.amountMinor,
    purpose: request.purpose,
    payerAccountId: request.payerAccountId,
    ...(request.payeeAccountId === null ? {} : { payeeAccountId: request.payeeAccountId }),
    ...(request.bankAccountId === null ? {} : { bankAccountId: request.bankAccountId }),
    ...(assertion === undefined
      ? {}
      : {
          authorization: {
            kind: 'passkey',
            ...assertion,
            nonce: request.nonce,
            expiresAt: request.expiresAt,
            paymentRequestId: request.id,
          },
        }),
  };
}
