import { createHash } from 'node:crypto';
import { canonicalJson, type SignatureCheck } from '../crypto/index.js';
import {
  authorizationMessage,
  passkeyChallenge,
  type AuthorizationFields,
} from './authorization-document.js';
import type { CachedDirectory } from './cached-directory.js';
import { failure, success, type Result } from './errors.js';
import {
  AUTHORIZATION_LIFETIME_MS_MAX,
  type InstructionInput,
  type PasskeyAuthorizationInput,
} from './instruction.js';
import type { AuthorizationEvidence, PreparedInstruction } from './prepared-instruction.js';
import {
  routeInstruction,
  type InstructionRoute,
  type ReversedInstruction,
} from './route-instruction.js';

export interface PrepareContext {
  id: string;
  platformId: string;
  submittedBy: string;
  nowMs: number;
  directory: CachedDirectory;
  reversed?: ReversedInstruction;
}

/** SHA-256 over the canonical request: a reused idempotency key must carry the same one. */
export function requestHash(input: InstructionInput): Buffer {
  const { channel: _context, ...request } = input;
  const canonical = canonicalJson({ ...request, amountMinor: input.amountMinor.toString() });
  return createHash('sha256').update(canonical).digest();
}

/**
 * Routes an instruction and verifies its authorization as far as that needs no locked state:
 * the signature over the dynamically linked document, the key's owner, and the expiry.
 */
export interface PrepareOutcome {
  prepared: PreparedInstruction;
  /** The signature still to verify (on a worker thread), or null when there is none. */
  signatureCheck: SignatureCheck | null;
  /** The passkey assertion still to verify against the stored credential, or null. */
  passkeyCheck: PasskeyCheck | null;
}

/** A WebAuthn assertion to check: by this customer's credential, over this challenge. */
export interface PasskeyCheck {
  platformId: string;
  customerId: string;
  challenge: Buffer;
  assertion: PasskeyAuthorizationInput;
}

export function prepareInstruction(
  input: InstructionInput,
  context: PrepareContext,
): Result<PrepareOutcome> {
  const route = routeInstruction(context.platformId, input, context.directory, context.reversed);
  if (!route.ok) return route;
  const authorization = verifyAuthorization(input, context, route.value);
  if (!authorization.ok) return authorization;
  const holdReason = route.value.needsApproval
    ? 'approval_required'
    : input.hold === true
      ? 'requested_by_platform'
      : null;
  const prepared: PreparedInstruction = {
    id: context.id,
    platformId: context.platformId,
    input,
    requestHash: requestHash(input),
    route: route.value,
    authorization: authorization.value.evidence,
    holdReason,
    submittedBy: context.submittedBy,
    nowMs: context.nowMs,
  };
  return success({
    prepared,
    signatureCheck: authorization.value.check,
    passkeyCheck: authorization.value.passkey,
  });
}

/** The fields of the authorization document of an instruction, as routed. */
export function authorizationFieldsOf(
  input: InstructionInput,
  platformId: string,
  route: InstructionRoute,
  nonce: string,
  expiresAt: string,
): AuthorizationFields {
  return {
    platformId,
    type: input.type,
    payerAccountId: route.debit.id,
    ...(input.type === 'withdrawal' && input.bankAccountId !== undefined
      ? { bankAccountId: input.bankAccountId }
      : { payeeAccountId: route.credit.id }),
    amountMinor: input.amountMinor,
    currency: input.currency,
    purpose: input.purpose,
    nonce,
    expiresAt,
  };
}

/** An authorization's expiry must be in the future, and not too far in it. */
function expiryRefusal(expiresAt: string, nowMs: number): Result<never> | null {
  const expiresAtMs = Date.parse(expiresAt);
  if (!Number.isFinite(expiresAtMs) || expiresAtMs <= nowMs) {
    return failure('authorization_expired', 'the authorization has expired');
  }
  if (expiresAtMs - nowMs > AUTHORIZATION_LIFETIME_MS_MAX) {
    return failure('authorization_expired', 'the authorization is valid for too long');
  }
  return null;
}

function passkeyAuthorization(
  input: InstructionInput,
  context: PrepareContext,
  route: InstructionRoute,
  customerId: string,
  auth: PasskeyAuthorizationInput,
): Result<{ evidence: AuthorizationEvidence; check: null; passkey: PasskeyCheck }> {
  const expired = expiryRefusal(auth.expiresAt, context.nowMs);
  if (expired !== null) return expired;
  const challenge = passkeyChallenge(
    authorizationFieldsOf(input, context.platformId, route, auth.nonce, auth.expiresAt),
    customerId,
  );
  const evidence: AuthorizationEvidence = {
    kind: 'passkey',
    customerId,
    credentialId: auth.credentialId,
    nonce: auth.nonce,
    expiresAt: auth.expiresAt,
    challenge: challenge.toString('base64url'),
    authenticatorData: auth.authenticatorData,
    clientDataJSON: auth.clientDataJSON,
    signature: auth.signature,
    userHandle: auth.userHandle ?? null,
    paymentRequestId: auth.paymentRequestId ?? null,
  };
  return success({
    evidence,
    check: null,
    passkey: { platformId: context.platformId, customerId, challenge, assertion: auth },
  });
}

function verifyAuthorization(
  input: InstructionInput,
  context: PrepareContext,
  route: InstructionRoute,
): Result<{
  evidence: AuthorizationEvidence;
  check: SignatureCheck | null;
  passkey: PasskeyCheck | null;
}> {
  const customerId = route.authorizingCustomerId;
  const auth = input.authorization;
  if (customerId === null) {
    if (auth !== undefined) {
      return failure(
        'authorization_not_allowed',
        'this instruction debits no customer; send no authorization',
      );
    }
    return success({ evidence: { kind: 'none' }, check: null, passkey: null });
  }
  if (auth === undefined) {
    return failure(
      'authorization_missing',
      "a debit of a customer account needs that customer's authorization",
    );
  }
  if (auth.kind === 'mandate') {
    const evidence: AuthorizationEvidence = {
      kind: 'mandate',
      customerId,
      mandateId: auth.mandateId,
    };
    return success({ evidence, check: null, passkey: null });
  }
  if (auth.kind === 'passkey') return passkeyAuthorization(input, context, route, customerId, auth);
  const key = context.directory.key(auth.keyId);
  if (key === undefined || key.platformId !== context.platformId) {
    return failure('unknown_key', `key ${auth.keyId} is not registered`);
  }
  if (key.customerId !== customerId)
    return failure('key_not_customer', 'the signing key does not belong to the payer');
  const expired = expiryRefusal(auth.expiresAt, context.nowMs);
  if (expired !== null) return expired;
  const message = authorizationMessage(
    authorizationFieldsOf(input, context.platformId, route, auth.nonce, auth.expiresAt),
  );
  const evidence: AuthorizationEvidence = {
    kind: 'signature',
    customerId,
    keyId: auth.keyId,
    nonce: auth.nonce,
    expiresAt: auth.expiresAt,
    signature: auth.signature,
  };
  const signature = Buffer.from(auth.signature, 'base64');
  return success({
    evidence,
    check: { publicKey: key.publicKeyRaw, message, signature },
    passkey: null,
  });
}
