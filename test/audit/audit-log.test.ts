import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuditLog,
  appendAuditRecords,
  checkpointsAfter,
  verifyAuditLog,
} from '../../src/audit/audit-log.js';
import {
  bytesToHex,
  computeRootFromLeafHashes,
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
} from '../../src/audit/index.js';
import type { Database } from '../../src/store/index.js';
import { createTestDatabase } from '../support/test-database.js';
import { appendSamples, sampleRecord, tamper } from './audit-log-support.js';

// Goal: the log stays one RFC 6962 tree across transactions and processes, and `verify`
// names the first damaged leaf for every kind of direct tampering. Method: real databases
// (PGlite, or PostgreSQL with DATABASE_URL), records appended through appendAuditRecords.

let db: Database;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

async function head(database: Database) {
  const rows = await database.query<{ tree_size: string; root_hash: Buffer }>(
    'SELECT tree_size, root_hash FROM audit_log_head',
  );
  return { size: Number(rows[0]?.tree_size), root: bytesToHex(new Uint8Array(rows[0]!.root_hash)) };
}

describe('appending', () => {
  it('gives every record the next leaf and keeps the head root equal to the tree root', async () => {
    await appendSamples(db, 37, 5);
    const rows = await db.query<{ leaf_index: string; entry: string; leaf_hash: Buffer }>(
      'SELECT leaf_index, entry, leaf_hash FROM audit_records ORDER BY leaf_index',
    );
    expect(rows.map((row) => Number(row.leaf_index))).toEqual([...Array(37).keys()]);
    const leaves = rows.map((row) => leafHash(new TextEncoder().encode(row.entry)));
    rows.forEach((row, index) =>
      expect(bytesToHex(new Uint8Array(row.leaf_hash))).toBe(bytesToHex(leaves[index]!)),
    );
    expect(await head(db)).toEqual({
      size: 37,
      root: bytesToHex(computeRootFromLeafHashes(leaves)),
    });
    const report = await verifyAuditLog(db);
    expect(report.ok).toBe(true);
    expect(report.recordCount).toBe(37);
  });

  it('appends in the caller transaction: a rollback leaves records and head unchanged', async () => {
    await appendSamples(db, 3, 3);
    const before = await head(db);
    await expect(
      db.transaction(async (tx) => {
        await appendAuditRecords(tx, [sampleRecord(100), sampleRecord(101)]);
        throw new Error('the change fails after its audit record was written');
      }),
    ).rejects.toThrow('the change fails');
    expect(await head(db)).toEqual(before);
    const count = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_records');
    expect(Number(count[0]?.n)).toBe(3);
    await appendSamples(db, 1, 1);
    expect((await head(db)).size).toBe(4);
    expect((await verifyAuditLog(db)).ok).toBe(true);
  });

  it('serializes concurrent writers so leaves stay contiguous', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, worker) =>
        db.transaction((tx) =>
          appendAuditRecords(
            tx,
            Array.from({ length: 25 }, (_, index) => sampleRecord(worker * 100 + index)),
          ),
        ),
      ),
    );
    expect((await head(db)).size).toBe(200);
    const report = await verifyAuditLog(db);
    expect(report.problems).toEqual([]);
  });
});

describe('checkpoints and proofs', () => {
  it('signs consistent checkpoints and serves proofs that verify', async () => {
    const log = new AuditLog(db);
    await appendSamples(db, 10);
    const first = await log.issueCheckpoint();
    expect(first.treeSize).toBe(10);
    expect(await log.issueCheckpoint()).toMatchObject({ treeSize: 10 });
    await appendSamples(db, 23);
    const second = await log.issueCheckpoint();
    expect(second.treeSize).toBe(33);
    const key = parseVerifierKey((await log.identity()).verifierKey);
    if (!key.ok) throw new Error('log key');
    const opened = openCheckpoint(second.note, [key.value]);
    expect(opened.ok && opened.value.checkpoint.origin).toMatch(/^custos\.example\/[0-9a-f]{16}$/);
    const consistency = verifyConsistency({
      firstSize: 10,
      secondSize: 33,
      firstRootHash: first.rootHash,
      secondRootHash: second.rootHash,
      proof: log.consistencyProof(10, 33),
    });
    expect(consistency).toEqual({ ok: true });
    const rows = await db.query<{ entry: string }>(
      'SELECT entry FROM audit_records WHERE leaf_index = 17',
    );
    const inclusion = verifyInclusion({
      leafHash: leafHash(new TextEncoder().encode(rows[0]!.entry)),
      leafIndex: 17,
      treeSize: 33,
      proof: log.inclusionProof(17, 33),
      rootHash: second.rootHash,
    });
    expect(inclusion).toEqual({ ok: true });
    expect((await checkpointsAfter(db, -1)).map((c) => c.treeSize)).toEqual([10, 33]);
  });

  it('catches up with leaves another process appended', async () => {
    const mine = new AuditLog(db);
    const theirs = new AuditLog(db);
    await appendSamples(db, 5);
    expect(await mine.sync()).toBe(5);
    await appendSamples(db, 6);
    const issued = await theirs.issueCheckpoint();
    expect(await mine.sync()).toBe(11);
    expect(bytesToHex(mine.rootAt(11))).toBe(bytesToHex(issued.rootHash));
    // The second process signs with the same key and finds the checkpoint already issued.
    expect((await mine.issueCheckpoint()).note).toBe(issued.note);
  });
});

