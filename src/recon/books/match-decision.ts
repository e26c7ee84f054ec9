import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { failure, success, type Result } from '../../custody/index.js';
import type { Principal } from '../../security/index.js';
import type { Database } from '../../store/index.js';
import { dayNumber } from '../matching/index.js';
import { openBreaks } from './break-store.js';
import { reconAudit } from './recon-audit.js';

/**
 * Confirms or rejects a suggested match. Rejecting frees its items (their match_items rows
 * go) and opens a break for each, so nothing drops out of sight.
 */
export async function decideMatch(
  db: Database,
  actor: Principal,
  platformId: string,
  matchId: string,
  decision: 'confirm' | 'reject',
): Promise<Result<{ matchId: string; state: 'confirmed' | 'rejected' }>> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      'SELECT state, currency FROM matches WHERE id = $1 AND platform_id = $2 FOR UPDATE',
      [matchId, platformId],
    );
    const match = rows[0];
    if (match === undefined)
      return failure('validation_failed', `match ${matchId} not found`, { notFound: true });
    if (match.state !== 'suggested')
      return failure('invalid_state', `the match is ${String(match.state)}`);
    const state = decision === 'confirm' ? 'confirmed' : 'rejected';
    await tx.query(
      'UPDATE matches SET state = $2, decided_by = $3, decided_at = now() WHERE id = $1',
      [matchId, state, actor.id],
    );
    if (state === 'rejected') {
      const freed = await tx.query(
        `DELETE FROM match_items WHERE match_id = $1 RETURNING side, item_id, amount_minor,
           CASE WHEN side = 'bank'
             THEN (SELECT booking_date::text FROM statement_lines WHERE id = item_id)
             ELSE (SELECT (created_at AT TIME ZONE 'UTC')::date::text FROM transfers WHERE id = item_id)
           END AS day`,
        [matchId],
      );
      await openBreaks(
        tx,
        actor,
        platformId,
        null,
        freed.map((row) => ({
          side: row.side as 'bank' | 'book',
          item: {
            id: String(row.item_id),
            currency: String(match.currency),
            amountMinor: BigInt(String(row.amount_minor)),
            day: dayNumber(String(row.day)),
            references: [],
            reference: '',
          },
        })),
      );
    }
    await appendAuditRecords(tx, [
      reconAudit(actor, platformId, `match.${state}`, 'match', matchId, {}),
    ]);
    return success({ matchId, state });
  });
}
