import { assert } from '../../assert.js';
import type { Queryable } from '../../store/index.js';
import { openPersonalData, type PersonalDataTable } from '../personal-data.js';
import { blindIndexValue, normalizeForIndex, type BlindIndexName } from './blind-index.js';
import type { PersonalDataVault } from './personal-data-vault.js';

/**
 * Candidates read per lookup at most. At the design ceiling of 2^32 rows a 16-bit index
 * gives 2^16 rows per value (see blind-index.ts); beyond that, the lookup refuses.
 */
export const LOOKUP_CANDIDATES_MAX = 65_536;
const LOOKUP_PAGE = 1_000;

const INDEX_COLUMNS: Record<BlindIndexName, { table: PersonalDataTable; column: string }> = {
  idNumber: { table: 'customers', column: 'id_number_index' },
  phone: { table: 'customers', column: 'phone_index' },
  accountNumber: { table: 'customer_bank_accounts', column: 'account_number_index' },
};

/** Customers of a platform whose ID number equals `idNumber` (after normalisation). */
export function findCustomersByIdNumber(
  db: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  idNumber: string,
): Promise<string[]> {
  return findByBlindIndex(db, vault, platformId, 'idNumber', idNumber);
}

/** Customers whose phone equals `phone` in E.164 (national numbers are read as +86). */
export function findCustomersByPhone(
  db: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  phone: string,
): Promise<string[]> {
  return findByBlindIndex(db, vault, platformId, 'phone', phone);
}

/** Customers with a registered bank account of this number (digits compared). */
export function findCustomersByBankAccountNumber(
  db: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  accountNumber: string,
): Promise<string[]> {
  return findByBlindIndex(db, vault, platformId, 'accountNumber', accountNumber);
}

/**
 * Exact lookup: the index narrows the rows to the value's index bucket, then each candidate's
 * field is decrypted and compared, dropping the coincidences truncation put there on purpose.
 * Rows still in clear (version 0) carry no index until a rotation re-encrypts them.
 */
async function findByBlindIndex(
  db: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  name: BlindIndexName,
  raw: string,
): Promise<string[]> {
  const wanted = normalizeForIndex(name, raw);
  if (wanted === null) return [];
  const index = await vault.keyring.withIndexKeys(db, platformId, false, (keys) =>
    blindIndexValue(keys[name], wanted),
  );
  if (index === null) return [];
  const { table, column } = INDEX_COLUMNS[name];
  const owner = table === 'customers' ? 'id' : 'customer_id';
  const found = new Set<string>();
  let after = '';
  for (let read = 0; ;) {
    const rows = await db.query<{ id: string; owner: string; personal_data: unknown }>(
      `SELECT id, ${owner} AS owner, personal_data FROM ${table}
       WHERE platform_id = $1 AND ${column} = $2 AND id > $3 ORDER BY id LIMIT $4`,
      [platformId, index, after, LOOKUP_PAGE],
    );
    read += rows.length;
    assert(read <= LOOKUP_CANDIDATES_MAX, 'blind index lookup: too many candidates');
    for (const row of rows) {
      const context = { vault, db, platformId, table, recordId: row.id };
      const data = await openPersonalData(row.personal_data, context, [name]);
      const value = data[name];
      if (value !== undefined && normalizeForIndex(name, value) === wanted) found.add(row.owner);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < LOOKUP_PAGE) break;
    after = last.id;
  }
  return [...found].sort();
}
