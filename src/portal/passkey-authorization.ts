import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import {
  authorizationFieldsOf,
  failure,
  passkeyChallenge,
  passkeyChallengeDocument,
  routeInstruction,
  success,
  type Custody,
  type InstructionView,
  type Result,
} from '../custody/index.js';
import type { Principal } from '../security/index.js';
import { activeCredentialsOf } from './credential-store.js';
import { paymentRequestInstruction, type PaymentRequest } from './payment-request.js';
import { findPaymentRequest } from './payment-request-store.js';
import { PORTAL_LIMITS } from './portal-limits.js';
import type { RelyingParty } from './relying-party.js';
import { webAuthnLibrary } from './webauthn-library.js';

export interface CustomerScope {
  id: string;
  platformId: string;
  customerId: string;
}

/**
 * The challenge a passkey must sign for a payment request: the same function custody applies
 * to the instruction when it arrives, over the same routed fields.
 */
export async function paymentRequestChallenge(
  custody: Custody,
  request: PaymentRequest,
): Promise<Result<{ challenge: Buffer; document: Record<string, string> }>> {
  const input = paymentRequestInstruction(request);
  await custody.directory.ensure({
    accountIds: [input.payerAccountId, input.payeeAccountId].filter(
      (id): id is string => id !== undefined,
    ),
    platformIds: [request.platformId],
    bankAccountIds: input.bankAccountId === undefined ? [] : [input.bankAccountId],
    keyIds: [],
  });
  const route = routeInstruction(request.platformId, input, custody.directory);
  if (!route.ok) return route;
  const fields = authorizationFieldsOf(
    input,
    request.platformId,
    route.value,
    request.nonce,
    request.expiresAt,
  );
  return success({
    challenge: passkeyChallenge(fields, request.customerId),
    document: passkeyChallengeDocument(fields, request.customerId),
  });
}

function refusalOfStatus(request: PaymentRequest): Result<never> | null {
  switch (request.status) {
    case 'awaiting_authorization':
      return null;
    case 'expired':
      return failure('authorization_expired', 'this payment request has expired');
    case 'declined':
      return failure('invalid_state', 'this payment request was declined');
    default:
      return failure('authorization_replayed', 'this payment request was authorized already');
  }
}

/** WebAuthn request options whose challenge is the request's own; only the customer's passkeys. */
export async function authorizationOptions(
  custody: Custody,
  rp: RelyingParty,
  customer: CustomerScope,
  requestId: string,
  nowMs: number,
): Promise<
  Result<{ options: PublicKeyCredentialRequestOptionsJSON; document: Record<string, string> }>
> {
  const request = await findPaymentRequest(custody.db, customer, requestId, nowMs);
  if (request === null) return failure('not_found', `payment request ${requestId} not found`);
  const refused = refusalOfStatus(request);
  if (refused !== null) return refused;
  const challenge = await paymentRequestChallenge(custody, request);
  if (!challenge.ok) return challenge;
  const credentials = await activeCredentialsOf(custody.db, customer.customerId);
  if (credentials.length === 0) return failure('passkey_unknown', 'no passkey is registered');
  const { generateAuthenticationOptions } = await webAuthnLibrary();
  const options = await generateAuthenticationOptions({
    rpID: rp.rpId,
    challenge: new Uint8Array(challenge.value.challenge),
    userVerification: 'required',
    timeout: PORTAL_LIMITS.challengeTtlMs,
    allowCredentials: credentials.map((c) => ({
      id: c.id,
      transports: c.transports as ('internal' | 'hybrid' | 'usb' | 'nfc' | 'ble')[],
    })),
  });
  return success({ options, document: challenge.value.document });
}

function malformed(response: AuthenticationResponseJSON): boolean {
  const max = PORTAL_LIMITS.webauthnFieldLengthMax;
  const r = response.response;
  const required = [response.id, r.authenticatorData, r.clientDataJSON, r.signature];
  const bad = (value: unknown) => typeof value !== 'string' || value.length > max;
  return (
    required.some((value) => bad(value) || value.length === 0) ||
    (r.userHandle !== undefined && bad(r.userHandle))
  );
}

/**
 * The customer's passkey authorizes the request: the instruction goes through custody with a
 * `passkey` authorization, where the challenge is recomputed from the instruction, the
 * assertion verified against the stored key and the nonce consumed in the posting transaction.
 */
export async function authorizePaymentRequest(
  custody: Custody,
  customer: CustomerScope & Principal,
  requestId: string,
  response: AuthenticationResponseJSON,
  nowMs: number,
): Promise<
  Result<{ request: PaymentRequest; instruction: InstructionView | null; instructionId: string }>
> {
  if (malformed(response))
    return failure('bad_passkey_assertion', 'the passkey response is malformed');
  const request = await findPaymentRequest(custody.db, customer, requestId, nowMs);
  if (request === null) return failure('not_found', `payment request ${requestId} not found`);
  const refused = refusalOfStatus(request);
  if (refused !== null) return refused;
  const input = paymentRequestInstruction(request, {
    credentialId: response.id,
    authenticatorData: response.response.authenticatorData,
    clientDataJSON: response.response.clientDataJSON,
    signature: response.response.signature,
    ...(response.response.userHandle === undefined
      ? {}
      : { userHandle: response.response.userHandle }),
  });
  const submitted = await custody.submit(customer, request.platformId, input);
  if (!submitted.ok) {
    if (submitted.error.code === 'idempotency_conflict')
      return failure('authorization_replayed', 'this payment request was authorized already');
    return submitted;
  }
  if (submitted.value.replayed)
    return failure('authorization_replayed', 'this payment request was authorized already');
  const after = await findPaymentRequest(custody.db, customer, requestId, Date.now());
  return success({
    request: after ?? request,
    instruction: submitted.value.created,
    instructionId: submitted.value.instructionId,
  });
}
