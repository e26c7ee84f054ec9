import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCustomer, listCustomers } from '../../src/custody/index.js';
import {
  findCustomersByBankAccountNumber,
  findCustomersByIdNumber,
  findCustomersByPhone,
  rotateDataKeys,
  type PersonalDataVault,
} from '../../src/security/field-encryption/index.js';
import type { PersonalData } from '../../src/security/index.js';
import type { Database } from '../../src/store/index.js';
import {
  addBankAccount,
  addCustomer,
  createTenant,
  openTestVault,
  type TestDatabase,
} from './vault-harness.js';

// Goal: no personal data is readable in the database. Method: register customers and bank
// accounts with distinctive values through the custody code, read them back, look them up,
// rotate the keys; then dump every row of every table in the public schema as text (the
// row's text form covers every column) and search it for each value, also in the spellings
// the code derives (E.164 phone, digits-only numbers) and as hex (how bytea prints).

const PEOPLE: { customer: PersonalData; bank: PersonalData }[] = [
  {
    customer: {
      name: '欧阳娜娜Qz',
      idNumber: '11010519491231002X',
      phone: '139 1234 5678',
      email: 'nana.ouyang.qz@example.cn',
      address: '北京市朝阳区望京街道Qz七号',
    },
    bank: {
      accountNumber: '6222 0212 3456 7890 123',
      bankName: '招商银行望京Qz支行',
      holderName: '欧阳娜娜Qz',
    },
  },
  {
    customer: {
      name: 'Wilhelmina Quarterfield',
      idNumber: 'K98765432Q',
      phone: '+44 20 7946 0958',
      email: 'w.quarterfield@example.org',
      address: '221B Baker Street, Marylebone',
    },
    bank: {
      accountNumber: 'GB29 NWBK 6016 1331 9268 19',
      bankName: 'Quarterfield Private Bank',
      holderName: 'W Quarterfield',
    },
  },
];

let db: TestDatabase;
let vault: PersonalDataVault;

beforeAll(async () => {
  ({ db, vault } = await openTestVault());
});
afterAll(async () => {
  vault.close();
  await db.close();
});

async function dumpAllRows(database: Database): Promise<{ tables: string[]; text: string }> {
  const tables = await database.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await database.query<{ row: string }>(
      `SELECT t::text AS row FROM "${name.replaceAll('"', '""')}" t`,
    );
    parts.push(`== ${name}\n${rows.map((r) => r.row).join('\n')}`);
  }
  return { tables: tables.map((t) => t.name), text: parts.join('\n') };
}

function spellings(value: string): string[] {
  const digits = value.replace(/\D/g, '');
  const compact = value.replace(/\s/g, '');
  const forms = [value, compact, value.toLowerCase(), compact.toUpperCase()];
  if (digits.length >= 8) forms.push(digits, `+86${digits}`);
  return [...forms, ...forms.map((form) => Buffer.from(form, 'utf8').toString('hex'))];
}

describe('database dump', () => {
  it('contains none of the personal data written through the custody code', async () => {
    const tenant = await createTenant(db, 'Dump Test Platform');
    const customerIds: string[] = [];
    for (const person of PEOPLE) {
      const customerId = await addCustomer(db, tenant, person.customer);
      await addBankAccount(db, tenant, customerId, person.bank);
      customerIds.push(customerId);
    }
    // The data is there and usable: read, listed, found by each blind index.
    const first = PEOPLE[0] as (typeof PEOPLE)[number];
    const view = await getCustomer(db, tenant.platformId, customerIds[0] as string);
    expect(view?.customer.displayName).toBe('欧****z');
    expect(view?.bankAccounts[0]?.bankName).toBe(first.bank.bankName);
    expect((await listCustomers(db, tenant.platformId, {})).items).toHaveLength(2);
    const p = tenant.platformId;
    expect(await findCustomersByIdNumber(db, vault, p, '11010519491231002x')).toEqual([
      customerIds[0],
    ]);
    expect(await findCustomersByPhone(db, vault, p, '02079460958')).toEqual([]);
    expect(await findCustomersByPhone(db, vault, p, '+442079460958')).toEqual([customerIds[1]]);
    expect(await findCustomersByBankAccountNumber(db, vault, p, '6222021234567890123')).toEqual([
      customerIds[0],
    ]);
    await rotateDataKeys(db, vault, { actor: 'test:dump', batchSize: 1 });

    const dump = await dumpAllRows(db);
    expect(dump.tables).toEqual(
      expect.arrayContaining(['customers', 'customer_bank_accounts', 'audit_records', 'data_keys']),
    );
    // The dump does hold the rows (ciphertext), so a miss below is not an empty dump.
    expect(dump.text).toContain(customerIds[0]);
    expect(dump.text).toMatch(/enc:v1:2:/);
    const leaks: string[] = [];
    for (const person of PEOPLE) {
      for (const value of [...Object.values(person.customer), ...Object.values(person.bank)]) {
        for (const form of spellings(value as string))
          if (dump.text.includes(form)) leaks.push(`${value} (as ${form})`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('would find a value stored in clear: the check itself works', async () => {
    const tenant = await createTenant(db, 'Control Platform');
    const customerId = await addCustomer(db, tenant, { name: 'Control' });
    await db.query(`UPDATE customers SET personal_data = $2::jsonb WHERE id = $1`, [
      customerId,
      JSON.stringify({ v: 0, fields: { name: 'Zyxwvut Clearname' } }),
    ]);
    const dump = await dumpAllRows(db);
    expect(dump.text).toContain('Zyxwvut Clearname');
  });
});
