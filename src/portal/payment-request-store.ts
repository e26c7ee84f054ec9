import { createHash, randomBytes } from 'node:crypto';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { canonicalJson } from '../crypto/index.js';
import { failure, routeInstruction, success, type Custody, type Result } from '../custody/index.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import {
  PAYMENT_REQUEST_COLUMNS,
  PAYMENT_REQUEST_FROM,
  paymentRequestInstruction,
  paymentRequestOf,
  type PaymentRequest,
  type PaymentRequestType,
} from './payment-request.js';
import { PORTAL_LIMITS } from './portal-limits.js';

export interface PaymentRequestInput {
  type: PaymentRequestType;
  idempotencyKey: string;
  payerAccountId: string;
  payeeAccountId?: string;
  bankAccountId?: string;
  amountMinor: bigint;
  currency: string;
  purpose: string;
  expiresAt: string;
}

function inputHash(input: PaymentRequestInput): Buffer {
  const canonical = canonicalJson({ ...input, amountMinor: input.amountMinor.toString() });
  return createHash('sha256').update(canonical).digest();
}

/**
 * The platform asks its customer to authorize a debit with a passkey. The request is routed
 * like the instruction it will become (accounts of this platform, of the right types, the
 * payer a customer) and gets a fresh nonce; nothing moves until the customer authorizes. A
 * repeated idempotency key with the same request returns the first one.
 */
export async function createPaymentRequest(
  custody: Custody,
  actorId: string,
  platformId: string,
  input: PaymentRequestInput,
  nowMs: number,
): Promise<Result<{ request: PaymentRequest; replayed: boolean }>> {
  const expiresAtMs = Date.parse(input.expiresAt);
  if (!Number.isFinite(expiresAtMs) || expiresAtMs <= nowMs)
    return failure('validation_failed', 'expiresAt must be in the future');
  if (expiresAtMs - nowMs > PORTAL_LIMITS.paymentRequestLifetimeMsMax)
    return failure('validation_failed', 'expiresAt is too far in the future');
  await custody.directory.ensure({
    accountIds: [input.payerAccountId, input.payeeAccountId].filter(
      (id): id is string => id !== undefined,
    ),
    platformIds: [platformId],
    bankAccountIds: input.bankAccountId === undefined ? [] : [input.bankAccountId],
    keyIds: [],
  });
  const { expiresAt: _expiresAt, ...instruction } = input;
  const route = routeInstruction(platformId, instruction, custody.directory);
  if (!route.ok) return route;
  const customerId = route.value.authorizingCustomerId;
  if (customerId === null)
    return failure('authorization_not_allowed', 'this instruction debits no customer');
  const hash = inputHash(input);
  return custody.db.transaction(async (tx) => {
    const earlier = await tx.query<Record<string, unknown>>(
      `SELECT ${PAYMENT_REQUEST_COLUMNS} FROM ${PAYMENT_REQUEST_FROM}
       WHERE r.platform_id = $1 AND r.idempotency_key = $2`,
      [platformId, input.idempotencyKey],
    );
    const first = earlier[0];
    if (first !== undefined) {
      if (!Buffer.from(first.request_hash as Uint8Array).equals(hash))
        return failure(
          'idempotency_conflict',
          'idempotency key was already used with a different request',
        );
      return success({ request: paymentRequestOf(first, nowMs), replayed: true });
    }
    const open = await tx.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${PAYMENT_REQUEST_FROM}
       WHERE r.customer_id = $1 AND r.cancelled_at IS NULL AND r.expires_at > $2 AND i.id IS NULL`,
      [customerId, new Date(nowMs)],
    );
    if (Number(open[0]?.n ?? 0) >= PORTAL_LIMITS.openPaymentRequestsPerCustomerMax)
      return failure('invalid_state', 'this customer has too many requests awaiting authorization');
    const id = newId('prq');
    const nonce = randomBytes(18).toString('base64url');
    await tx.query(
      `INSERT INTO payment_requests (id, platform_id, customer_id, idempotency_key, request_hash,
         type, payer_account_id, payee_account_id, bank_account_id, amount_minor, currency,
         purpose, nonce, expires_at, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        id,
        platformId,
        customerId,
        input.idempotencyKey,
        hash,
        input.type,
        input.payerAccountId,
        input.payeeAccountId ?? null,
        input.bankAccountId ?? null,
        input.amountMinor.toString(),
        input.currency,
        input.purpose,
        nonce,
        new Date(expiresAtMs),
        actorId,
        new Date(nowMs),
      ],
    );
    await appendAuditRecords(tx, [
      {
        platformId,
        actor: actorId,
        action: 'payment_request.created',
        subjectType: 'payment_request',
        subjectId: id,
        payload: {
          customerId,
          type: input.type,
          payerAccountId: input.payerAccountId,
          amountMinor: input.amountMinor.toString(),
          currency: input.currency,
          expiresAt: new Date(expiresAtMs).toISOString(),
        },
        atMs: nowMs,
      },
    ]);
    const created = await tx.query<Record<string, unknown>>(
      `SELECT ${PAYMENT_REQUEST_COLUMNS} FROM ${PAYMENT_REQUEST_FROM} WHERE r.id = $1`,
      [id],
    );
    const row = created[0];
    if (row === undefined) return failure('not_found', 'payment request vanished');
    return success({ request: paymentRequestOf(row, nowMs), replayed: false });
  });
}

