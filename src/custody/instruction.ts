import type { InstructionChannel } from './instruction-channel.js';
export const INSTRUCTION_TYPES = [
  'deposit',
  'withdrawal',
  'transfer',
  'fee',
  'reserve_contribution',
  'reserve_payout',
  'reversal',
] as const;
export type InstructionType = (typeof INSTRUCTION_TYPES)[number];

export const INSTRUCTION_PURPOSE_LENGTH_MAX = 64;
export const IDEMPOTENCY_KEY_LENGTH_MAX = 100;
/** A signed authorization may not be valid for longer than this after it is submitted. */
export const AUTHORIZATION_LIFETIME_MS_MAX = 7 * 24 * 60 * 60 * 1000;

export type AuthorizationInput =
  | {
      kind: 'signature';
      keyId: string;
      nonce: string;
      expiresAt: string;
      signature: string;
    }
  | { kind: 'mandate'; mandateId: string }
  | PasskeyAuthorizationInput;

/**
 * A WebAuthn assertion by one of the payer's passkeys over the instruction's challenge
 * (`passkeyChallenge`); binary fields base64url as the browser returns them.
 */
export interface PasskeyAuthorizationInput {
  kind: 'passkey';
  credentialId: string;
  nonce: string;
  expiresAt: string;
  authenticatorData: string;
  clientDataJSON: string;
  signature: string;
  userHandle?: string;
  /** The portal's payment request this answers, when there is one. */
  paymentRequestId?: string;
}

/** An instruction as the platform submits it, after edge validation; amounts in minor units. */
export interface InstructionInput {
  type: InstructionType;
  idempotencyKey: string;
  currency: string;
  amountMinor: bigint;
  purpose: string;
  payerAccountId?: string;
  payeeAccountId?: string;
  bankAccountId?: string;
  reversesInstructionId?: string;
  hold?: boolean;
  authorization?: AuthorizationInput;
  /** Context for monitoring (not part of what the customer signs or the idempotency check). */
  channel?: InstructionChannel;
}

export type InstructionStatus = 'pending' | 'posted' | 'voided';

/** The document a customer signs: every field that decides where money goes and when. */
export interface AuthorizationDocument {
  platformId: string;
  type: InstructionType;
  payerAccountId: string;
  payee: string;
  amountMinor: string;
  currency: string;
  purpose: string;
  nonce: string;
  expiresAt: string;
}
