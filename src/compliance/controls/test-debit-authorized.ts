import { authorizationMessage } from '../../custody/authorization-document.js';
import type { InstructionType } from '../../custody/instruction.js';
import { ed25519PublicKeyFromRaw, ed25519Verify } from '../../crypto/ed25519.js';
import { reverifyPasskeyAuthorization } from '../../portal/authorization-evidence.js';
import { toBigInt } from '../../store/index.js';
import { COMPLIANCE_LIMITS } from '../compliance-limits.js';
import {
  countRows,
  countViolations,
  verdict,
  windowEvidence,
  windowParams,
  type ControlTest,
  type ControlTestContext,
} from './control-test.js';

// Customer debits of the platform in the window.
const CUSTOMER_DEBITS = `SELECT i.*, a.customer_id AS payer_customer_id
  FROM instructions i JOIN accounts a ON a.id = i.debit_account_id AND a.type = 'customer'
  WHERE i.platform_id = $1 AND i.created_at >= $2::timestamptz AND i.created_at < $3::timestamptz`;

// Authorization kinds a customer debit may carry, each with the evidence that proves it.
// Anything else — 'none', or a kind this control does not know how to verify — fails.
export const ACCEPTED_AUTHORIZATION_KINDS = ['signature', 'mandate', 'passkey'] as const;

// A debit whose evidence does not show the payer's own authorization: an allow-list, so a
// debit passes only by matching one verified kind (coalesce: unknown evidence is no evidence).
//  - signature: a key registered to the payer, not revoked when the instruction was made;
//  - mandate: the payer's, for that payer account, valid then and not revoked;
//  - passkey: the stored WebAuthn assertion for this instruction (passkey_authorizations),
//    by the payer, on this platform, with a passkey credential of the payer not revoked then.
const UNAUTHORIZED = `SELECT d.id FROM (${CUSTOMER_DEBITS}) d
  LEFT JOIN customer_keys k ON k.id = d.auth_key_id
  LEFT JOIN mandates m ON m.id = d.mandate_id
  LEFT JOIN passkey_authorizations pa ON pa.instruction_id = d.id
  LEFT JOIN passkey_credentials pc ON pc.id = pa.credential_id
  WHERE NOT coalesce(
       (d.authorization_kind = 'signature'
        AND d.auth_customer_id = d.payer_customer_id
        AND d.auth_signature IS NOT NULL AND d.auth_nonce IS NOT NULL
        AND d.auth_expires_at IS NOT NULL
        AND k.id IS NOT NULL AND k.customer_id = d.payer_customer_id
        AND (k.revoked_at IS NULL OR k.revoked_at > d.created_at))
    OR (d.authorization_kind = 'mandate'
        AND m.id IS NOT NULL AND m.customer_id = d.payer_customer_id
        AND m.payer_account_id = d.debit_account_id
        AND d.created_at >= m.valid_from AND d.created_at < m.valid_until
        AND (m.revoked_at IS NULL OR m.revoked_at > d.created_at))
    OR (d.authorization_kind = 'passkey'
        AND pa.instruction_id IS NOT NULL AND pa.customer_id = d.payer_customer_id
        AND pa.platform_id = d.platform_id
        AND pc.id IS NOT NULL AND pc.customer_id = d.payer_customer_id
        AND pc.platform_id = d.platform_id
        AND (pc.revoked_at IS NULL OR pc.revoked_at > d.created_at)),
    false)`;

interface SignedRow extends Record<string, unknown> {
  id: string;
  type: string;
  debit_account_id: string;
  credit_account_id: string;
  amount_minor: string;
  currency: string;
  purpose: string;
  auth_nonce: string;
  auth_expires_at: string;
  auth_signature: Buffer;
  public_key: Buffer;
}

