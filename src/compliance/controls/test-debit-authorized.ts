import { authorizationMessage } from '../../custody/authorization-document.js';
import type { InstructionType } from '../../custody/instruction.js';
import { ed25519PublicKeyFromRaw, ed25519Verify } from '../../crypto/ed25519.js';
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

// A debit whose evidence does not show the payer's own authorization.
const UNAUTHORIZED = `SELECT d.id FROM (${CUSTOMER_DEBITS}) d
  LEFT JOIN customer_keys k ON k.id = d.auth_key_id
  LEFT JOIN mandates m ON m.id = d.mandate_id
  WHERE d.authorization_kind = 'none'
     OR (d.authorization_kind = 'signature' AND (
           d.auth_customer_id IS DISTINCT FROM d.payer_customer_id
        OR d.auth_signature IS NULL OR d.auth_nonce IS NULL OR d.auth_expires_at IS NULL
        OR k.id IS NULL OR k.customer_id IS DISTINCT FROM d.payer_customer_id
        OR k.revoked_at <= d.created_at))
     OR (d.authorization_kind = 'mandate' AND (
           m.id IS NULL OR m.customer_id IS DISTINCT FROM d.payer_customer_id
        OR m.payer_account_id IS DISTINCT FROM d.debit_account_id
        OR d.created_at < m.valid_from OR d.created_at >= m.valid_until
        OR m.revoked_at <= d.created_at))`;

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
 * authorization: a signature by a key registered to the payer, or a mandate of the payer for
 * that payer account valid at the time. A sample of signed debits (withdrawals excepted: their
 * signed payee is the registered bank account, which the instruction row does not repeat) is
 * verified again with Ed25519 over the rebuilt authorization document.
 */
export const customerDebitAuthorized: ControlTest = {
  kind: 'customer_debit_authorized',
  async run(context) {
    const params = windowParams(context);
    const checked = await countRows(context, CUSTOMER_DEBITS, params);
    const structural = await countViolations(context, UNAUTHORIZED, params);
    const signatures = await reverifySignatures(context, params);
    return verdict(
      checked,
      {
        total: structural.total + signatures.bad.length,
        sample: [...structural.sample, ...signatures.bad],
      },
      {
        window: windowEvidence(context),
        missingOrForeignAuthorization: structural.total,
        signaturesReverified: signatures.checked,
        signaturesInvalid: signatures.bad.length,
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
