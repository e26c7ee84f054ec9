import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCustomer } from '../../src/custody/index.js';
import {
  findCustomersByIdNumber,
  localMasterKeyProvider,
  openPersonalDataVault,
  rotateDataKeys,
  type PersonalDataVault,
  type RotationProgress,
} from '../../src/security/field-encryption/index.js';
import { openPersonalData, type PersonalData } from '../../src/security/personal-data.js';
import { reencryptBatch } from '../../src/security/field-encryption/reencrypt-batch.js';
import {
  retireVersionsBelow,
  rowsBelowVersion,
  startRotation,
} from '../../src/security/field-encryption/rotation-steps.js';
import {
  addBankAccount,
  addCustomer,
  createTenant,
  openTestVault,
  type TestDatabase,
  type TestTenant,
} from './vault-harness.js';

// Goal: rotation runs while customers are written and read, and afterwards every row
// decrypts to exactly what was written, all under the new version, the old versions retired.
// Method: seed rows (some in clear, version 0), then run writers and readers in a loop for
// as long as the rotation runs, in small batches so the two interleave; check everything.

interface Written {
  table: 'customers' | 'customer_bank_accounts';
  platformId: string;
  data: PersonalData;
}

let db: TestDatabase;
let vault: PersonalDataVault;
let tenant: TestTenant;
let second: TestTenant;
const masterKey = randomBytes(32);
const written = new Map<string, Written>();
let serial = 0;

function person(): PersonalData {
  serial += 1;
  const n = String(serial).padStart(6, '0');
  return {
    name: `客户${n}`,
    idNumber: `31010119800101${n.slice(-4)}`,
    phone: `1390${n}0`,
    email: `c${n}@example.cn`,
    address: `上海市 ${n} 号`,
  };
}

async function writeCustomer(target: TestTenant): Promise<string> {
  const data = person();
  const id = await addCustomer(db, target, data);
  written.set(id, { table: 'customers', platformId: target.platformId, data });
  if (serial % 3 === 0) {
    const account: PersonalData = {
      accountNumber: `622202${String(serial).padStart(13, '0')}`,
      bankName: 'Rotation Bank',
      holderName: data.name as string,
    };
    const accountId = await addBankAccount(db, target, id, account);
    written.set(accountId, {
      table: 'customer_bank_accounts',
      platformId: target.platformId,
      data: account,
    });
  }
  return id;
}

async function readBack(id: string): Promise<PersonalData> {
  const entry = written.get(id) as Written;
  const rows = await db.query<{ personal_data: unknown }>(
    `SELECT personal_data FROM ${entry.table} WHERE id = $1`,
    [id],
  );
  return openPersonalData(rows[0]?.personal_data, {
    vault,
    db,
    platformId: entry.platformId,
    table: entry.table,
    recordId: id,
  });
}

async function expectAllReadBack(): Promise<void> {
  for (const [id, entry] of written) expect(await readBack(id)).toEqual(entry.data);
}

async function versionsInUse(platformId: string): Promise<(number | null)[]> {
  const rows = await db.query<{ v: number | null }>(
    `SELECT DISTINCT personal_data_key_version AS v FROM (
       SELECT personal_data_key_version FROM customers WHERE platform_id = $1
       UNION ALL
       SELECT personal_data_key_version FROM customer_bank_accounts WHERE platform_id = $1) r`,
    [platformId],
  );
  return rows.map((row) => row.v);
}

beforeAll(async () => {
  ({ db, vault } = await openTestVault(localMasterKeyProvider(masterKey)));
  tenant = await createTenant(db);
  second = await createTenant(db, 'Second Platform');
  for (let n = 0; n < 60; n += 1) await writeCustomer(n % 4 === 0 ? second : tenant);
  // Ten rows as they were before encryption existed: fields in clear, no key version.
  const clear = [...written].filter(([, e]) => e.table === 'customers').slice(0, 10);
  for (const [id, entry] of clear) {
    await db.query('UPDATE customers SET personal_data = $2::jsonb WHERE id = $1', [
      id,
      JSON.stringify({ v: 0, fields: entry.data }),
    ]);
  }
});
afterAll(async () => {
  vault.close();
  await db.close();
});

