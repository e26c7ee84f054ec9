import { assert } from '../assert.js';
import { base64ToBytes, bytesEqual, bytesToBase64 } from './bytes-codec.js';
import { openCheckpoint, type Checkpoint } from './checkpoint.js';
import { cosignCheckpointBody } from './cosignature.js';
import type { Hash } from './merkle-hash.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  type NoteSignerKey,
  type NoteVerifierKey,
} from './note-key.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { formatSignatureLine, parseSignedNote } from './signed-note.js';
import { verifyConsistency } from './verify-consistency.js';

/** What a witness remembers between runs: the last checkpoint it accepted. */
export interface WitnessState {
  readonly origin: string;
  readonly treeSize: number;
  /** Standard base64, as in the checkpoint body. */
  readonly rootHash: string;
}

/** The log as a witness sees it; over HTTP in the CLI, in memory in tests. */
export interface WitnessLogClient {
  latestCheckpointNote(): Promise<string>;
  consistencyProof(firstSize: number, secondSize: number): Promise<Hash[]>;
  submitCosignature(treeSize: number, line: string): Promise<void>;
}

export type WitnessRefusal =
  'bad_log_signature' | 'origin_mismatch' | 'rollback' | 'split_view' | 'inconsistent';

export interface WitnessAccepted {
  readonly state: WitnessState;
  readonly cosignatureLine: string;
  readonly previousSize: number | null;
}

function checkAgainstState(
  checkpoint: Checkpoint,
  state: WitnessState,
): Outcome<Hash, WitnessRefusal> | null {
  if (checkpoint.origin !== state.origin) return fail('origin_mismatch', checkpoint.origin);
  const previousRoot = base64ToBytes(state.rootHash);
  assert(previousRoot !== null, 'witness state holds a base64 root');
  if (checkpoint.treeSize < state.treeSize) {
    return fail('rollback', `log shows ${checkpoint.treeSize} leaves, ${state.treeSize} accepted`);
  }
  if (checkpoint.treeSize === state.treeSize && !bytesEqual(checkpoint.rootHash, previousRoot)) {
    return fail('split_view', `two different roots for ${state.treeSize} leaves`);
  }
  return checkpoint.treeSize === state.treeSize ? null : succeed(previousRoot);
}

/**
 * One witness round: fetch the latest checkpoint, check the log's signature, check that it
 * extends the last accepted one (consistency proof), cosign, submit. The first round trusts
 * the log's current checkpoint (trust on first use). Any refusal leaves the state unchanged.
 */
export async function witnessOnce(
  client: WitnessLogClient,
  keys: { readonly log: NoteVerifierKey; readonly witness: NoteSignerKey },
  state: WitnessState | null,
  nowSeconds: number,
): Promise<Outcome<WitnessAccepted, WitnessRefusal>> {
  assert(keys.log.signatureType === SIGNATURE_TYPE_ED25519, 'the log key is a note key');
  assert(keys.witness.signatureType === SIGNATURE_TYPE_COSIGNATURE_V1, 'a cosigner key');
  const note = await client.latestCheckpointNote();
  const opened = openCheckpoint(note, [keys.log]);
  if (!opened.ok) return fail('bad_log_signature', opened.reason);
  const checkpoint = opened.value.checkpoint;
  if (state !== null) {
    const previous = checkAgainstState(checkpoint, state);
    if (previous !== null && !previous.ok) return previous;
    if (previous !== null) {
      const proof = await client.consistencyProof(state.treeSize, checkpoint.treeSize);
      const verdict = verifyConsistency({
        firstSize: state.treeSize,
        secondSize: checkpoint.treeSize,
        firstRootHash: previous.value,
        secondRootHash: checkpoint.rootHash,
        proof,
      });
      if (!verdict.ok) return fail('inconsistent', verdict.reason);
    }
  }
  const parsed = parseSignedNote(note);
  assert(parsed.ok, 'an opened note parses');
  const signature = cosignCheckpointBody(parsed.value.text, keys.witness, nowSeconds);
  const line = formatSignatureLine(signature);
  await client.submitCosignature(checkpoint.treeSize, line);
  return succeed({
    state: {
      origin: checkpoint.origin,
      treeSize: checkpoint.treeSize,
      rootHash: bytesToBase64(checkpoint.rootHash),
    },
    cosignatureLine: line,
    previousSize: state?.treeSize ?? null,
  });
}

/** One HTTP exchange as the witness needs it: status and body text. */
export type WitnessHttpCall = (
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
) => Promise<{ readonly status: number; readonly text: string }>;

export class WitnessLogError extends Error {
  override name = 'WitnessLogError';
}

function decodeProofHashes(value: unknown): Hash[] {
  const proof = (value as { proof?: unknown }).proof;
  if (!Array.isArray(proof)) throw new WitnessLogError('the log sent no consistency proof');
  return proof.map((item: unknown) => {
    const bytes = typeof item === 'string' ? base64ToBytes(item) : null;
    if (bytes === null || bytes.length !== 32) throw new WitnessLogError('malformed proof hash');
    return bytes;
  });
}

/** The witness's view of a Custos log over its /v1/audit routes. */
export function httpWitnessLogClient(call: WitnessHttpCall): WitnessLogClient {
  const expect = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const reply = await call(method, path, body);
    if (reply.status >= 300) {
      throw new WitnessLogError(`${method} ${path}: ${reply.status} ${reply.text.slice(0, 300)}`);
    }
    return reply.text;
  };
  return {
    async latestCheckpointNote() {
      const text = await expect('GET', '/v1/audit/checkpoint');
      return (JSON.parse(text) as { note: string }).note;
    },
    async consistencyProof(firstSize, secondSize) {
      const text = await expect(
        'GET',
        `/v1/audit/proof/consistency?first=${firstSize}&second=${secondSize}`,
      );
      return decodeProofHashes(JSON.parse(text));
    },
    async submitCosignature(treeSize, line) {
      await expect('POST', '/v1/audit/cosignatures', { treeSize, cosignature: line.trimEnd() });
    },
  };
}
