import { createHash } from 'node:crypto';
import { canonicalJson } from '../crypto/index.js';
import type { AuthorizationDocument, InstructionType } from './instruction.js';

export interface AuthorizationFields {
  platformId: string;
  type: InstructionType;
  payerAccountId: string;
  payeeAccountId?: string;
  bankAccountId?: string;
  amountMinor: bigint;
  currency: string;
  purpose: string;
  nonce: string;
  expiresAt: string;
}

/**
 * The document a customer signs for one debit. Dynamic linking: payer, payee (an account or
 * a registered bank account), amount, currency, purpose, nonce and expiry are all inside, so
 * changing any of them invalidates the signature.
 */
export function authorizationDocument(fields: AuthorizationFields): AuthorizationDocument {
  const payee =
    fields.bankAccountId !== undefined
      ? `bank_account:${fields.bankAccountId}`
      : `account:${fields.payeeAccountId ?? ''}`;
  return {
    platformId: fields.platformId,
    type: fields.type,
    payerAccountId: fields.payerAccountId,
    payee,
    amountMinor: fields.amountMinor.toString(),
    currency: fields.currency,
    purpose: fields.purpose,
    nonce: fields.nonce,
    expiresAt: fields.expiresAt,
  };
}

export function authorizationMessage(fields: AuthorizationFields): Buffer {
  return Buffer.from(canonicalJson(authorizationDocument(fields)), 'utf8');
}

/** Domain separation: a passkey challenge can never be mistaken for another hash. */
export const PASSKEY_CHALLENGE_SCHEME = 'custos.passkey-authorization.v1';

/**
 * What a customer's passkey signs for one debit: the dynamically linked authorization
 * document (payer account, payee, amount, currency, purpose, nonce, expiry, platform) plus the
 * customer. The WebAuthn challenge is its SHA-256, so the server recomputes it from the
 * instruction alone and any changed field yields another challenge.
 */
export function passkeyChallengeDocument(
  fields: AuthorizationFields,
  customerId: string,
): Record<string, string> {
  return { scheme: PASSKEY_CHALLENGE_SCHEME, customerId, ...authorizationDocument(fields) };
}

export function passkeyChallenge(fields: AuthorizationFields, customerId: string): Buffer {
  return createHash('sha256')
    .update(canonicalJson(passkeyChallengeDocument(fields, customerId)), 'utf8')
    .digest();
}