describe('data key rotation', () => {
  it('re-encrypts everything while writers and readers keep going', async () => {
    expect(await versionsInUse(tenant.platformId)).toEqual(expect.arrayContaining([1, null]));
    let rotating = true;
    let operations = 0;
    const operationsAtProgress: number[] = [];
    const ids = () => [...written.keys()].filter((id) => written.get(id)?.table === 'customers');
    const traffic = (async () => {
      while (rotating) {
        const id = await writeCustomer(operations % 2 === 0 ? tenant : second);
        expect(await readBack(id)).toEqual(written.get(id)?.data);
        const all = ids();
        const some = all[(operations * 7919) % all.length] as string;
        expect(await readBack(some)).toEqual(written.get(some)?.data);
        const entry = written.get(some) as Written;
        const view = await getCustomer(db, entry.platformId, some);
        expect(view?.customer.id).toBe(some);
        operations += 1;
      }
    })();
    const progress: RotationProgress[] = [];
    const results = await rotateDataKeys(db, vault, {
      batchSize: 4,
      actor: 'test:rotation',
      onProgress: (p) => {
        progress.push(p);
        operationsAtProgress.push(operations);
      },
    }).finally(() => {
      rotating = false;
    });
    await traffic;

    // The two really interleaved: traffic made progress while batches were running.
    expect(operationsAtProgress.at(-1)).toBeGreaterThan(operationsAtProgress[0] as number);
    expect(progress.length).toBeGreaterThan(5);
    const mine = results.find((r) => r.platformId === tenant.platformId);
    expect(mine).toMatchObject({ newVersion: 2, previousVersions: [1], retiredVersions: [1] });
    expect(mine?.rowsLeft).toBe(0);
    expect(mine?.rowsReencrypted).toBeGreaterThanOrEqual(50);
    for (const platform of [tenant, second])
      expect(await versionsInUse(platform.platformId)).toEqual([2]);
    await expectAllReadBack();

    const keys = await db.query<{
      platform_id: string;
      version: number;
      status: string;
      wrapped: boolean;
    }>(
      `SELECT platform_id, version, status, wrapped_key IS NOT NULL AS wrapped FROM data_keys
       WHERE platform_id = $1 ORDER BY version`,
      [tenant.platformId],
    );
    expect(keys.map((k) => [k.version, k.status, k.wrapped])).toEqual([
      [1, 'retired', false],
      [2, 'active', true],
    ]);
    const events = await db.query<{ kind: string; actor: string; detail: { newVersion: number } }>(
      `SELECT kind, actor, detail FROM security_events WHERE platform_id = $1`,
      [tenant.platformId],
    );
    expect(events).toEqual([
      expect.objectContaining({ kind: 'key_rotation', actor: 'test:rotation' }),
    ]);
    expect(events[0]?.detail.newVersion).toBe(2);
    const audits = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_records
       WHERE action = 'data_key.rotated' AND platform_id = $1`,
      [tenant.platformId],
    );
    expect(audits[0]?.n).toBe(1);
    // Rows that were in clear are now indexed and found.
    const clearOne = [...written.values()].find((e) => e.table === 'customers');
    const idNumber = clearOne?.data.idNumber as string;
    const found = await findCustomersByIdNumber(
      db,
      vault,
      clearOne?.platformId as string,
      idNumber,
    );
    expect(found).toHaveLength(1);
  });

  it('moves every key to a new master key, after which the old one is no longer needed', async () => {
    const newMaster = randomBytes(32);
    const both = localMasterKeyProvider(newMaster, [masterKey]);
    const rotating = await openPersonalDataVault(db, both);
    const results = await rotateDataKeys(db, rotating, { actor: 'test:master', batchSize: 50 });
    rotating.close();
    for (const result of results) {
      expect(result.rowsLeft).toBe(0);
      expect(result.retiredVersions).toEqual([2]);
      // The decrypt_only version 2 was retired, the index root key rewrapped.
      expect(result.rewrappedKeys).toBeGreaterThanOrEqual(1);
    }
    const stale = await db.query(
      `SELECT 1 FROM data_keys WHERE status <> 'retired' AND master_key_id <> $1
       UNION ALL SELECT 1 FROM blind_index_keys WHERE master_key_id <> $1`,
      [both.id],
    );
    expect(stale).toHaveLength(0);
    vault.close();
    vault = await openPersonalDataVault(db, localMasterKeyProvider(newMaster));
    await expectAllReadBack();
    await expect(openPersonalDataVault(db, localMasterKeyProvider(masterKey))).rejects.toThrow(
      /not configured/,
    );
  });

  it('retires nothing while a row is still under an old version', async () => {
    // The steps one by one: after the switch, rows under the old version keep it alive;
    // one re-encrypted batch at a time, it is retired only when the last row has moved.
    const platformId = second.platformId;
    const start = await db.transaction((tx) => startRotation(tx, vault, platformId));
    const below = await rowsBelowVersion(db, platformId, start.newVersion);
    expect(below).toBeGreaterThan(2);
    expect(
      await db.transaction((tx) => retireVersionsBelow(tx, vault, platformId, start.newVersion)),
    ).toEqual([]);
    const table = 'customers';
    await reencryptBatch(db, vault, platformId, table, start.newVersion, 1);
    expect(await rowsBelowVersion(db, platformId, start.newVersion)).toBe(below - 1);
    expect(
      await db.transaction((tx) => retireVersionsBelow(tx, vault, platformId, start.newVersion)),
    ).toEqual([]);
    for (const name of ['customers', 'customer_bank_accounts'] as const)
      while ((await reencryptBatch(db, vault, platformId, name, start.newVersion, 2)) > 0);
    expect(
      await db.transaction((tx) => retireVersionsBelow(tx, vault, platformId, start.newVersion)),
    ).toEqual(start.previousVersions);
    await expectAllReadBack();
  });
});
