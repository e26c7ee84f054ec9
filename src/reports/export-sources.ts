import { currencyExponent } from '../money/index.js';
import { openPersonalData, type PersonalDataVault } from '../security/index.js';
import type { Queryable } from '../store/index.js';
import { loadCnyRates } from './calendar-store.js';
import { cstDayOfMs } from './cst-day.js';
import { toCnyMinor } from './fx-conversion.js';
import type { GoamlParty, GoamlTransaction, ResolvedCustomer } from './goaml/goaml-input.js';
import { loadSubjectProfiles } from './subject-profiles.js';

type InstructionRow = {
  id: string;
  type: string;
  purpose: string;
  status: string;
  currency: string;
  amount_minor: string;
  channel: { cash?: boolean } | null;
  debit_account_id: string;
  debit_type: string;
  debit_customer_id: string | null;
  credit_account_id: string;
  credit_type: string;
  credit_customer_id: string | null;
  at: Date;
};

const INSTRUCTIONS_SQL = `
SELECT i.id, i.type, i.purpose, i.status, i.currency, i.amount_minor::text AS amount_minor,
  i.channel, da.id AS debit_account_id, da.type AS debit_type, da.customer_id AS debit_customer_id,
  ca.id AS credit_account_id, ca.type AS credit_type, ca.customer_id AS credit_customer_id,
  coalesce((SELECT max(t.created_at) FROM transfers t WHERE t.instruction_id = i.id
    AND t.phase IN ('single', 'post_pending')), i.created_at) AS at
FROM instructions i
JOIN accounts da ON da.id = i.debit_account_id
JOIN accounts ca ON ca.id = i.credit_account_id
WHERE i.platform_id = $1 AND i.id = ANY($2::text[])
ORDER BY i.id`;

/** Customers with their sealed name, ID number and phone opened, and their profiles. */
export async function resolveCustomers(
  db: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  customerIds: readonly string[],
): Promise<Map<string, ResolvedCustomer>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db.query<{ id: string; kind: 'person' | 'entity'; personal_data: unknown }>(
    'SELECT id, kind, personal_data FROM customers WHERE platform_id = $1 AND id = ANY($2::text[])',
    [platformId, customerIds],
  );
  const profiles = await loadSubjectProfiles(db, vault, platformId, customerIds);
  const resolved = new Map<string, ResolvedCustomer>();
  for (const row of rows) {
    const data = await openPersonalData(
      row.personal_data,
      { vault, db, platformId, table: 'customers', recordId: row.id },
      ['name', 'idNumber', 'phone'],
    );
    resolved.set(row.id, {
      customerId: row.id,
      kind: row.kind,
      name: data.name,
      idNumber: data.idNumber,
      phone: data.phone,
      profile: profiles.get(row.id) ?? {},
    });
  }
  return resolved;
}

export interface TransactionSources {
  transactions: GoamlTransaction[];
  unknownInstructionIds: string[];
  unknownCurrencies: string[];
}

/**
 * The instructions of a report as goAML transactions. Customers in `clientIds` appear with
 * full identity; other customers are named only; the custodian's own accounts appear as its
 * accounts. Foreign amounts are converted at the rate of their CST posting day.
 */
export async function resolveTransactions(
  db: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  instructionIds: readonly string[],
  clientIds: ReadonlySet<string>,
): Promise<TransactionSources> {
  const rows = await db.query<InstructionRow>(INSTRUCTIONS_SQL, [platformId, instructionIds]);
  const found = new Set(rows.map((row) => row.id));
  const customerIds = new Set<string>();
  for (const row of rows) {
    if (row.debit_customer_id !== null) customerIds.add(row.debit_customer_id);
    if (row.credit_customer_id !== null) customerIds.add(row.credit_customer_id);
  }
  const customers = await resolveCustomers(db, vault, platformId, [...customerIds]);
  const ratesByDay = new Map<number, Map<string, bigint>>();
  const unknownCurrencies = new Set<string>();
  const transactions: GoamlTransaction[] = [];
  for (const row of rows) {
    const atMs = new Date(row.at).getTime();
    const day = cstDayOfMs(atMs);
    let rates = ratesByDay.get(day);
    if (rates === undefined) {
      rates = await loadCnyRates(db, day);
      ratesByDay.set(day, rates);
    }
    const exponent = currencyExponent(row.currency) ?? 2;
    const amountMinor = BigInt(row.amount_minor);
    const rateMicros = row.currency === 'CNY' ? null : (rates.get(row.currency) ?? null);
    if (row.currency !== 'CNY' && rateMicros === null) {
      unknownCurrencies.add(row.currency);
      continue;
    }
    const party = (accountId: string, type: string, customerId: string | null): GoamlParty => {
      const customer = customerId === null ? undefined : customers.get(customerId);
      if (type !== 'customer' || customer === undefined)
        return { role: 'house', accountId, accountType: type };
      return clientIds.has(customer.customerId)
        ? { role: 'client', customer }
        : { role: 'counterparty', customer };
    };
    transactions.push({
      instructionId: row.id,
      description: `${row.type} (${row.status}): ${row.purpose}`,
      postedAtMs: atMs,
      cash: row.channel?.cash === true,
      currency: row.currency,
      exponent,
      amountMinor,
      amountCnyMinor: toCnyMinor(amountMinor, row.currency, exponent, rates),
      rateMicros,
      from: party(row.debit_account_id, row.debit_type, row.debit_customer_id),
      to: party(row.credit_account_id, row.credit_type, row.credit_customer_id),
    });
  }
  return {
    transactions,
    unknownInstructionIds: instructionIds.filter((id) => !found.has(id)),
    unknownCurrencies: [...unknownCurrencies].sort(),
  };
}
