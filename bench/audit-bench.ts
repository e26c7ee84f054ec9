import * as nodeCrypto from 'node:crypto';
import {
  appendAuditRecords,
  auditEntry,
  verifyAuditLog,
  type AuditRecordInput,
} from '../src/audit/audit-log.js';
import {
  StoredTree,
  compactRangeAppend,
  compactRangeRoot,
  compactRangeToJson,
  emptyCompactRange,
  generateInclusionProof,
  leafHash,
  nodeHash,
  type CompactRange,
  type Hash,
} from '../src/audit/index.js';
import { migrate, openDatabase, type Database } from '../src/store/index.js';
import { pgliteBackend, postgresBackend, type Backend } from './posting-bench.js';
import { median } from './stats.js';

// `benchAudit()`: what the tamper-evident log costs. Printable lines, one figure each.
const quick = process.env.BENCH_QUICK === '1';
const BATCH_RECORDS = 1_000;
const BATCHES = quick ? 10 : 40;
const PROOF_LEAVES = quick ? 100_000 : 1_000_000;
const VERIFY_RECORDS = quick ? 100_000 : 1_000_000;
const BULK_ROWS_PER_INSERT = 10_000;
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;

function record(index: number): AuditRecordInput {
  return {
    platformId: `plt_${index % 7}`,
    actor: 'key_01bench',
    action: 'instruction.posted',
    subjectType: 'instruction',
    subjectId: `ins_${index.toString(36).padStart(12, '0')}`,
    payload: {
      type: 'deposit',
      idempotencyKey: `k-${index}`,
      amountMinor: String(100 + index),
      currency: 'CNY',
      debitAccountId: 'acc_01custodybank',
      creditAccountId: `acc_${index % 1_000}`,
      requestHash: '9f'.repeat(32),
    },
    atMs: Date.UTC(2025, 0, 1) + index,
  };
}

/** The statement audit records used before the log (0001 schema), into a look-alike table. */
async function plainInsert(tx: Parameters<typeof appendAuditRecords>[0], rows: AuditRecordInput[]) {
  await tx.query(
    `INSERT INTO bench_plain_audit (platform_id, action, subject_type, subject_id, at, entry)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[])`,
    [
      rows.map((r) => r.platformId),
      rows.map((r) => r.action),
      rows.map((r) => r.subjectType),
      rows.map((r) => r.subjectId),
      rows.map((r) => new Date(r.atMs).toISOString()),
      rows.map(auditEntry),
    ],
  );
}

async function appendCost(backend: Backend): Promise<string[]> {
  const db = await openDatabase(backend.target);
  try {
    await migrate(db);
    await db.query(`CREATE TABLE bench_plain_audit (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      platform_id text, action text NOT NULL, subject_type text NOT NULL, subject_id text NOT NULL,
      at timestamptz NOT NULL, entry text NOT NULL)`);
    const plainMs: number[] = [];
    const merkleMs: number[] = [];
    for (let batch = 0; batch < BATCHES; batch += 1) {
      const rows = Array.from({ length: BATCH_RECORDS }, (_, i) =>
        record(batch * BATCH_RECORDS + i),
      );
      let started = performance.now();
      await db.transaction((tx) => plainInsert(tx, rows));
      plainMs.push(performance.now() - started);
      started = performance.now();
      await db.transaction((tx) => appendAuditRecords(tx, rows));
      merkleMs.push(performance.now() - started);
    }
    const plain = median(plainMs);
    const merkle = median(merkleMs);
    return [
      `  ${backend.name}: batch of ${BATCH_RECORDS} records, median of ${BATCHES}: plain INSERT ${plain.toFixed(1)} ms, Merkle append ${merkle.toFixed(1)} ms (+${(merkle - plain).toFixed(1)} ms per batch, ${(((merkle - plain) * 1_000) / BATCH_RECORDS).toFixed(1)} µs per record)`,
      `  ${backend.name}: Merkle appends alone ${rate((BATCH_RECORDS / merkle) * 1_000)} (target ≥ 50,000/s inside grouped postings)`,
    ];
  } finally {
    await db.close();
  }
}

function sampleLeaves(count: number): Hash[] {
  const leaves: Hash[] = [];
  const data = new Uint8Array(8);
  const view = new DataView(data.buffer);
  for (let index = 0; index < count; index += 1) {
    view.setFloat64(0, index);
    leaves.push(leafHash(data));
  }
  return leaves;
}

