import {
  failure,
  passkeyChallenge,
  success,
  type AuthorizationFields,
  type InstructionType,
  type Result,
} from '../custody/index.js';
import { toBigInt, type Queryable } from '../store/index.js';
import { findCredential } from './credential-store.js';
import { evidenceRelyingParty } from './evidence-relying-party.js';
import { verifyPasskeyAssertion } from './portal-passkey-verifier.js';
import type { RelyingParty } from './relying-party.js';

export interface PasskeyEvidenceReport {
  instructionId: string;
  customerId: string;
  credentialId: string;
  nonce: string;
  expiresAt: string;
  signedAt: string;
  /** The challenge recomputed from the instruction as stored equals the one signed. */
  challengeMatches: boolean;
  /** The stored assertion verifies against the credential's public key. */
  signatureValid: boolean;
  /** The credential belongs to the customer whose account was debited. */
  credentialOwnedByPayer: boolean;
  verified: boolean;
  problem: string | null;
}

/**
 * Re-verifies a passkey-authorized instruction from what is stored: rebuilds the challenge
 * from the instruction's own fields, checks it equals the signed one, and verifies the kept
 * WebAuthn assertion against the credential's public key, for the relying party the portal is
 * configured with (see evidence-relying-party.ts when it is not). Anyone with read access to
 * the books can run it at any time; nothing is written.
 */
export async function reverifyPasskeyAuthorization(
  db: Queryable,
  configuredRp: RelyingParty | undefined,
  platformId: string,
  instructionId: string,
): Promise<Result<PasskeyEvidenceReport>> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT i.id, i.platform_id, i.type, i.debit_account_id, i.credit_account_id, i.amount_minor,
       i.currency, i.purpose, i.auth_customer_id, i.authorization_kind, a.credential_id, a.nonce,
       a.expires_at, a.challenge, a.authenticator_data, a.client_data_json, a.signature,
       a.user_handle, a.created_at, r.bank_account_id, d.customer_id AS payer_customer_id
     FROM instructions i
     LEFT JOIN passkey_authorizations a ON a.instruction_id = i.id
     LEFT JOIN payment_requests r ON r.id = a.payment_request_id
     LEFT JOIN accounts d ON d.id = i.debit_account_id
     WHERE i.id = $1 AND i.platform_id = $2`,
    [instructionId, platformId],
  );
  const row = rows[0];
  if (row === undefined)
    return failure('unknown_instruction', `instruction ${instructionId} not found`);
  if (row.authorization_kind !== 'passkey' || row.credential_id === null)
    return failure('invalid_state', 'this instruction was not authorized with a passkey');
  const type = row.type as InstructionType;
  const bankAccountId = (row.bank_account_id as string | null) ?? null;
  const nonce = String(row.nonce);
  const expiresAt = String(row.expires_at);
  const fields: AuthorizationFields = {
    platformId,
    type,
    payerAccountId: String(row.debit_account_id),
    ...(type === 'withdrawal' && bankAccountId !== null
      ? { bankAccountId }
      : { payeeAccountId: String(row.credit_account_id) }),
    amountMinor: toBigInt(row.amount_minor),
    currency: String(row.currency),
    purpose: String(row.purpose),
    nonce,
    expiresAt,
  };
  const customerId = String(row.auth_customer_id);
  const challenge = passkeyChallenge(fields, customerId);
  const challengeMatches = challenge.equals(Buffer.from(row.challenge as Uint8Array));
  const credentialId = String(row.credential_id);
  const credential = await findCredential(db, credentialId);
  const credentialOwnedByPayer =
    credential !== null &&
    credential.customerId === customerId &&
    row.payer_customer_id === customerId;
  let signatureValid = false;
  let problem: string | null = null;
  const rp = evidenceRelyingParty(configuredRp, row.client_data_json as Uint8Array);
  if (credential === null) problem = 'the credential is no longer stored';
  else if (rp === null) problem = 'the passkey signed on an origin this portal does not serve';
  else {
    const b64 = (value: unknown) => Buffer.from(value as Uint8Array).toString('base64url');
    const verified = await verifyPasskeyAssertion(
      rp,
      credential,
      {
        platformId,
        customerId,
        challenge,
        assertion: {
          kind: 'passkey',
          credentialId,
          nonce,
          expiresAt,
          authenticatorData: b64(row.authenticator_data),
          clientDataJSON: b64(row.client_data_json),
          signature: b64(row.signature),
          ...(row.user_handle === null ? {} : { userHandle: String(row.user_handle) }),
        },
      },
      0,
    );
    signatureValid = verified.ok;
    if (!verified.ok) problem = verified.error.message;
  }
  if (!challengeMatches) problem = 'the instruction differs from what the passkey signed';
  else if (!credentialOwnedByPayer && problem === null)
    problem = 'the passkey does not belong to the payer';
  return success({
    instructionId,
    customerId,
    credentialId,
    nonce,
    expiresAt,
    signedAt: new Date(row.created_at as string).toISOString(),
    challengeMatches,
    signatureValid,
    credentialOwnedByPayer,
    verified: challengeMatches && signatureValid && credentialOwnedByPayer,
    problem,
  });
}
