import {
  SQL_DEADLOCK_DETECTED,
  SQL_SERIALIZATION_FAILURE,
  SQL_UNIQUE_VIOLATION,
  sqlErrorCode,
  type Database,
} from '../store/index.js';
import { decideBatch } from './decide-batch.js';
import type { CustodyError } from './errors.js';
import { loadBatchState } from './load-batch-state.js';
import type { PreparedInstruction } from './prepared-instruction.js';
import { writeBatch } from './write-batch.js';

export type CommitOutcome =
  | { kind: 'created'; instructionId: string; status: 'posted' | 'pending' }
  | { kind: 'replayed'; instructionId: string }
  | { kind: 'rejected'; error: CustodyError };

/** A second process can commit the same idempotency key or nonce between our read and write. */
const RETRYABLE_SQL_CODES = new Set([
  SQL_UNIQUE_VIOLATION,
  SQL_DEADLOCK_DETECTED,
  SQL_SERIALIZATION_FAILURE,
]);
export const BATCH_ATTEMPTS_MAX = 3;

/**
 * Commits a batch of prepared instructions in one transaction: lock, decide, write. A
 * conflict with a concurrent writer rolls the whole batch back and decides it again, now
 * seeing the other writer's rows, so a duplicate posts exactly once.
 */
export async function commitInstructions(
  db: Database,
  batch: PreparedInstruction[],
): Promise<CommitOutcome[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(async (tx) => {
        const state = await loadBatchState(tx, batch);
        const decided = decideBatch(state, batch);
        await writeBatch(tx, batch, decided);
        return decided.decisions.map((decision): CommitOutcome => {
          if (decision.kind === 'accepted') {
            const status = decision.status === 'posted' ? 'posted' : 'pending';
            return { kind: 'created', instructionId: decision.prepared.id, status };
          }
          if (decision.kind === 'replay')
            return { kind: 'replayed', instructionId: decision.instructionId };
          return { kind: 'rejected', error: decision.error };
        });
      });
    } catch (error) {
      const code = sqlErrorCode(error);
      if (attempt >= BATCH_ATTEMPTS_MAX || code === undefined || !RETRYABLE_SQL_CODES.has(code))
        throw error;
    }
  }
}
