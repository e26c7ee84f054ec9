import { AssertionError, assert } from '../assert.js';
import type { Database, Queryable } from '../store/index.js';
import {
  checkpointNoteWithCosignatures,
  insertCheckpoint,
  latestCheckpoint,
  type StoredCheckpoint,
} from './audit-checkpoint-store.js';
import { ensureLogIdentity, type LogIdentity } from './audit-log-key-store.js';
import { AuditLogTree } from './audit-log-tree.js';
import { bytesEqual } from './bytes-codec.js';
import { signCheckpoint } from './checkpoint.js';
import { generateConsistencyProof } from './consistency-proof.js';
import { generateInclusionProof } from './inclusion-proof.js';
import type { Hash } from './merkle-hash.js';
import { verifyConsistency } from './verify-consistency.js';

export interface AuditLogOptions {
  /** Sign a checkpoint once this many leaves were appended since the last one. */
  readonly checkpointLeaves: number;
  /** Sign a checkpoint at least this often while the log grows. */
  readonly checkpointIntervalMs: number;
  /** Signer key text kept outside the database (CUSTOS_LOG_KEY_FILE); default: the table. */
  readonly signerKey?: string;
  /** Origin for a new log; default `custos.example/<random deployment id>`. */
  readonly origin?: string;
}

export const AUDIT_LOG_OPTIONS_DEFAULT: AuditLogOptions = Object.freeze({
  checkpointLeaves: 1_000,
  checkpointIntervalMs: 60_000,
});

/** How often the scheduler looks at the head; bounded so N leaves are noticed promptly. */
const CHECKPOINT_POLL_MS_MAX = 1_000;
/** Serializes checkpoint signing across processes. */
const CHECKPOINT_ISSUE_LOCK_KEY = 7_202_613;

/**
 * The log as a service: the in-memory tree for proofs, the signing identity, and checkpoint
 * issuance (every N leaves or T ms while the log grows, and on demand). One per database
 * per process, through `auditLogFor`.
 */
export class AuditLog {
  readonly tree = new AuditLogTree();
  private identityLoaded: Promise<LogIdentity> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private lastIssuedAtMs = Date.now();

  constructor(
    readonly db: Database,
    readonly options: AuditLogOptions = AUDIT_LOG_OPTIONS_DEFAULT,
  ) {
    assert(options.checkpointLeaves >= 1, 'AuditLog: checkpointLeaves is at least 1');
    assert(options.checkpointIntervalMs >= 1, 'AuditLog: checkpointIntervalMs is positive');
  }

  identity(): Promise<LogIdentity> {
    this.identityLoaded ??= ensureLogIdentity(this.db, this.options).catch((error: unknown) => {
      this.identityLoaded = null;
      throw error;
    });
    return this.identityLoaded;
  }

  /** Catches the tree up with every committed leaf; returns the committed size. */
  sync(): Promise<number> {
    return this.tree.sync(this.db);
  }

  inclusionProof(leafIndex: number, treeSize: number): Hash[] {
    return generateInclusionProof(this.tree.reader, leafIndex, treeSize);
  }

  consistencyProof(firstSize: number, secondSize: number): Hash[] {
    return generateConsistencyProof(this.tree.reader, firstSize, secondSize);
  }

  rootAt(treeSize: number): Hash {
    return this.tree.reader.rootAt(treeSize);
  }

  /**
   * Signs a checkpoint for every committed leaf, unless one at this size or later exists.
   * The new tree must extend the previously signed one: that is checked with a consistency
   * proof before signing, so the log never signs two inconsistent checkpoints.
   */
  async issueCheckpoint(): Promise<StoredCheckpoint> {
    const identity = await this.identity();
    const size = await this.sync();
    const issued = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CHECKPOINT_ISSUE_LOCK_KEY]);
      const previous = await latestCheckpoint(tx);
      if (previous !== null && previous.treeSize >= size) return previous;
      const rootHash = this.rootAt(size);
      await assertHeadAgrees(tx, size, rootHash);
      if (previous !== null) this.assertExtends(previous, size, rootHash);
      const checkpoint = { origin: identity.origin, treeSize: size, rootHash, extensionLines: [] };
      const note = signCheckpoint(checkpoint, [identity.signer]);
      await insertCheckpoint(tx, { treeSize: size, rootHash, note });
      const stored: StoredCheckpoint = {
        treeSize: size,
        rootHash,
        note,
        createdAt: new Date().toISOString(),
        cosignatureLines: [],
      };
      return stored;
    });
    this.lastIssuedAtMs = Date.now();
    return issued;
  }

  private assertExtends(previous: StoredCheckpoint, size: number, rootHash: Hash): void {
    assert(previous.treeSize < size, 'assertExtends: the new checkpoint is larger');
    const verdict = verifyConsistency({
      firstSize: previous.treeSize,
      secondSize: size,
      firstRootHash: previous.rootHash,
      secondRootHash: rootHash,
      proof: this.consistencyProof(previous.treeSize, size),
    });
    assert(verdict.ok, `the log would sign a checkpoint inconsistent with ${previous.treeSize}`);
  }

  /** The latest checkpoint with its cosignatures, issuing the first one if there is none. */
  async latestNote(): Promise<{ checkpoint: StoredCheckpoint; note: string }> {
    const checkpoint = (await latestCheckpoint(this.db)) ?? (await this.issueCheckpoint());
    return { checkpoint, note: checkpointNoteWithCosignatures(checkpoint) };
  }

  /** Starts issuing checkpoints every N leaves or T ms while the log grows. */
  startScheduler(): void {
    if (this.timer !== null) return;
    const pollMs = Math.min(CHECKPOINT_POLL_MS_MAX, this.options.checkpointIntervalMs);
    this.timer = setInterval(() => void this.tick(), pollMs);
    this.timer.unref();
  }

  stopScheduler(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const size = await this.sync();
      const latest = await latestCheckpoint(this.db);
      const signedSize = latest?.treeSize ?? -1;
      const grown = size - signedSize;
      const due = Date.now() - this.lastIssuedAtMs >= this.options.checkpointIntervalMs;
      if (grown >= this.options.checkpointLeaves || (grown > 0 && due)) {
        await this.issueCheckpoint();
      }
    } catch (error) {
      // An inconsistent log must stop the process, as every failed assertion does.
      if (error instanceof AssertionError) throw error;
      // A closed database while shutting down is expected; anything else must be seen.
      if (this.timer !== null) process.emitWarning(`audit checkpoint: ${String(error)}`);
    } finally {
      this.ticking = false;
    }
  }
}

async function assertHeadAgrees(tx: Queryable, size: number, rootHash: Hash): Promise<void> {
  const rows = await tx.query<{ tree_size: string; root_hash: Buffer }>(
    'SELECT tree_size, root_hash FROM audit_log_head WHERE id',
  );
  const head = rows[0];
  assert(head !== undefined, 'assertHeadAgrees: the head row exists');
  assert(Number(head.tree_size) >= size, 'assertHeadAgrees: the head never falls behind');
  if (Number(head.tree_size) === size) {
    assert(
      bytesEqual(new Uint8Array(head.root_hash), rootHash),
      'stored leaves disagree with head',
    );
  }
}

const logs = new WeakMap<Database, AuditLog>();

/** The process's AuditLog for this database (options apply when it is first created). */
export function auditLogFor(
  db: Database,
  options: AuditLogOptions = AUDIT_LOG_OPTIONS_DEFAULT,
): AuditLog {
  let log = logs.get(db);
  if (log === undefined) {
    log = new AuditLog(db, options);
    logs.set(db, log);
  }
  return log;
}
