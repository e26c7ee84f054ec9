import { toBigInt, type Queryable } from '../store/index.js';

/** The longest credential id stored (base64url), as the passkey_credentials table checks. */
export const CREDENTIAL_ID_LENGTH_MAX = 1400;

export interface StoredCredential {
  id: string;
  platformId: string;
  customerId: string;
  principalId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  signCount: number;
  transports: string[];
  revoked: boolean;
}

type CredentialRow = {
  id: string;
  platform_id: string;
  customer_id: string;
  principal_id: string;
  public_key: Uint8Array;
  sign_count: string | number;
  transports: string[];
  revoked_at: Date | null;
};

function credentialOf(row: CredentialRow): StoredCredential {
  return {
    id: row.id,
    platformId: row.platform_id,
    customerId: row.customer_id,
    principalId: row.principal_id,
    publicKey: Uint8Array.from(row.public_key),
    signCount: Number(toBigInt(row.sign_count)),
    transports: row.transports,
    revoked: row.revoked_at !== null,
  };
}

export async function findCredential(
  db: Queryable,
  credentialId: string,
): Promise<StoredCredential | null> {
  if (credentialId.length === 0 || credentialId.length > CREDENTIAL_ID_LENGTH_MAX) return null;
  const rows = await db.query<CredentialRow>(
    `SELECT id, platform_id, customer_id, principal_id, public_key, sign_count, transports,
       revoked_at FROM passkey_credentials WHERE id = $1`,
    [credentialId],
  );
  const row = rows[0];
  return row === undefined ? null : credentialOf(row);
}

export async function activeCredentialsOf(
  db: Queryable,
  customerId: string,
): Promise<StoredCredential[]> {
  const rows = await db.query<CredentialRow>(
    `SELECT id, platform_id, customer_id, principal_id, public_key, sign_count, transports,
       revoked_at FROM passkey_credentials
     WHERE customer_id = $1 AND revoked_at IS NULL ORDER BY created_at`,
    [customerId],
  );
  return rows.map(credentialOf);
}

/**
 * Stores the counter an assertion reported, only if it moved forward (or both are zero: an
 * authenticator without a counter). A regression or a concurrent use of the same value finds
 * no row to update, and the caller refuses the assertion.
 */
export async function advanceSignCount(
  db: Queryable,
  credentialId: string,
  newCount: number,
  nowMs: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE passkey_credentials SET sign_count = $2, last_used_at = $3
     WHERE id = $1 AND revoked_at IS NULL
       AND (sign_count < $2 OR (sign_count = 0 AND $2::bigint = 0))
     RETURNING id`,
    [credentialId, newCount, new Date(nowMs)],
  );
  return rows.length === 1;
}
