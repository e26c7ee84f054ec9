import { assert } from '../../assert.js';
import type { Queryable } from '../../store/index.js';

export interface MatchItemRef {
  /** statement_lines.id (bank) or transfers.id (book), as a decimal string. */
  readonly itemId: string;
  readonly amountMinor: bigint;
}

export interface NewMatch {
  readonly id: string;
  readonly ruleName: string;
  readonly strategy: 'one_to_one' | 'one_to_many' | 'many_to_one' | 'manual' | 'adjustment';
  readonly state: 'suggested' | 'confirmed';
  readonly currency: string;
  readonly bankItems: readonly MatchItemRef[];
  readonly bookItems: readonly MatchItemRef[];
  readonly bankSumMinor: bigint;
  readonly bookSumMinor: bigint;
  readonly differenceMinor: bigint;
}

/** Matches per INSERT statement. */
export const MATCHES_PER_INSERT_MAX = 10_000;

/**
 * Stores matches and their items. The primary key (side, item_id) of match_items makes a
 * second match of the same item fail the transaction: exclusivity is enforced twice, by the
 * pure matcher and by the database.
 */
export async function insertMatches(
  tx: Queryable,
  platformId: string,
  runId: string | null,
  matches: readonly NewMatch[],
  decidedBy = 'rule',
): Promise<void> {
  for (let start = 0; start < matches.length; start += MATCHES_PER_INSERT_MAX) {
    const chunk = matches.slice(start, start + MATCHES_PER_INSERT_MAX);
    await tx.query(
      `INSERT INTO matches (id, platform_id, run_id, rule_name, strategy, state, currency,
         bank_sum_minor, book_sum_minor, difference_minor, decided_by, decided_at)
       SELECT u.id, $1, $2, u.rule_name, u.strategy, u.state, u.currency, u.bank_sum,
         u.book_sum, u.difference, CASE WHEN u.state = 'confirmed' THEN $3 END,
         CASE WHEN u.state = 'confirmed' THEN now() END
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[],
         $10::bigint[], $11::bigint[])
         AS u(id, rule_name, strategy, state, currency, bank_sum, book_sum, difference)`,
      [
        platformId,
        runId,
        decidedBy,
        chunk.map((match) => match.id),
        chunk.map((match) => match.ruleName),
        chunk.map((match) => match.strategy),
        chunk.map((match) => match.state),
        chunk.map((match) => match.currency),
        chunk.map((match) => match.bankSumMinor.toString()),
        chunk.map((match) => match.bookSumMinor.toString()),
        chunk.map((match) => match.differenceMinor.toString()),
      ],
    );
    await insertMatchItems(tx, platformId, chunk);
  }
}

async function insertMatchItems(
  tx: Queryable,
  platformId: string,
  matches: readonly NewMatch[],
): Promise<void> {
  const matchIds: string[] = [];
  const sides: string[] = [];
  const itemIds: string[] = [];
  const amounts: string[] = [];
  for (const match of matches) {
    assert(match.bankItems.length + match.bookItems.length > 0, 'a match has items');
    for (const [side, items] of [
      ['bank', match.bankItems],
      ['book', match.bookItems],
    ] as const) {
      for (const item of items) {
        matchIds.push(match.id);
        sides.push(side);
        itemIds.push(item.itemId);
        amounts.push(item.amountMinor.toString());
      }
    }
  }
  await tx.query(
    `INSERT INTO match_items (match_id, platform_id, side, item_id, amount_minor)
     SELECT u.match_id, $1, u.side, u.item_id, u.amount
     FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[])
       AS u(match_id, side, item_id, amount)`,
    [platformId, matchIds, sides, itemIds, amounts],
  );
}

export interface MatchView {
  id: string;
  runId: string | null;
  ruleName: string;
  strategy: string;
  state: string;
  currency: string;
  bankSumMinor: bigint;
  bookSumMinor: bigint;
  differenceMinor: bigint;
  bankItemIds: string[];
  bookItemIds: string[];
  decidedBy: string | null;
  createdAt: string;
}

export async function listMatches(
  db: Queryable,
  platformId: string,
  filter: { state?: string; runId?: string; limit: number },
): Promise<MatchView[]> {
  const rows = await db.query(
    `SELECT m.id, m.run_id, m.rule_name, m.strategy, m.state, m.currency, m.bank_sum_minor,
       m.book_sum_minor, m.difference_minor, m.decided_by, m.created_at,
       coalesce(array_agg(i.item_id::text ORDER BY i.item_id) FILTER (WHERE i.side = 'bank'), '{}') AS bank_ids,
       coalesce(array_agg(i.item_id::text ORDER BY i.item_id) FILTER (WHERE i.side = 'book'), '{}') AS book_ids
     FROM matches m LEFT JOIN match_items i ON i.match_id = m.id
     WHERE m.platform_id = $1 AND ($2::text IS NULL OR m.state = $2)
       AND ($3::text IS NULL OR m.run_id = $3)
     GROUP BY m.id ORDER BY m.id DESC LIMIT $4`,
    [platformId, filter.state ?? null, filter.runId ?? null, filter.limit],
  );
  return rows.map((row) => ({
    id: String(row.id),
    runId: row.run_id === null ? null : String(row.run_id),
    ruleName: String(row.rule_name),
    strategy: String(row.strategy),
    state: String(row.state),
    currency: String(row.currency),
    bankSumMinor: BigInt(String(row.bank_sum_minor)),
    bookSumMinor: BigInt(String(row.book_sum_minor)),
    differenceMinor: BigInt(String(row.difference_minor)),
    bankItemIds: row.bank_ids as string[],
    bookItemIds: row.book_ids as string[],
    decidedBy: row.decided_by === null ? null : String(row.decided_by),
    createdAt: new Date(row.created_at as string).toISOString(),
  }));
}