/** One request, only if it belongs to this platform (and this customer, when given). */
export async function findPaymentRequest(
  db: Queryable,
  scope: { platformId: string; customerId?: string },
  requestId: string,
  nowMs: number,
): Promise<PaymentRequest | null> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${PAYMENT_REQUEST_COLUMNS} FROM ${PAYMENT_REQUEST_FROM}
     WHERE r.id = $1 AND r.platform_id = $2 AND ($3::text IS NULL OR r.customer_id = $3)`,
    [requestId, scope.platformId, scope.customerId ?? null],
  );
  const row = rows[0];
  return row === undefined ? null : paymentRequestOf(row, nowMs);
}

export async function listPaymentRequests(
  db: Queryable,
  scope: { platformId: string; customerId?: string },
  options: { awaitingOnly: boolean; limit: number },
  nowMs: number,
): Promise<PaymentRequest[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${PAYMENT_REQUEST_COLUMNS} FROM ${PAYMENT_REQUEST_FROM}
     WHERE r.platform_id = $1 AND ($2::text IS NULL OR r.customer_id = $2)
       AND (NOT $3::boolean OR (i.id IS NULL AND r.cancelled_at IS NULL AND r.expires_at > $4))
     ORDER BY r.created_at DESC, r.id DESC LIMIT $5`,
    [
      scope.platformId,
      scope.customerId ?? null,
      options.awaitingOnly,
      new Date(nowMs),
      Math.min(Math.max(options.limit, 1), PORTAL_LIMITS.listLimitMax),
    ],
  );
  return rows.map((row) => paymentRequestOf(row, nowMs));
}

/** The customer declines a request still awaiting authorization; it can then never post. */
export async function declinePaymentRequest(
  db: Database,
  customer: { id: string; platformId: string; customerId: string },
  requestId: string,
  nowMs: number,
): Promise<Result<PaymentRequest>> {
  return db.transaction(async (tx) => {
    const locked = await tx.query(
      'SELECT id FROM payment_requests WHERE id = $1 AND platform_id = $2 AND customer_id = $3 FOR UPDATE',
      [requestId, customer.platformId, customer.customerId],
    );
    if (locked.length === 0) return failure('not_found', `payment request ${requestId} not found`);
    const request = await findPaymentRequest(tx, customer, requestId, nowMs);
    if (request === null) return failure('not_found', `payment request ${requestId} not found`);
    if (request.status !== 'awaiting_authorization')
      return failure('invalid_state', `this request is ${request.status.replace(/_/g, ' ')}`);
    await tx.query('UPDATE payment_requests SET cancelled_at = $2 WHERE id = $1', [
      requestId,
      new Date(nowMs),
    ]);
    await appendAuditRecords(tx, [
      {
        platformId: customer.platformId,
        actor: customer.id,
        action: 'payment_request.declined',
        subjectType: 'payment_request',
        subjectId: requestId,
        payload: { customerId: customer.customerId },
        atMs: nowMs,
      },
    ]);
    return success({
      ...request,
      status: 'declined' as const,
      declinedAt: new Date(nowMs).toISOString(),
    });
  });
}

export { paymentRequestInstruction };
