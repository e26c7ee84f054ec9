import { createHash } from 'node:crypto';
import { canonicalJson, type SignatureCheck } from '../crypto/index.js';
import { authorizationMessage } from './authorization-document.js';
import type { CachedDirectory } from './cached-directory.js';
import { failure, success, type Result } from './errors.js';
import { AUTHORIZATION_LIFETIME_MS_MAX, type InstructionInput } from './instruction.js';
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
  return success({ prepared, signatureCheck: authorization.value.check });
}

function verifyAuthorization(
  input: InstructionInput,
  context: PrepareContext,
  route: InstructionRoute,
): Result<{ evidence: AuthorizationEvidence; check: SignatureCheck | null }> {
  const customerId = route.authorizingCustomerId;
  const auth = input.authorization;
  if (customerId === null) {
    if (auth !== undefined) {
      return failure(
        'authorization_not_allowed',
        'this instruction debits no customer; send no authorization',
      );
    }
    return success({ evidence: { kind: 'none' }, check: null });
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
    return success({ evidence, check: null });
  }
  const key = context.directory.key(auth.keyId);
  if (key === undefined || key.platformId !== context.platformId) {
    return failure('unknown_key', `key ${auth.keyId} is not registered`);
  }
  if (key.customerId !== customerId)
    return failure('key_not_customer', 'the signing key does not belong to the payer');
  const expiresAtMs = Date.parse(auth.expiresAt);
  if (!Number.isFinite(expiresAtMs) || expiresAtMs <= context.nowMs) {
    return failure('authorization_expired', 'the authorization has expired');
  }
  if (expiresAtMs - context.nowMs > AUTHORIZATION_LIFETIME_MS_MAX) {
    return failure('authorization_expired', 'the authorization is valid for too long');
  }
  const message = authorizationMessage({
    platformId: context.platformId,
    type: input.type,
    payerAccountId: route.debit.id,
    ...(input.type === 'withdrawal' && input.bankAccountId !== undefined
      ? { bankAccountId: input.bankAccountId }
      : { payeeAccountId: route.credit.id }),
    amountMinor: input.amountMinor,
    currency: input.currency,
    purpose: input.purpose,
    nonce: auth.nonce,
    expiresAt: auth.expiresAt,
  });
  const evidence: AuthorizationEvidence = {
    kind: 'signature',
    customerId,
    keyId: auth.keyId,
    nonce: auth.nonce,
    expiresAt: auth.expiresAt,
    signature: auth.signature,
  };
  const signature = Buffer.from(auth.signature, 'base64');
  return success({ evidence, check: { publicKey: key.publicKeyRaw, message, signature } });
}
