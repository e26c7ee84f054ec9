import type { Database } from '../store/index.js';

/** A monitoring consumer's stored snapshot: its position and its JSON body. */
export interface StoredSnapshot {
  leafIndex: number;
  body: string;
  takenAt: Date;
}

/** Writes a consumer's snapshot at `leafIndex` and drops its older ones, in one transaction. */
export async function writeSnapshot(
  db: Database,
  consumer: string,
  leafIndex: number,
  body: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO monitoring_snapshots (consumer, leaf_index, pack_fingerprint, snapshot)
       VALUES ($1, $2, 'per-platform', $3)
       ON CONFLICT (consumer, leaf_index) DO UPDATE SET snapshot = $3, taken_at = now()`,
      [consumer, leafIndex, body],
    );
    await tx.query('DELETE FROM monitoring_snapshots WHERE consumer = $1 AND leaf_index < $2', [
      consumer,
      leafIndex,
    ]);
  });
}

/** The consumer's newest snapshot at or below `atOrBelow`, if any. */
export async function readNewestSnapshot(
  db: Database,
  consumer: string,
  atOrBelow: number,
): Promise<StoredSnapshot | undefined> {
  const rows = await db.query<{
    leaf_index: string | number;
    snapshot: string;
    taken_at: Date | string;
  }>(
    `SELECT leaf_index, snapshot, taken_at FROM monitoring_snapshots
     WHERE consumer = $1 AND leaf_index <= $2 ORDER BY leaf_index DESC LIMIT 1`,
    [consumer, atOrBelow],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  return { leafIndex: Number(row.leaf_index), body: row.snapshot, takenAt: new Date(row.taken_at) };
}
