import { randomBytes } from 'node:crypto';
import { assert } from '../assert.js';
import type { Database } from '../store/index.js';
import {
  SIGNATURE_TYPE_ED25519,
  formatVerifierKey,
  generateNoteKeys,
  isValidKeyName,
  parseSignerKey,
  verifierKeyOf,
  type NoteSignerKey,
} from './note-key.js';

/**
 * The log's signing identity. By default the Ed25519 signer key is generated on first use and
 * kept in the one-row table `audit_log_key`, so every process of a deployment (server, CLI,
 * PGlite or PostgreSQL) signs with the same key without extra set-up. A deployment that keeps
 * the key outside the database passes it in (CUSTOS_LOG_KEY_FILE); the table then holds only
 * the verifier key, and a different key is refused rather than silently rotated.
 */
export interface LogIdentity {
  /** Checkpoint origin line and key name, e.g. `custos.example/3f9c0a1b2c3d4e5f`. */
  readonly origin: string;
  readonly signer: NoteSignerKey;
  /** C2SP verifier key text: what auditors and witnesses trust. */
  readonly verifierKey: string;
}

export const LOG_ORIGIN_PREFIX = 'custos.example/';
const DEPLOYMENT_ID_BYTES = 8;

interface KeyRow {
  origin: string;
  verifier_key: string;
  signer_key: string | null;
}

async function readKeyRow(db: Database): Promise<KeyRow | null> {
  const rows = await db.query<KeyRow & Record<string, unknown>>(
    'SELECT origin, verifier_key, signer_key FROM audit_log_key WHERE id',
  );
  return rows[0] ?? null;
}

/** The published verifier key, or null before the log has signed anything. */
export async function readLogVerifierKey(db: Database): Promise<string | null> {
  return (await readKeyRow(db))?.verifier_key ?? null;
}

function parseSigner(text: string): NoteSignerKey {
  const parsed = parseSignerKey(text.trim());
  if (!parsed.ok) throw new Error(`the log signer key is not valid: ${parsed.reason}`);
  if (parsed.value.signatureType !== SIGNATURE_TYPE_ED25519) {
    throw new Error('the log signer key must be a plain Ed25519 note key (type 0x01)');
  }
  return parsed.value;
}

/**
 * Loads the identity, creating it on first use. Concurrent first starts race on the primary
 * key; the loser reads the winner's row.
 */
export async function ensureLogIdentity(
  db: Database,
  options: { readonly signerKey?: string; readonly origin?: string } = {},
): Promise<LogIdentity> {
  const external = options.signerKey === undefined ? null : parseSigner(options.signerKey);
  let row = await readKeyRow(db);
  if (row === null) {
    const origin =
      external?.name ??
      options.origin ??
      `${LOG_ORIGIN_PREFIX}${randomBytes(DEPLOYMENT_ID_BYTES).toString('hex')}`;
    assert(isValidKeyName(origin), 'ensureLogIdentity: the origin must be a valid key name');
    const generated = external === null ? generateNoteKeys(origin) : null;
    const verifierKey =
      external === null ? generated?.verifierKey : formatVerifierKey(verifierKeyOf(external));
    await db.query(
      `INSERT INTO audit_log_key (id, origin, verifier_key, signer_key)
       VALUES (true, $1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [origin, verifierKey, generated?.signerKey ?? null],
    );
    row = await readKeyRow(db);
  }
  assert(row !== null, 'ensureLogIdentity: the key row exists after insert');
  const signer = external ?? (row.signer_key === null ? null : parseSigner(row.signer_key));
  if (signer === null) {
    throw new Error('the log signer key is kept outside the database: set CUSTOS_LOG_KEY_FILE');
  }
  const verifierKey = formatVerifierKey(verifierKeyOf(signer));
  if (verifierKey !== row.verifier_key) {
    throw new Error(
      `the configured log key ${verifierKey} is not the key this log signs with (${row.verifier_key})`,
    );
  }
  assert(signer.name === row.origin, 'ensureLogIdentity: the key is named after the origin');
  return { origin: row.origin, signer, verifierKey };
}
