import {
  openPersonalData,
  personalDataVaultOf,
  type PersonalDataTable,
} from '../../security/personal-data.js';
import { FieldDecryptionError } from '../../security/field-encryption/field-cipher.js';
import {
  countViolations,
  sampleIds,
  type ControlTest,
  type ControlTestContext,
} from './control-test.js';

/** Customers whose decrypted values are searched for in the logs. */
export const LEAK_SAMPLE_CUSTOMERS = 20;
/**
 * Values searched for: ASCII ones of at least 6 characters (shorter ones turn up by chance in
 * base64 signatures and ids), others (a two-character Chinese name) of at least 2.
 */
const LEAK_ASCII_CHARS_MIN = 6;
const LEAK_OTHER_CHARS_MIN = 2;

export function isSearchableValue(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(value);
  return value.length >= (ascii ? LEAK_ASCII_CHARS_MIN : LEAK_OTHER_CHARS_MIN);
}

const CIPHERTEXT_SQL_PATTERN = '^enc:v1:[1-9][0-9]{0,9}:[A-Za-z0-9_-]+$';

// A row in clear (version 0), or a field that is not a ciphertext.
const clearRows = (table: PersonalDataTable) => `SELECT t.id FROM ${table} t
  WHERE t.platform_id = $1 AND (t.personal_data ->> 'v' IS DISTINCT FROM '1'
    OR EXISTS (SELECT 1 FROM jsonb_each_text(coalesce(t.personal_data -> 'fields', '{}'::jsonb)) f
               WHERE f.value !~ '${CIPHERTEXT_SQL_PATTERN}'))`;

// Log tables where personal data must never appear, with their text and time columns.
const LOG_TABLES = [
  { name: 'audit_records', text: 'entry', at: 'at' },
  { name: 'security_events', text: 'detail::text', at: 'at' },
  { name: 'alerts', text: 'explanation::text', at: 'last_seen_at' },
  { name: 'case_events', text: 'detail::text', at: 'at' },
  { name: 'notification_outbox', text: 'body', at: 'next_attempt_at' },
] as const;

/**
 * No personal data is stored in clear: every customer, bank account and beneficial owner row
 * of the platform is sealed (version 1, each field an enc:v1 ciphertext). A sample of the newest customers is
 * then decrypted (a ciphertext moved to another row fails, being bound to its place), and
 * their names, ID numbers, phones and e-mails are searched for in the window's audit records,
 * security events, alerts, case timeline and notifications — the runtime form of the test
 * that dumps the whole database looking for known values.
 */
export const personalDataEncrypted: ControlTest = {
  kind: 'personal_data_encrypted',
  async run(context) {
    const params = [context.platformId];
    const customers = await countViolations(context, clearRows('customers'), params);
    const banks = await countViolations(context, clearRows('customer_bank_accounts'), params);
    const owners = await countViolations(context, clearRows('customer_beneficial_owners'), params);
    const checkedRows = await context.db.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM customers WHERE platform_id = $1)
            + (SELECT count(*) FROM customer_bank_accounts WHERE platform_id = $1)
            + (SELECT count(*) FROM customer_beneficial_owners WHERE platform_id = $1) AS n`,
      params,
    );
    const sample = await decryptSample(context);
    const leaks = await searchLogs(context, sample.values);
    const total =
      customers.total + banks.total + owners.total + sample.undecryptable.length + leaks.length;
    return {
      outcome: total === 0 ? 'pass' : 'fail',
      evidence: {
        checked: Number(checkedRows[0]?.n ?? 0),
        violations: total,
        sampleIds: sampleIds([
          ...customers.sample,
          ...banks.sample,
          ...owners.sample,
          ...sample.undecryptable,
          ...leaks,
        ]),
        customersInClear: customers.total,
        bankAccountsInClear: banks.total,
        beneficialOwnersInClear: owners.total,
        sampleDecrypted: sample.decrypted,
        undecryptable: sample.undecryptable.length,
        logTablesSearched: LOG_TABLES.map((t) => t.name),
        leaksFound: leaks.length,
        window: {
          from: new Date(context.windowStartMs).toISOString(),
          to: new Date(context.windowEndMs).toISOString(),
        },
      },
    };
  },
};

async function decryptSample(
  context: ControlTestContext,
): Promise<{ decrypted: number; undecryptable: string[]; values: Map<string, string> }> {
  const vault = personalDataVaultOf(context.db);
  const rows = await context.db.query<{ id: string; personal_data: unknown }>(
    `SELECT id, personal_data FROM customers
     WHERE platform_id = $1 AND anonymized_at IS NULL AND personal_data ->> 'v' = '1'
     ORDER BY id DESC LIMIT ${LEAK_SAMPLE_CUSTOMERS}`,
    [context.platformId],
  );
  const undecryptable: string[] = [];
  // value → customer id; the value itself never leaves this function.
  const values = new Map<string, string>();
  for (const row of rows) {
    try {
      const data = await openPersonalData(
        row.personal_data,
        {
          vault,
          db: context.db,
          platformId: context.platformId,
          table: 'customers',
          recordId: row.id,
        },
        ['name', 'idNumber', 'phone', 'email'],
      );
      for (const value of Object.values(data)) {
        if (typeof value === 'string' && isSearchableValue(value.trim()))
          values.set(value.trim(), row.id);
      }
    } catch (error) {
      if (!(error instanceof FieldDecryptionError)) throw error;
      undecryptable.push(row.id);
    }
  }
  return { decrypted: rows.length - undecryptable.length, undecryptable, values };
}

/** Ids (`table:customer`) of log rows in the window that contain a sampled value. */
async function searchLogs(
  context: ControlTestContext,
  values: Map<string, string>,
): Promise<string[]> {
  if (values.size === 0) return [];
  const needles = [...values.keys()];
  const found: string[] = [];
  for (const table of LOG_TABLES) {
    const rows = await context.db.query<{ needle: string }>(
      `SELECT DISTINCT n.needle FROM ${table.name} t
       CROSS JOIN unnest($4::text[]) AS n(needle)
       WHERE t.platform_id = $1 AND t.${table.at} >= $2::timestamptz AND t.${table.at} < $3::timestamptz
         AND strpos(t.${table.text}, n.needle) > 0`,
      [
        context.platformId,
        new Date(context.windowStartMs).toISOString(),
        new Date(context.windowEndMs).toISOString(),
        needles,
      ],
    );
    for (const row of rows) found.push(`${table.name}:${values.get(row.needle) ?? '?'}`);
  }
  return found;
}