function proofCost(): string[] {
  const started = performance.now();
  const tree = StoredTree.fromLeafHashes(sampleLeaves(PROOF_LEAVES));
  const buildS = (performance.now() - started) / 1_000;
  const timings: number[] = [];
  for (let run = 0; run < 10_000; run += 1) {
    const index = Math.floor(Math.random() * PROOF_LEAVES);
    const t0 = process.hrtime.bigint();
    generateInclusionProof(tree, index, PROOF_LEAVES);
    timings.push(Number(process.hrtime.bigint() - t0) / 1_000);
  }
  return [
    `  inclusion proof on ${PROOF_LEAVES.toLocaleString('en-US')} leaves: median ${median(timings).toFixed(1)} µs (in-memory StoredTree, built in ${buildS.toFixed(1)} s)`,
  ];
}

/** Writes `count` records straight into a fresh log: leaf hashes, compact range, head. */
async function bulkFill(db: Database, count: number): Promise<void> {
  let range: CompactRange = emptyCompactRange;
  for (let start = 0; start < count; start += BULK_ROWS_PER_INSERT) {
    const rows = [];
    const leaves: Hash[] = [];
    for (let index = start; index < Math.min(count, start + BULK_ROWS_PER_INSERT); index += 1) {
      const input = record(index);
      const entry = auditEntry(input);
      const leaf = leafHash(new TextEncoder().encode(entry));
      leaves.push(leaf);
      rows.push({
        p: input.platformId,
        a: input.action,
        s: input.subjectType,
        d: input.subjectId,
        t: new Date(input.atMs).toISOString(),
        e: entry,
        i: index,
        h: Buffer.from(leaf).toString('hex'),
      });
    }
    range = compactRangeAppend(range, leaves);
    await db.query(
      `INSERT INTO audit_records (platform_id, action, subject_type, subject_id, at, entry, leaf_index, leaf_hash)
       SELECT r.p, r.a, r.s, r.d, r.t, r.e, r.i, decode(r.h, 'hex') FROM json_to_recordset($1::json)
       AS r(p text, a text, s text, d text, t timestamptz, e text, i bigint, h text)`,
      [JSON.stringify(rows)],
    );
  }
  await db.query(
    'UPDATE audit_log_head SET tree_size = $1, compact_range = $2::jsonb, root_hash = $3',
    [range.size, JSON.stringify(compactRangeToJson(range)), Buffer.from(compactRangeRoot(range))],
  );
}

async function verifyCost(backend: Backend): Promise<string[]> {
  const db = await openDatabase(backend.target);
  try {
    await migrate(db);
    let started = performance.now();
    await bulkFill(db, VERIFY_RECORDS);
    const fillS = (performance.now() - started) / 1_000;
    started = performance.now();
    const report = await verifyAuditLog(db);
    const verifyS = (performance.now() - started) / 1_000;
    if (!report.ok) throw new Error(`bench log does not verify: ${report.problems[0]?.kind}`);
    return [
      `  ${backend.name}: full verify of ${VERIFY_RECORDS.toLocaleString('en-US')} records ${verifyS.toFixed(1)} s (${rate(VERIFY_RECORDS / verifyS)}; bulk fill took ${fillS.toFixed(1)} s)`,
    ];
  } finally {
    await db.close();
  }
}

function hashRates(): string[] {
  const input = Buffer.alloc(65, 1);
  const count = 300_000;
  const runs = (work: () => void) => {
    const results: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      work();
      results.push(count / ((performance.now() - started) / 1_000));
    }
    return median(results);
  };
  const raw = runs(() => {
    for (let i = 0; i < count; i += 1) nodeCrypto.createHash('sha256').update(input).digest();
  });
  const left = leafHash(Uint8Array.of(1));
  const right = leafHash(Uint8Array.of(2));
  const ours = runs(() => {
    for (let i = 0; i < count; i += 1) nodeHash(left, right);
  });
  return [`  SHA-256 of 65 B: node:crypto createHash ${rate(raw)}, our nodeHash ${rate(ours)}`];
}

export async function benchAudit(): Promise<string[]> {
  const lines = ['Tamper-evident audit log'];
  lines.push(...hashRates());
  lines.push(...proofCost());
  const url =
    process.env.BENCH_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  for (const make of [pgliteBackend, () => postgresBackend(url)]) {
    const backend = await make();
    if (backend === null) continue;
    try {
      lines.push(...(await appendCost(backend)));
    } finally {
      await backend.drop();
    }
    const fresh = await make();
    if (fresh === null) continue;
    try {
      lines.push(...(await verifyCost(fresh)));
    } finally {
      await fresh.drop();
    }
  }
  return lines;
}
