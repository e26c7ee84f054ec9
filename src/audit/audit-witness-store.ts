import type { Database } from '../store/index.js';
import { appendAuditRecords } from './audit-record-store.js';
import { checkpointAt } from './audit-checkpoint-store.js';
import { verifyCosignature } from './cosignature.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  parseVerifierKey,
  type NoteVerifierKey,
} from './note-key.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { formatSignatureLine, parseSignedNote } from './signed-note.js';

/**
 * Witnesses (c2sp.org/tlog-cosignature): staff register a witness's verifier key once, and
 * from then on that witness may post cosignatures without an API key, because the Ed25519
 * cosignature itself authenticates it. Only cosignatures that verify are stored.
 */

export interface Witness {
  readonly name: string;
  readonly verifierKey: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

export type WitnessFailure = 'invalid_witness_key' | 'duplicate_witness';
export type CosignatureSubmitFailure =
  'unknown_checkpoint' | 'malformed_cosignature' | 'unknown_witness' | 'invalid_cosignature';

export async function listWitnesses(db: Database): Promise<Witness[]> {
  const rows = await db.query<{
    name: string;
    verifier_key: string;
    added_by: string;
    added_at: Date;
  }>('SELECT name, verifier_key, added_by, added_at FROM audit_witnesses ORDER BY name');
  return rows.map((row) => ({
    name: row.name,
    verifierKey: row.verifier_key,
    addedBy: row.added_by,
    addedAt: new Date(row.added_at).toISOString(),
  }));
}

export async function registerWitness(
  db: Database,
  verifierKeyText: string,
  actorId: string,
): Promise<Outcome<Witness, WitnessFailure>> {
  const parsed = parseVerifierKey(verifierKeyText);
  if (!parsed.ok) return fail('invalid_witness_key', parsed.reason);
  if (parsed.value.signatureType !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    return fail('invalid_witness_key', 'a witness key has signature type 0x04 (cosignature/v1)');
  }
  const name = parsed.value.name;
  return db.transaction(async (tx) => {
    const inserted = await tx.query<{ added_at: Date }>(
      `INSERT INTO audit_witnesses (name, verifier_key, added_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING added_at`,
      [name, verifierKeyText, actorId],
    );
    const row = inserted[0];
    if (row === undefined) return fail('duplicate_witness', name);
    await appendAuditRecords(tx, [
      {
        platformId: null,
        actor: actorId,
        action: 'audit.witness_registered',
        subjectType: 'witness',
        subjectId: name,
        payload: { verifierKey: verifierKeyText },
        atMs: Date.now(),
      },
    ]);
    const witness: Witness = {
      name,
      verifierKey: verifierKeyText,
      addedBy: actorId,
      addedAt: new Date(row.added_at).toISOString(),
    };
    return succeed(witness);
  });
}

async function witnessKeys(db: Database): Promise<NoteVerifierKey[]> {
  const keys: NoteVerifierKey[] = [];
  for (const witness of await listWitnesses(db)) {
    const parsed = parseVerifierKey(witness.verifierKey);
    if (parsed.ok) keys.push(parsed.value);
  }
  return keys;
}

/**
 * Verifies one cosignature line (`— <name> <base64>`) for the checkpoint of `treeSize`
 * against the registered witnesses and stores it. A repeated cosignature is accepted once.
 */
export async function submitCosignature(
  db: Database,
  treeSize: number,
  line: string,
): Promise<Outcome<{ witness: string; timestampSeconds: number }, CosignatureSubmitFailure>> {
  const checkpoint = await checkpointAt(db, treeSize);
  if (checkpoint === null) return fail('unknown_checkpoint');
  const signed = parseSignedNote(checkpoint.note);
  if (!signed.ok) throw new Error(`stored checkpoint ${treeSize} does not parse: ${signed.reason}`);
  const body = signed.value.text;
  const lineText = line.endsWith('\n') ? line : `${line}\n`;
  const parsed = parseSignedNote(`${body}\n${lineText}`);
  const signature = parsed.ok ? parsed.value.signatures[0] : undefined;
  if (!parsed.ok || signature === undefined || parsed.value.signatures.length !== 1) {
    return fail('malformed_cosignature');
  }
  const key = (await witnessKeys(db)).find(
    (candidate) => candidate.name === signature.name && candidate.keyId === signature.keyId,
  );
  if (key === undefined) return fail('unknown_witness', signature.name);
  const verified = verifyCosignature(body, signature, key);
  if (!verified.ok) return fail('invalid_cosignature', verified.reason);
  const { timestampSeconds } = verified.value;
  await db.query(
    `INSERT INTO audit_cosignatures (tree_size, witness_name, signature_line, cosigned_at)
     VALUES ($1, $2, $3, to_timestamp($4)) ON CONFLICT DO NOTHING`,
    [treeSize, key.name, formatSignatureLine(signature), timestampSeconds],
  );
  return succeed({ witness: key.name, timestampSeconds });
}
