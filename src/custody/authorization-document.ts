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
