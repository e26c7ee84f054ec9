import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { assert } from '../../assert.js';
import type { Database } from '../../store/index.js';
import type { PersonalDataVault } from './personal-data-vault.js';
import { reencryptBatch, REENCRYPT_BATCH_SIZE_MAX } from './reencrypt-batch.js';
import {
  PERSONAL_DATA_TABLES,
  retireVersionsBelow,
  rowsBelowVersion,
  startRotation,
} from './rotation-steps.js';

export const REENCRYPT_BATCH_SIZE_DEFAULT = 500;
export const PLATFORMS_PER_ROTATION_MAX = 100_000;
/** Rows a writer keeps locked are retried this often, this far apart, before giving up. */
export const LOCKED_ROW_RETRIES_MAX = 50;
export const LOCKED_ROW_RETRY_MS = 100;
const PLATFORM_PAGE = 1_000;

export interface RotationOptions {
  /** Rotate one platform; all platforms when absent. */
  platformId?: string;
  batchSize?: number;
  /** Who rotates, for the audit record and the security event. */
  actor: string;
  onProgress?: (progress: RotationProgress) => void;
}

export interface RotationProgress {
  platformId: string;
  newVersion: number;
  rowsDone: number;
  /** Rows that were below the new version when it became active. */
  rowsTotal: number;
}

export interface PlatformRotation {
  platformId: string;
  newVersion: number;
  previousVersions: number[];
  rowsReencrypted: number;
  retiredVersions: number[];
  /** Rows still under an old version (held locked by writers throughout); 0 when complete. */
  rowsLeft: number;
  rewrappedKeys: number;
}

/**
 * Rotates data keys without stopping anything. Per platform: a new version becomes active
 * (writers switch to it at their next transaction), every row under an older version or in
 * clear is re-encrypted in batches, each its own transaction, and the old versions are
 * retired once no row uses them. Readers work throughout: a version stays unwrappable until
 * it is retired, and it is retired only when nothing is left under it. Each platform's
 * rotation ends with an audit record and a `key_rotation` security event.
 */
export async function rotateDataKeys(
  db: Database,
  vault: PersonalDataVault,
  options: RotationOptions,
): Promise<PlatformRotation[]> {
  const batchSize = options.batchSize ?? REENCRYPT_BATCH_SIZE_DEFAULT;
  assert(Number.isSafeInteger(batchSize), 'batch size must be an integer');
  assert(batchSize >= 1 && batchSize <= REENCRYPT_BATCH_SIZE_MAX, 'batch size out of range');
  const platforms = await platformsToRotate(db, options.platformId);
  const results: PlatformRotation[] = [];
  for (const platformId of platforms) {
    results.push(await rotatePlatform(db, vault, platformId, batchSize, options));
  }
  return results;
}

async function rotatePlatform(
  db: Database,
  vault: PersonalDataVault,
  platformId: string,
  batchSize: number,
  options: RotationOptions,
): Promise<PlatformRotation> {
  const start = await db.transaction((tx) => startRotation(tx, vault, platformId));
  const rowsTotal = await rowsBelowVersion(db, platformId, start.newVersion);
  const progress = { platformId, newVersion: start.newVersion, rowsDone: 0, rowsTotal };
  options.onProgress?.({ ...progress });
  // Only rows below the new version are selected and none can be added, so the batches
  // per round are bounded by the count taken above.
  const batchesMax = Math.ceil(rowsTotal / batchSize) + PERSONAL_DATA_TABLES.length;
  for (let retry = 0; retry <= LOCKED_ROW_RETRIES_MAX; retry += 1) {
    let batches = 0;
    for (const table of PERSONAL_DATA_TABLES) {
      for (let moved = -1; moved !== 0; batches += 1) {
        assert(batches <= batchesMax, 'rotation: more batches than rows to re-encrypt');
        moved = await reencryptBatch(db, vault, platformId, table, start.newVersion, batchSize);
        progress.rowsDone += moved;
        if (moved > 0) options.onProgress?.({ ...progress });
      }
    }
    if ((await rowsBelowVersion(db, platformId, start.newVersion)) === 0) break;
    if (retry < LOCKED_ROW_RETRIES_MAX) await sleep(LOCKED_ROW_RETRY_MS);
  }
  return db.transaction(async (tx) => {
    const retiredVersions = await retireVersionsBelow(tx, vault, platformId, start.newVersion);
    const rowsLeft = await rowsBelowVersion(tx, platformId, start.newVersion);
    const result: PlatformRotation = {
      platformId,
      newVersion: start.newVersion,
      previousVersions: start.previousVersions,
      rowsReencrypted: progress.rowsDone,
      retiredVersions,
      rowsLeft,
      rewrappedKeys: start.rewrappedKeys,
    };
    await recordRotation(tx, vault, options.actor, result);
    return result;
  });
}

async function recordRotation(
  tx: Parameters<typeof appendAuditRecords>[0],
  vault: PersonalDataVault,
  actor: string,
  result: PlatformRotation,
): Promise<void> {
  // Versions, counts and the master key id only: nothing secret, nothing personal.
  const detail = {
    newVersion: result.newVersion,
    previousVersions: result.previousVersions,
    retiredVersions: result.retiredVersions,
    rowsReencrypted: result.rowsReencrypted,
    rowsLeft: result.rowsLeft,
    rewrappedKeys: result.rewrappedKeys,
    masterKeyId: vault.provider.id,
  };
  await tx.query(
    `INSERT INTO security_events (platform_id, kind, actor, detail)
     VALUES ($1, 'key_rotation', $2, $3)`,
    [result.platformId, actor, JSON.stringify(detail)],
  );
  await appendAuditRecords(tx, [
    {
      platformId: result.platformId,
      actor,
      action: 'data_key.rotated',
      subjectType: 'data_key',
      subjectId: `${result.platformId}/v${result.newVersion}`,
      payload: detail,
      atMs: Date.now(),
    },
  ]);
}

async function platformsToRotate(db: Database, platformId: string | undefined): Promise<string[]> {
  if (platformId !== undefined) {
    const rows = await db.query('SELECT 1 FROM platforms WHERE id = $1', [platformId]);
    if (rows.length === 0) throw new Error(`platform ${platformId} not found`);
    return [platformId];
  }
  const ids: string[] = [];
  let after = '';
  for (;;) {
    const rows = await db.query<{ id: string }>(
      'SELECT id FROM platforms WHERE id > $1 ORDER BY id LIMIT $2',
      [after, PLATFORM_PAGE],
    );
    ids.push(...rows.map((row) => row.id));
    assert(ids.length <= PLATFORMS_PER_ROTATION_MAX, 'too many platforms for one rotation');
    const last = rows.at(-1);
    if (last === undefined || rows.length < PLATFORM_PAGE) return ids;
    after = last.id;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