describe('audit verify against direct tampering', () => {
  beforeEach(async () => {
    await appendSamples(db, 40, 7);
    await new AuditLog(db).issueCheckpoint();
  });

  it('passes an untouched log and checks its checkpoint', async () => {
    const report = await verifyAuditLog(db);
    expect(report).toMatchObject({ ok: true, recordCount: 40, checkpointsChecked: 1 });
  });

  it('names a modified entry', async () => {
    await tamper(
      db,
      `UPDATE audit_records SET entry = replace(entry, '"t13"', '"t99"') WHERE leaf_index = 13`,
    );
    const report = await verifyAuditLog(db);
    expect(report.ok).toBe(false);
    expect(report.firstBadIndex).toBe(13);
    expect(report.problems[0]).toMatchObject({ kind: 'leaf_hash_mismatch', leafIndex: 13 });
  });

  it('names a modified entry whose leaf hash was recomputed too, through the checkpoint', async () => {
    await tamper(
      db,
      `UPDATE audit_records SET entry = replace(entry, '"t13"', '"t99"'),
       leaf_hash = sha256('\\x00'::bytea || convert_to(replace(entry, '"t13"', '"t99"'), 'UTF8'))
       WHERE leaf_index = 13`,
    );
    const report = await verifyAuditLog(db);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['checkpoint_root_mismatch', 'head_root_mismatch']),
    );
  });

  it('names a deleted record', async () => {
    await tamper(db, 'DELETE FROM audit_records WHERE leaf_index = 21');
    const report = await verifyAuditLog(db);
    expect(report.firstBadIndex).toBe(21);
    expect(report.problems[0]).toMatchObject({ kind: 'missing_leaf', leafIndex: 21 });
  });

  it('names the first of two swapped entries', async () => {
    await tamper(
      db,
      `UPDATE audit_records a SET entry = b.entry FROM audit_records b
       WHERE (a.leaf_index, b.leaf_index) IN ((8, 30), (30, 8))`,
    );
    const report = await verifyAuditLog(db);
    expect(report.firstBadIndex).toBe(8);
    expect(report.problems.filter((p) => p.kind === 'leaf_hash_mismatch')).toHaveLength(2);
  });

  it('names reordered records (positions swapped, entries and hashes intact)', async () => {
    await tamper(
      db,
      'UPDATE audit_records SET leaf_index = leaf_index + 1000000 WHERE leaf_index IN (5, 9)',
    );
    await tamper(
      db,
      `UPDATE audit_records SET leaf_index = CASE leaf_index WHEN 1000005 THEN 9 ELSE 5 END
       WHERE leaf_index >= 1000000`,
    );
    const report = await verifyAuditLog(db);
    expect(report.firstBadIndex).toBe(5);
    expect(report.problems.map((p) => p.kind)).toContain('out_of_order');
  });

  it('names an inserted record', async () => {
    const rows = await db.query<{ entry: string }>(
      'SELECT entry FROM audit_records WHERE leaf_index = 3',
    );
    await tamper(
      db,
      `INSERT INTO audit_records (platform_id, action, subject_type, subject_id, at, entry, leaf_index, leaf_hash)
       VALUES ('plt_a', 'x', 'x', 'x', now(), $1, 40, sha256('\\x00'::bytea || convert_to($1, 'UTF8')))`,
      [rows[0]!.entry],
    );
    const report = await verifyAuditLog(db);
    expect(report.ok).toBe(false);
    expect(report.firstBadIndex).toBe(40);
    expect(report.problems[0]).toMatchObject({ kind: 'head_size_mismatch' });
  });

  it('refuses a checkpoint under a key other than the trusted one', async () => {
    const report = await verifyAuditLog(db, {
      logVerifierKey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    });
    expect(report.problems.map((p) => p.kind)).toEqual(['checkpoint_signature_invalid']);
  });
});
