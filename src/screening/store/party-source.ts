import { openPersonalData, personalDataVaultOf } from '../../security/personal-data.js';
import type { Queryable } from '../../store/index.js';
import type { Party, PartyKind } from './result-store.js';

/**
 * Parties to screen and their names. Names are personal data: they are decrypted here, kept
 * in memory only, and never written anywhere by screening.
 */
async function partyOf(
  db: Queryable,
  kind: PartyKind,
  row: Record<string, unknown>,
): Promise<Party | null> {
  const platformId = String(row.platform_id);
  const id = String(row.id);
  const data = await openPersonalData(
    row.personal_data,
    {
      vault: personalDataVaultOf(db),
      db,
      platformId,
      table: kind === 'customer' ? 'customers' : 'customer_bank_accounts',
      recordId: id,
    },
    kind === 'customer' ? ['name'] : ['holderName', 'name'],
  );
  const name = kind === 'customer' ? data.name : (data.holderName ?? data.name);
  if (name === undefined || name.trim().length === 0) return null;
  return {
    platformId,
    kind,
    id,
    customerId: kind === 'customer' ? id : String(row.customer_id),
    partyType: kind === 'customer' ? (row.kind === 'entity' ? 'entity' : 'individual') : null,
    name,
  };
}

export async function loadParty(db: Queryable, kind: PartyKind, id: string): Promise<Party | null> {
  const rows =
    kind === 'customer'
      ? await db.query('SELECT id, platform_id, kind, personal_data FROM customers WHERE id = $1', [
          id,
        ])
      : await db.query(
          'SELECT id, platform_id, customer_id, personal_data FROM customer_bank_accounts WHERE id = $1',
          [id],
        );
  return rows[0] === undefined ? null : partyOf(db, kind, rows[0]);
}

/** One page of parties of a kind after `afterId` (keyset order by id), every platform. */
export async function partyPage(
  db: Queryable,
  kind: PartyKind,
  afterId: string,
  limit: number,
): Promise<{ parties: Party[]; lastId: string | null }> {
  const rows =
    kind === 'customer'
      ? await db.query(
          `SELECT id, platform_id, kind, personal_data FROM customers
           WHERE id > $1 AND status = 'active' ORDER BY id LIMIT $2`,
          [afterId, limit],
        )
      : await db.query(
          `SELECT b.id, b.platform_id, b.customer_id, b.personal_data FROM customer_bank_accounts b
           JOIN customers c ON c.id = b.customer_id AND c.status = 'active'
           WHERE b.id > $1 ORDER BY b.id LIMIT $2`,
          [afterId, limit],
        );
  const parties: Party[] = [];
  for (const row of rows) {
    const party = await partyOf(db, kind, row);
    if (party !== null) parties.push(party);
  }
  const last = rows[rows.length - 1];
  return { parties, lastId: last === undefined ? null : String(last.id) };
}

export async function countParties(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: string }>(
    `SELECT ((SELECT count(*) FROM customers WHERE status = 'active')
      + (SELECT count(*) FROM customer_bank_accounts b JOIN customers c ON c.id = b.customer_id
         AND c.status = 'active'))::text AS n`,
  );
  return Number(rows[0]?.n ?? 0);
}
