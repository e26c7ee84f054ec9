import { appendAuditRecords } from '../audit/audit-record-store.js';
import type { Database } from '../store/index.js';
import type { ScreeningHit } from './matching/screening-index.js';
import { SCREENING_HOLD_REASON, SCREENING_REVIEW } from './screening-hold.js';
import { hitJson } from './screening-hit-json.js';
import { partyKey, SCREENING_ACTOR, type ScreeningService } from './screening-service.js';
import { loadParty } from './store/party-source.js';
import type { Party, PartyKind } from './store/result-store.js';
import { openReviews } from './store/review-store.js';

/** At most this many orphaned holds are repaired per sweep; the rest at the next one. */
export const ORPHANED_HOLDS_PER_SWEEP_MAX = 1_000;
/**
 * A hold younger than this is left alone: the process that made it may still be writing its
 * review (another server on the same database, say).
 */
export const ORPHAN_GRACE_MS_DEFAULT = 120_000;
/** At most this many bank accounts of one customer are screened for a withdrawal. */
const BANK_ACCOUNTS_PER_WITHDRAWAL_MAX = 20;

export interface OrphanRepair {
  /** Held instructions that now have reviews to wait for. */
  reviewed: number;
  /** Held instructions whose parties no longer match: the hold stays, waiting for no review. */
  unblocked: number;
}

interface OrphanRow {
  id: string;
  platform_id: string;
  type: string;
  hold_reason: string | null;
  debit_customer_id: string | null;
  credit_customer_id: string | null;
  [column: string]: unknown;
}

/**
 * A screening hold's review is written from memory once the instruction has committed; a
 * process that stops in between leaves an instruction waiting for a review that does not
 * exist. At start and then every few minutes (ScreeningGate), each such instruction older than
 * the grace period has its parties (the customers on both sides and, for a
 * withdrawal, the bank accounts of the customer paid out) screened again against the
 * current lists: hits open their reviews as the gate would have. When nothing matches any
 * more (the entry left the list, or the pair was whitelisted since), the hold stays but stops
 * waiting for a review, so staff can settle it like any other hold; that is audited. Nothing
 * is released here.
 */
export async function repairOrphanedHolds(
  db: Database,
  service: ScreeningService,
  options: { graceMs?: number; nowMs?: number } = {},
): Promise<OrphanRepair> {
  const nowMs = options.nowMs ?? Date.now();
  const heldBeforeMs = nowMs - (options.graceMs ?? ORPHAN_GRACE_MS_DEFAULT);
  const orphans = await db.query<OrphanRow>(
    `SELECT i.id, i.platform_id, i.type, i.hold_reason,
            d.customer_id AS debit_customer_id, c.customer_id AS credit_customer_id
       FROM instructions i
       JOIN accounts d ON d.id = i.debit_account_id
       JOIN accounts c ON c.id = i.credit_account_id
      WHERE i.status = 'pending' AND $1 = ANY(i.hold_reviews_pending)
        AND i.created_at <= to_timestamp($3 / 1000.0)
        AND NOT EXISTS (SELECT 1 FROM screening_reviews r WHERE r.platform_id = i.platform_id
              AND r.subject_kind = 'instruction' AND r.subject_id = i.id)
      ORDER BY i.id LIMIT $2`,
    [SCREENING_REVIEW, ORPHANED_HOLDS_PER_SWEEP_MAX, heldBeforeMs],
  );
  const repair: OrphanRepair = { reviewed: 0, unblocked: 0 };
  for (const orphan of orphans) {
    const found: { party: Party; hits: ScreeningHit[] }[] = [];
    for (const party of await partiesOf(db, service, orphan)) {
      const hits = service.partyHits(party);
      if (hits.length > 0) found.push({ party, hits });
    }
    if (found.length > 0) {
      await db.transaction((tx) =>
        openReviews(
          tx,
          SCREENING_ACTOR,
          found.flatMap(({ party, hits }) =>
            hits.map((hit) => ({
              subjectKind: 'instruction' as const,
              subjectId: orphan.id,
              party,
              hit: hitJson(hit, true),
              otherHolds: orphan.hold_reason !== SCREENING_HOLD_REASON,
            })),
          ),
          nowMs,
        ),
      );
      repair.reviewed += 1;
      continue;
    }
    await db.transaction(async (tx) => {
      const changed = await tx.query(
        `UPDATE instructions SET hold_reviews_pending = array_remove(hold_reviews_pending, $2)
          WHERE id = $1 AND status = 'pending' AND $2 = ANY(hold_reviews_pending) RETURNING id`,
        [orphan.id, SCREENING_REVIEW],
      );
      if (changed.length === 0) return;
      await appendAuditRecords(tx, [
        {
          platformId: orphan.platform_id,
          actor: SCREENING_ACTOR,
          action: 'instruction.screening_review_dropped',
          subjectType: 'instruction',
          subjectId: orphan.id,
          payload: {
            reason:
              'its screening review was not written before a restart, and its parties no longer match any list entry; the hold stays for staff to settle',
          },
          atMs: nowMs,
        },
      ]);
    });
    repair.unblocked += 1;
  }
  return repair;
}

async function partiesOf(
  db: Database,
  service: ScreeningService,
  orphan: OrphanRow,
): Promise<Party[]> {
  const refs: { kind: PartyKind; id: string }[] = [];
  for (const id of new Set([orphan.credit_customer_id, orphan.debit_customer_id]))
    if (id !== null) refs.push({ kind: 'customer', id });
  if (orphan.type === 'withdrawal' && orphan.debit_customer_id !== null) {
    const accounts = await db.query<{ id: string }>(
      'SELECT id FROM customer_bank_accounts WHERE customer_id = $1 ORDER BY id LIMIT $2',
      [orphan.debit_customer_id, BANK_ACCOUNTS_PER_WITHDRAWAL_MAX],
    );
    for (const account of accounts) refs.push({ kind: 'bank_account', id: account.id });
  }
  const parties: Party[] = [];
  for (const ref of refs) {
    const party =
      service.parties.get(partyKey(ref.kind, ref.id)) ?? (await loadParty(db, ref.kind, ref.id));
    if (party !== null) parties.push(party);
  }
  return parties;
}
