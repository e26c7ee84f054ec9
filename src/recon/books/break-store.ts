import {
  appendAuditRecords,
  AUDIT_RECORDS_PER_APPEND_MAX,
} from '../../audit/audit-record-store.js';
import type { Principal } from '../../security/index.js';
import { newId, type Queryable } from '../../store/index.js';
import { dayToIsoDate, type BankItem, type BookItem } from '../matching/index.js';
import type { NewMatch } from './match-store.js';
import { reconAudit } from './recon-audit.js';
import { escalatedBreakAlert, raiseReconAlerts } from './recon-alerts.js';

export const BREAKS_PER_INSERT_MAX = 10_000;

/**
 * Opens a break for every unmatched item that has no unresolved break yet. The partial unique
 * index on (side, item_id) keeps it at one per item even if two paths race.
 */
export async function openBreaks(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  runId: string | null,
  items: readonly { side: 'bank' | 'book'; item: BankItem | BookItem }[],
): Promise<number> {
  let opened = 0;
  for (let start = 0; start < items.length; start += BREAKS_PER_INSERT_MAX) {
    const chunk = items.slice(start, start + BREAKS_PER_INSERT_MAX);
    const rows = await tx.query(
      `INSERT INTO breaks (id, platform_id, run_id, side, item_id, currency, amount_minor,
         item_date, state, owner)
       SELECT u.id, $1, $2, u.side, u.item_id, u.currency, u.amount, u.item_date, 'open', $3
       FROM unnest($4::text[], $5::text[], $6::bigint[], $7::text[], $8::bigint[], $9::date[])
         AS u(id, side, item_id, currency, amount, item_date)
       ON CONFLICT (side, item_id) WHERE state <> 'resolved' DO NOTHING
       RETURNING id, side, item_id`,
      [
        platformId,
        runId,
        actor.id,
        chunk.map(() => newId('brk')),
        chunk.map((entry) => entry.side),
        chunk.map((entry) => entry.item.id),
        chunk.map((entry) => entry.item.currency),
        chunk.map((entry) => entry.item.amountMinor.toString()),
        chunk.map((entry) => dayToIsoDate(entry.item.day)),
      ],
    );
    opened += rows.length;
    await appendAuditRecords(
      tx,
      rows.map((row) =>
        reconAudit(actor, platformId, 'break.opened', 'break', String(row.id), {
          side: String(row.side),
          itemId: String(row.item_id),
          runId,
        }),
      ),
    );
  }
  return opened;
}

/** Breaks whose item a new match covers are resolved as `matched`. */
export async function resolveMatchedBreaks(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  matches: readonly NewMatch[],
): Promise<number> {
  const sides: string[] = [];
  const itemIds: string[] = [];
  const matchIds: string[] = [];
  for (const match of matches) {
    const items = [
      ...match.bankItems.map((item) => ['bank', item.itemId] as const),
      ...match.bookItems.map((item) => ['book', item.itemId] as const),
    ];
    for (const [side, itemId] of items) {
      sides.push(side);
      itemIds.push(itemId);
      matchIds.push(match.id);
    }
  }
  if (sides.length === 0) return 0;
  const rows = await tx.query(
    `UPDATE breaks b SET state = 'resolved', resolution = 'matched', resolution_ref = u.match_id,
       resolved_at = now(), resolved_by = $2
     FROM unnest($3::text[], $4::bigint[], $5::text[]) AS u(side, item_id, match_id)
     WHERE b.platform_id = $1 AND b.side = u.side AND b.item_id = u.item_id
       AND b.state <> 'resolved'
     RETURNING b.id, u.match_id`,
    [platformId, actor.id, sides, itemIds, matchIds],
  );
  for (let start = 0; start < rows.length; start += AUDIT_RECORDS_PER_APPEND_MAX) {
    await appendAuditRecords(
      tx,
      rows.slice(start, start + AUDIT_RECORDS_PER_APPEND_MAX).map((row) =>
        reconAudit(actor, platformId, 'break.resolved', 'break', String(row.id), {
          resolution: 'matched',
          matchId: String(row.match_id),
        }),
      ),
    );
  }
  return rows.length;
}

/**
 * Open breaks older than the limit become `escalated`, each with an audit record and a
 * high-severity alert in the reconciliation queue.
 */
export async function escalateBreaks(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  asOf: string,
  ageDaysMax: number,
): Promise<number> {
  const rows = await tx.query(
    `UPDATE breaks SET state = 'escalated', escalated_at = now()
     WHERE platform_id = $1 AND state = 'open' AND item_date < $2::date - $3::int
     RETURNING id, item_date::text AS item_date, amount_minor, currency`,
    [platformId, asOf, ageDaysMax],
  );
  for (let start = 0; start < rows.length; start += AUDIT_RECORDS_PER_APPEND_MAX) {
    await appendAuditRecords(
      tx,
      rows.slice(start, start + AUDIT_RECORDS_PER_APPEND_MAX).map((row) =>
        reconAudit(actor, platformId, 'break.escalated', 'break', String(row.id), {
          itemDate: String(row.item_date),
          amountMinor: String(row.amount_minor),
          currency: String(row.currency),
          ageDaysMax,
          asOf,
        }),
      ),
    );
  }
  await raiseReconAlerts(
    tx,
    rows.map((row) =>
      escalatedBreakAlert(
        platformId,
        {
          id: String(row.id),
          itemDate: String(row.item_date),
          amountMinor: String(row.amount_minor),
          currency: String(row.currency),
        },
        asOf,
        ageDaysMax,
      ),
    ),
  );
  return rows.length;
}

export interface BreakView {
  id: string;
  side: 'bank' | 'book';
  itemId: string;
  currency: string;
  amountMinor: bigint;
  itemDate: string;
  ageDays: number;
  state: string;
  owner: string;
  resolution: string | null;
  resolutionRef: string | null;
  approvalId: string | null;
  note: string | null;
  reference: string | null;
  openedAt: string;
}

/** Breaks with their age in days (today, UTC, minus the item's date). */
export async function listBreaks(
  db: Queryable,
  platformId: string,
  filter: { state?: string; limit: number },
): Promise<BreakView[]> {
  const rows = await db.query(
    `SELECT b.*, b.item_date::text AS item_day,
       (current_date - b.item_date) AS age_days,
       CASE WHEN b.side = 'book' THEN (SELECT t.instruction_id FROM transfers t WHERE t.id = b.item_id)
         ELSE (SELECT l.match_references[1] FROM statement_lines l WHERE l.id = b.item_id) END AS reference
     FROM breaks b
     WHERE b.platform_id = $1 AND ($2::text IS NULL OR b.state = $2
       OR ($2 = 'unresolved' AND b.state <> 'resolved'))
     ORDER BY b.item_date, b.id LIMIT $3`,
    [platformId, filter.state ?? null, filter.limit],
  );
  return rows.map((row) => ({
    id: String(row.id),
    side: row.side as 'bank' | 'book',
    itemId: String(row.item_id),
    currency: String(row.currency),
    amountMinor: BigInt(String(row.amount_minor)),
    itemDate: String(row.item_day),
    ageDays: Number(row.age_days),
    state: String(row.state),
    owner: String(row.owner),
    resolution: row.resolution === null ? null : String(row.resolution),
    resolutionRef: row.resolution_ref === null ? null : String(row.resolution_ref),
    approvalId: row.approval_id === null ? null : String(row.approval_id),
    note: row.note === null ? null : String(row.note),
    reference: row.reference === null || row.reference === undefined ? null : String(row.reference),
    openedAt: new Date(row.opened_at as string).toISOString(),
  }));
}
