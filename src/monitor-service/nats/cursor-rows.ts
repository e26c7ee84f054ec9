import type { Queryable } from '../../store/index.js';

/**
 * Positions in monitoring_cursor. A partition worker keeps two rows, written in the same
 * transaction as its alerts: `<prefix>:<p>` holds the last leaf index it evaluated and
 * `<prefix>:<p>#seq` the JetStream stream sequence of the message that carried it.
 */
export function partitionCursorName(prefix: string, partition: number): string {
  return `${prefix}:${partition}`;
}

export function streamSeqCursorName(prefix: string, partition: number): string {
  return `${prefix}:${partition}#seq`;
}

export async function readPosition(db: Queryable, consumer: string): Promise<number> {
  const rows = await db.query<{ leaf_index: string | number }>(
    'SELECT leaf_index FROM monitoring_cursor WHERE consumer = $1',
    [consumer],
  );
  return rows[0] === undefined ? -1 : Number(rows[0].leaf_index);
}

export async function writePosition(
  tx: Queryable,
  consumer: string,
  position: number,
  events: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO monitoring_cursor (consumer, leaf_index, events, updated_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (consumer) DO UPDATE SET leaf_index = $2,
       events = monitoring_cursor.events + $3, updated_at = now()`,
    [consumer, position, events],
  );
}
