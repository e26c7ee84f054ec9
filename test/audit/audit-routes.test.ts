import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/index.js';
import {
  auditLogFor,
  httpWitnessLogClient,
  witnessOnce,
  type WitnessLogClient,
  type WitnessState,
} from '../../src/audit/audit-log.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  base64ToBytes,
  generateNoteKeys,
  leafHash,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  verifyInclusion,
  type NoteVerifierKey,
} from '../../src/audit/index.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';
import { appendSamples } from './audit-log-support.js';

// Goal: the HTTP face of the log serves what an outside auditor needs (checkpoint, proofs,
// key, scoped entries) and a witness refuses a log that rolls back or shows two views.
// Method: the real server on inject, checkpoints issued only on demand.

let db: Database;
let app: FastifyInstance;
let books: TestBooks;

beforeAll(async () => {
  db = await createTestDatabase();
  books = await createTestBooks(db, 1);
  await appendSamples(db, 20, 4, (index) => (index % 2 === 0 ? books.platformId : 'plt_other'));
  const built = await buildServer({ database: db, port: 0, checkpointScheduler: false });
  app = built.app;
});
afterAll(async () => {
  await app.close();
  await db.close();
});

async function call(method: 'GET' | 'POST', url: string, key?: string, body?: unknown) {
  const response = await app.inject({
    method,
    url,
    headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  const text = response.body;
  return {
    status: response.statusCode,
    text,
    json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {},
    type: String(response.headers['content-type']),
  };
}

const b64 = (text: string) => base64ToBytes(text)!;

describe('audit log routes', () => {
  it('issues checkpoints for staff only, and serves them as JSON and as a note', async () => {
    expect((await call('POST', '/v1/audit/checkpoint', books.apiKey)).status).toBe(403);
    const issued = await call('POST', '/v1/audit/checkpoint', books.staffKey);
    expect(issued.status).toBe(200);
    const size = issued.json.treeSize as number;
    expect(size).toBeGreaterThanOrEqual(20);
    const json = await call('GET', '/v1/audit/checkpoint');
    expect(json.json).toMatchObject({ treeSize: size, cosignatures: [] });
    const text = await call('GET', '/v1/audit/checkpoint', undefined);
    const note = await app.inject({
      url: '/v1/audit/checkpoint',
      headers: { accept: 'text/plain' },
    });
    expect(note.headers['content-type']).toMatch(/^text\/plain/);
    expect(note.body).toBe(text.json.note);
    expect(note.body.split('\n')[1]).toBe(String(size));
  });

  it('serves inclusion and consistency proofs that verify, and refuses impossible ones', async () => {
    const checkpoint = (await call('GET', '/v1/audit/checkpoint')).json;
    const size = checkpoint.treeSize as number;
    const entries = await call('GET', `/v1/audit/entries?start=0&end=${size}`, books.staffKey);
    const items = entries.json.items as { leafIndex: number; entry: string }[];
    const target = items[size - 3]!;
    const proof = (
      await call('GET', `/v1/audit/proof/inclusion?index=${target.leafIndex}&treeSize=${size}`)
    ).json;
    expect(proof.rootHash).toBe(checkpoint.rootHash);
    const verdict = verifyInclusion({
      leafHash: leafHash(new TextEncoder().encode(target.entry)),
      leafIndex: target.leafIndex,
      treeSize: size,
      proof: (proof.proof as string[]).map(b64),
      rootHash: b64(checkpoint.rootHash as string),
    });
    expect(verdict).toEqual({ ok: true });
    const consistency = await call('GET', `/v1/audit/proof/consistency?first=5&second=${size}`);
    expect(consistency.status).toBe(200);
    expect(
      (await call('GET', `/v1/audit/proof/inclusion?index=${size}&treeSize=${size}`)).status,
    ).toBe(400);
    expect(
      (await call('GET', `/v1/audit/proof/inclusion?index=0&treeSize=${size + 1000}`)).status,
    ).toBe(404);
    expect((await call('GET', '/v1/audit/proof/consistency?first=9&second=3')).status).toBe(400);
    expect((await call('GET', '/v1/audit/entries?start=0&end=1001', books.staffKey)).status).toBe(
      400,
    );
  });

  it("withholds other platforms' entries from a platform key", async () => {
    expect((await call('GET', '/v1/audit/entries?start=0&end=10')).status).toBe(401);
    const seen = await call('GET', '/v1/audit/entries?start=0&end=40', books.apiKey);
    const items = seen.json.items as { withheld: boolean; entry: string | null }[];
    const withheld = items.filter((item) => item.withheld);
    expect(withheld.length).toBe(10);
    expect(withheld.every((item) => item.entry === null)).toBe(true);
    expect(seen.json.note).toMatch(/withheld/);
    const own = items.filter((item) => !item.withheld);
    expect(own.every((item) => JSON.parse(item.entry!).platformId !== 'plt_other')).toBe(true);
  });

  it('finds a record by seq for its own platform only', async () => {
    const rows = await db.query<{ seq: string; platform_id: string }>(
      'SELECT seq, platform_id FROM audit_records ORDER BY leaf_index',
    );
    const own = rows.find((row) => row.platform_id === books.platformId)!;
    const other = rows.find((row) => row.platform_id === 'plt_other')!;
    expect((await call('GET', `/v1/audit/records/${own.seq}`, books.apiKey)).json).toMatchObject({
      seq: String(own.seq),
      withheld: false,
    });
    expect((await call('GET', `/v1/audit/records/${other.seq}`, books.apiKey)).status).toBe(404);
    expect((await call('GET', `/v1/audit/records/${other.seq}`, books.staffKey)).status).toBe(200);
  });
});

describe('witness', () => {
  const witnessKeys = generateNoteKeys('regulator.example/witness', SIGNATURE_TYPE_COSIGNATURE_V1);
  const witness = parseSignerKey(witnessKeys.signerKey);
  let logKey: NoteVerifierKey;
  const http = () =>
    httpWitnessLogClient(async (method, path, body) => {
      const reply = await call(method, path, undefined, body);
      return { status: reply.status, text: reply.text };
    });

  beforeAll(async () => {
    const key = (await call('GET', '/v1/audit/log-key')).json.verifierKey as string;
    const parsed = parseVerifierKey(key);
    if (!parsed.ok || !witness.ok) throw new Error('keys');
    logKey = parsed.value;
  });

  it('registers (staff), cosigns, and its cosignature is served with the checkpoint', async () => {
    if (!witness.ok) throw new Error('witness key');
    const body = { verifierKey: witnessKeys.verifierKey };
    expect((await call('POST', '/v1/audit/witnesses', books.apiKey, body)).status).toBe(403);
    expect((await call('POST', '/v1/audit/witnesses', books.staffKey, body)).status).toBe(201);
    expect((await call('POST', '/v1/audit/witnesses', books.staffKey, body)).status).toBe(409);
    const first = await witnessOnce(
      http(),
      { log: logKey, witness: witness.value },
      null,
      1_700_000_000,
    );
    expect(first.ok).toBe(true);
    const served = (await call('GET', '/v1/audit/checkpoint')).json;
    expect(served.cosignatures).toEqual([
      expect.objectContaining({ witness: 'regulator.example/witness' }),
    ]);
    // The log grows (the registration itself is an audit record); the witness moves along.
    await appendSamples(db, 7);
    await call('POST', '/v1/audit/checkpoint', books.staffKey);
    if (!first.ok) throw new Error('first round');
    const second = await witnessOnce(
      http(),
      { log: logKey, witness: witness.value },
      first.value.state,
      1_700_000_100,
    );
    expect(second.ok && second.value.state.treeSize).toBeGreaterThan(first.value.state.treeSize);
  });

  it('refuses a forged cosignature and an unknown witness', async () => {
    const size = (await call('GET', '/v1/audit/checkpoint')).json.treeSize as number;
    const stranger = generateNoteKeys('stranger', SIGNATURE_TYPE_COSIGNATURE_V1);
    const strangerKey = parseSignerKey(stranger.signerKey);
    if (!strangerKey.ok) throw new Error('key');
    const line = await new Promise<string>((resolve) => {
      const client: WitnessLogClient = {
        ...http(),
        submitCosignature: async (_size, cosignature) => resolve(cosignature),
      };
      void witnessOnce(client, { log: logKey, witness: strangerKey.value }, null, 1);
    });
    const unknown = await call('POST', '/v1/audit/cosignatures', undefined, {
      treeSize: size,
      cosignature: line.trim(),
    });
    expect(unknown.json.code).toBe('unknown_key');
    const forged = line.replace('stranger', 'regulator.example/witness');
    const refused = await call('POST', '/v1/audit/cosignatures', undefined, {
      treeSize: size,
      cosignature: forged.trim(),
    });
    expect([403, 422]).toContain(refused.status);
  });

  it('refuses loudly on a rollback, a split view, and an inconsistent tree', async () => {
    if (!witness.ok) throw new Error('witness key');
    const log = auditLogFor(db);
    const identity = await log.identity();
    const current = (await call('GET', '/v1/audit/checkpoint')).json;
    const state: WitnessState = {
      origin: identity.origin,
      treeSize: current.treeSize as number,
      rootHash: current.rootHash as string,
    };
    const serving = (treeSize: number, root: Uint8Array): WitnessLogClient => ({
      ...http(),
      // A forked log can only offer a proof from its own history, which cannot verify.
      consistencyProof: async (first) => log.consistencyProof(first - 1, first),
      latestCheckpointNote: async () =>
        signCheckpoint({ origin: identity.origin, treeSize, rootHash: root, extensionLines: [] }, [
          identity.signer,
        ]),
    });
    const keys = { log: logKey, witness: witness.value };
    const smaller = await witnessOnce(serving(3, log.rootAt(3)), keys, state, 5);
    expect(smaller).toMatchObject({ ok: false, reason: 'rollback' });
    const otherRoot = log.rootAt(4);
    const split = await witnessOnce(serving(state.treeSize, otherRoot), keys, state, 5);
    expect(split).toMatchObject({ ok: false, reason: 'split_view' });
    const forked = await witnessOnce(serving(state.treeSize + 1, otherRoot), keys, state, 5);
    expect(forked).toMatchObject({ ok: false, reason: 'inconsistent' });
    const wrongKey = parseVerifierKey(generateNoteKeys(identity.origin).verifierKey);
    if (!wrongKey.ok) throw new Error('key');
    const impostor = await witnessOnce(http(), { ...keys, log: wrongKey.value }, state, 5);
    expect(impostor).toMatchObject({ ok: false, reason: 'bad_log_signature' });
  });
});
