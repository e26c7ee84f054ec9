import { assert } from '../../assert.js';
import type { Queryable } from '../../store/index.js';
import { dayNumber, MATCH_ITEMS_MAX, type BankItem, type BookItem } from '../matching/index.js';

/**
 * The open items of a platform up to a date: booked bank lines and journal entries touching
 * the custody_bank account (single and post_pending phases: what moved the posted balance)
 * that are in no match yet. Ids are the database ids as decimal strings.
 */
export async function loadBankItems(
  tx: Queryable,
  platformId: string,
  asOf: string,
): Promise<BankItem[]> {
  const rows = await tx.query(
    `SELECT l.id, l.currency, l.amount_minor, l.booking_date::text AS day, l.match_references,
       l.counterparty_name
     FROM statement_lines l
     WHERE l.platform_id = $1 AND l.status = 'booked' AND l.booking_date <= $2::date
       AND NOT EXISTS (SELECT 1 FROM match_items m WHERE m.side = 'bank' AND m.item_id = l.id)
     ORDER BY l.booking_date, l.id
     LIMIT ${MATCH_ITEMS_MAX}`,
    [platformId, asOf],
  );
  assert(rows.length <= MATCH_ITEMS_MAX, 'bank items within the run limit');
  return rows.map((row) => ({
    id: String(row.id),
    currency: String(row.currency),
    amountMinor: BigInt(String(row.amount_minor)),
    day: dayNumber(String(row.day)),
    references: row.match_references as string[],
    ...(row.counterparty_name === null ? {} : { counterparty: String(row.counterparty_name) }),
  }));
}

/** Book entries signed like the bank sees them: a custody_bank debit is money arriving. */
export async function loadBookItems(
  tx: Queryable,
  platformId: string,
  asOf: string,
): Promise<BookItem[]> {
  const rows = await tx.query(
    `SELECT t.id, t.currency, t.instruction_id,
       CASE WHEN t.debit_account_id = a.id THEN t.amount_minor ELSE -t.amount_minor END AS signed,
       (t.created_at AT TIME ZONE 'UTC')::date::text AS day
     FROM accounts a
     JOIN transfers t ON (t.debit_account_id = a.id OR t.credit_account_id = a.id)
     WHERE a.platform_id = $1 AND a.type = 'custody_bank' AND t.platform_id = $1
       AND t.phase IN ('single', 'post_pending')
       AND (t.created_at AT TIME ZONE 'UTC')::date <= $2::date
       AND NOT EXISTS (SELECT 1 FROM match_items m WHERE m.side = 'book' AND m.item_id = t.id)
     ORDER BY t.id
     LIMIT ${MATCH_ITEMS_MAX}`,
    [platformId, asOf],
  );
  assert(rows.length <= MATCH_ITEMS_MAX, 'book items within the run limit');
  return rows.map((row) => ({
    id: String(row.id),
    currency: String(row.currency),
    amountMinor: BigInt(String(row.signed)),
    day: dayNumber(String(row.day)),
    reference: String(row.instruction_id),
  }));
}