/**
 * Every instruction that debited a customer account in the window names that customer's
 * authorization, by one of the accepted kinds only: a signature by a key registered to the
 * payer, a mandate of the payer for that payer account valid at the time, or a passkey
 * assertion stored for that instruction by the payer's own credential. Any other kind fails.
 * A sample of signed debits (withdrawals excepted: their signed payee is the registered bank
 * account, which the instruction row does not repeat) is verified again with Ed25519 over the
 * rebuilt authorization document, and a sample of passkey debits (withdrawals included: the
 * payment request keeps the bank account) has its stored WebAuthn assertion verified again
 * against the challenge rebuilt from the instruction as booked.
 */
export const customerDebitAuthorized: ControlTest = {
  kind: 'customer_debit_authorized',
  async run(context) {
    const params = windowParams(context);
    const checked = await countRows(context, CUSTOMER_DEBITS, params);
    const structural = await countViolations(context, UNAUTHORIZED, params);
    const signatures = await reverifySignatures(context, params);
    const passkeys = await reverifyPasskeys(context, params);
    return verdict(
      checked,
      {
        total: structural.total + signatures.bad.length + passkeys.bad.length,
        sample: [...structural.sample, ...signatures.bad, ...passkeys.bad],
      },
      {
        window: windowEvidence(context),
        missingOrForeignAuthorization: structural.total,
        signaturesReverified: signatures.checked,
        signaturesInvalid: signatures.bad.length,
        passkeyAssertionsReverified: passkeys.checked,
        passkeyAssertionsInvalid: passkeys.bad.length,
      },
    );
  },
};

async function reverifySignatures(
  context: ControlTestContext,
  params: readonly unknown[],
): Promise<{ checked: number; bad: string[] }> {
  const rows = await context.db.query<SignedRow>(
    `SELECT d.id, d.type, d.debit_account_id, d.credit_account_id, d.amount_minor, d.currency,
       d.purpose, d.auth_nonce, d.auth_expires_at, d.auth_signature, k.public_key
     FROM (${CUSTOMER_DEBITS}) d JOIN customer_keys k ON k.id = d.auth_key_id
     WHERE d.authorization_kind = 'signature' AND d.type <> 'withdrawal'
       AND d.auth_signature IS NOT NULL AND d.auth_nonce IS NOT NULL
       AND d.auth_expires_at IS NOT NULL
     ORDER BY d.id LIMIT ${COMPLIANCE_LIMITS.detailedSampleRowsMax}`,
    params,
  );
  const bad: string[] = [];
  for (const row of rows) {
    const message = authorizationMessage({
      platformId: context.platformId,
      type: row.type as InstructionType,
      payerAccountId: row.debit_account_id,
      payeeAccountId: row.credit_account_id,
      amountMinor: toBigInt(row.amount_minor),
      currency: row.currency,
      purpose: row.purpose,
      nonce: row.auth_nonce,
      expiresAt: row.auth_expires_at,
    });
    const key = ed25519PublicKeyFromRaw(new Uint8Array(row.public_key));
    if (!ed25519Verify(key, message, new Uint8Array(row.auth_signature))) bad.push(row.id);
  }
  return { checked: rows.length, bad };
}

/**
 * Re-verifies the stored WebAuthn assertions of a sample of passkey-authorized debits; a debit
 * with no stored assertion is already a structural violation and is not counted again.
 */
async function reverifyPasskeys(
  context: ControlTestContext,
  params: readonly unknown[],
): Promise<{ checked: number; bad: string[] }> {
  const rows = await context.db.query<{ id: string }>(
    `SELECT d.id FROM (${CUSTOMER_DEBITS}) d
       JOIN passkey_authorizations pa ON pa.instruction_id = d.id
     WHERE d.authorization_kind = 'passkey'
     ORDER BY d.id LIMIT ${COMPLIANCE_LIMITS.detailedSampleRowsMax}`,
    params,
  );
  const bad: string[] = [];
  for (const row of rows) {
    const report = await reverifyPasskeyAuthorization(
      context.db,
      context.portalRelyingParty,
      context.platformId,
      row.id,
    );
    if (!report.ok || !report.value.verified) bad.push(row.id);
  }
  return { checked: rows.length, bad };
}
