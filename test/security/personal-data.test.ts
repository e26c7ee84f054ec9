import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCustomer, listCustomers } from '../../src/custody/index.js';
import {
  FieldDecryptionError,
  findCustomersByBankAccountNumber,
  findCustomersByIdNumber,
  findCustomersByPhone,
  localMasterKeyProvider,
  openPersonalDataVault,
  type PersonalDataVault,
} from '../../src/security/field-encryption/index.js';
import { openPersonalData } from '../../src/security/personal-data.js';
import {
  addBankAccount,
  addCustomer,
  createTenant,
  openTestVault,
  type TestDatabase,
  type TestTenant,
} from './vault-harness.js';

// Goal: personal data written through the custody code is stored encrypted, reads back
// through the queries, is found by blind index, and refuses to decrypt once moved or altered.

let db: TestDatabase;
let vault: PersonalDataVault;
let tenant: TestTenant;
const masterKey = randomBytes(32);

beforeAll(async () => {
  ({ db, vault } = await openTestVault(localMasterKeyProvider(masterKey)));
  tenant = await createTenant(db);
});
afterAll(async () => {
  vault.close();
  await db.close();
});

async function storedRow(table: string, id: string): Promise<Record<string, unknown>> {
  const rows = await db.query(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  return rows[0] as Record<string, unknown>;
}

describe('personal data at rest', () => {
  it('stores each field as an enc:v1 ciphertext with blind indexes, and reads it back', async () => {
    const customerId = await addCustomer(db, tenant, {
      name: '李小龙',
      idNumber: '44030419701127001x',
      phone: '139 0000 1111',
      email: 'bruce@example.cn',
    });
    const row = await storedRow('customers', customerId);
    const sealed = row.personal_data as { v: number; k: number; fields: Record<string, string> };
    expect(sealed.v).toBe(1);
    expect(row.personal_data_key_version).toBe(sealed.k);
    expect(Object.keys(sealed.fields).sort()).toEqual(['email', 'idNumber', 'name', 'phone']);
    for (const value of Object.values(sealed.fields)) expect(value).toMatch(/^enc:v1:\d+:/);
    expect(row.id_number_index).toEqual(expect.any(Number));
    expect(row.phone_index).toEqual(expect.any(Number));
    const found = await getCustomer(db, tenant.platformId, customerId);
    expect(found?.customer.displayName).toBe('李*龙');
    const context = { vault, db, platformId: tenant.platformId, table: 'customers' as const };
    const opened = await openPersonalData(row.personal_data, { ...context, recordId: customerId });
    expect(opened).toEqual({
      name: '李小龙',
      idNumber: '44030419701127001x',
      phone: '139 0000 1111',
      email: 'bruce@example.cn',
    });
    const listed = await listCustomers(db, tenant.platformId, {});
    expect(listed.items.map((c) => c.id)).toContain(customerId);
  });

  it('finds customers by ID number, phone and bank account, in any usual spelling', async () => {
    const alice = await addCustomer(db, tenant, {
      name: 'Alice Wang',
      idNumber: '110101199003070017',
      phone: '+86 138 0013 8000',
    });
    const bob = await addCustomer(db, tenant, { name: 'Bob Li', phone: '13800138001' });
    await addBankAccount(db, tenant, bob, {
      accountNumber: '6222 0202 0000 1234 567',
      bankName: 'Test Bank',
      holderName: 'Bob Li',
    });
    const other = await createTenant(db, 'Other Platform');
    await addCustomer(db, other, { name: 'Alice elsewhere', idNumber: '110101199003070017' });

    const byId = (v: string) => findCustomersByIdNumber(db, vault, tenant.platformId, v);
    expect(await byId('110101 19900307 0017')).toEqual([alice]);
    expect(await byId('110101199003070018')).toEqual([]);
    const byPhone = (v: string) => findCustomersByPhone(db, vault, tenant.platformId, v);
    expect(await byPhone('13800138000')).toEqual([alice]);
    expect(await byPhone('0086-138-0013-8001')).toEqual([bob]);
    const byAccount = (v: string) =>
      findCustomersByBankAccountNumber(db, vault, tenant.platformId, v);
    expect(await byAccount('6222020200001234567')).toEqual([bob]);
    expect(await byAccount('6222020200001234568')).toEqual([]);
    expect(await byPhone('not a phone')).toEqual([]);
  });

  it('drops index coincidences by decrypting and comparing', async () => {
    // Make two customers share an index value: copy one row's index onto another's sealed
    // data, as a truncated HMAC does by chance for about R / 2^16 rows.
    const kept = await addCustomer(db, tenant, { name: 'Kept', idNumber: 'A1234567' });
    const twin = await addCustomer(db, tenant, { name: 'Twin', idNumber: 'B7654321' });
    const keptRow = await storedRow('customers', kept);
    await db.query(
      `UPDATE customers SET personal_data = jsonb_set(personal_data, '{idx,idNumber}', $2::jsonb)
       WHERE id = $1`,
      [twin, JSON.stringify(keptRow.id_number_index)],
    );
    const twinRow = await storedRow('customers', twin);
    expect(twinRow.id_number_index).toBe(keptRow.id_number_index);
    expect(await findCustomersByIdNumber(db, vault, tenant.platformId, 'a1234567')).toEqual([kept]);
  });

  it('refuses a ciphertext moved to another record or field, or altered (AAD mismatch)', async () => {
    const a = await addCustomer(db, tenant, { name: 'Moved From', idNumber: 'M0000001' });
    const b = await addCustomer(db, tenant, { name: 'Moved To', idNumber: 'M0000002' });
    // Another record: b's name replaced by a's name ciphertext.
    await db.query(
      `UPDATE customers SET personal_data = jsonb_set(personal_data, '{fields,name}',
         (SELECT personal_data -> 'fields' -> 'name' FROM customers WHERE id = $1))
       WHERE id = $2`,
      [a, b],
    );
    await expect(getCustomer(db, tenant.platformId, b)).rejects.toThrow(FieldDecryptionError);
    await expect(getCustomer(db, tenant.platformId, b)).rejects.toThrow(
      `customers.name of ${b}: authentication failed`,
    );
    // Another field of the same record: a's idNumber ciphertext put in its name.
    await db.query(
      `UPDATE customers SET personal_data = jsonb_set(personal_data, '{fields,name}',
         personal_data -> 'fields' -> 'idNumber') WHERE id = $1`,
      [a],
    );
    await expect(getCustomer(db, tenant.platformId, a)).rejects.toThrow(FieldDecryptionError);
    // One character of the payload changed.
    const c = await addCustomer(db, tenant, { name: 'Altered' });
    const row = await storedRow('customers', c);
    const name = (row.personal_data as { fields: { name: string } }).fields.name;
    const last = name.at(-2) === 'A' ? 'B' : 'A';
    const altered = `${name.slice(0, -2)}${last}${name.at(-1)}`;
    await db.query(
      `UPDATE customers SET personal_data = jsonb_set(personal_data, '{fields,name}', $2::jsonb)
       WHERE id = $1`,
      [c, JSON.stringify(altered)],
    );
    await expect(getCustomer(db, tenant.platformId, c)).rejects.toThrow(FieldDecryptionError);
  });

  it('refuses a bank account ciphertext moved to another platform', async () => {
    const other = await createTenant(db, 'Third Platform');
    const owner = await addCustomer(db, tenant, { name: 'Owner' });
    const account = await addBankAccount(db, tenant, owner, {
      accountNumber: '6222000011112222',
      bankName: 'Bank',
      holderName: 'Owner',
    });
    const otherOwner = await addCustomer(db, other, { name: 'Other owner' });
    await db.query(
      `UPDATE customer_bank_accounts SET platform_id = $2, customer_id = $3 WHERE id = $1`,
      [account, other.platformId, otherOwner],
    );
    await expect(getCustomer(db, other.platformId, otherOwner)).rejects.toThrow(
      FieldDecryptionError,
    );
  });

  it('reads rows written in clear before encryption (version 0)', async () => {
    const customerId = await addCustomer(db, tenant, { name: 'Placeholder' });
    await db.query(`UPDATE customers SET personal_data = $2::jsonb WHERE id = $1`, [
      customerId,
      JSON.stringify({ v: 0, fields: { name: 'Old Row', phone: '13700000000' } }),
    ]);
    const row = await storedRow('customers', customerId);
    expect(row.personal_data_key_version).toBeNull();
    const found = await getCustomer(db, tenant.platformId, customerId);
    expect(found?.customer.displayName).toBe('Ol***ow');
  });

  it('refuses to open with a master key that does not unwrap the stored keys', async () => {
    await expect(
      openPersonalDataVault(db, localMasterKeyProvider(randomBytes(32))),
    ).rejects.toThrow(/not configured/);
    vault.close();
    vault = await openPersonalDataVault(db, localMasterKeyProvider(masterKey));
    const customerId = await addCustomer(db, tenant, { name: 'After Reopen' });
    const found = await getCustomer(db, tenant.platformId, customerId);
    expect(found?.customer.displayName).toBe('Af********en');
  });
});
