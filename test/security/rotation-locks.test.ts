import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonalDataVault } from '../../src/security/field-encryption/index.js';
import { rotateDataKeys } from '../../src/security/field-encryption/index.js';
import { openPersonalData, sealPersonalData } from '../../src/security/personal-data.js';
import { newId } from '../../src/store/index.js';
import { TEST_BACKEND } from '../support/test-database.js';
import {
  addCustomer,
  createTenant,
  openTestVault,
  type TestDatabase,
  type TestTenant,
} from './vault-harness.js';

// Goal: the locks that make rotation safe beside writers, with real concurrent transactions
// (PostgreSQL only: a PGlite pool has one connection, so two transactions never overlap).
// 1. A writer holding the active version delays the switch until it commits, and its row
//    (written under the old version) is re-encrypted anyway.
// 2. A row a writer keeps locked is skipped, not overwritten, and picked up once released.

let db: TestDatabase;
let vault: PersonalDataVault;
let tenant: TestTenant;

beforeAll(async () => {
  ({ db, vault } = await openTestVault());
  tenant = await createTenant(db);
  for (let n = 0; n < 20; n += 1) await addCustomer(db, tenant, { name: `Lock ${n}` });
});
afterAll(async () => {
  vault.close();
  await db.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function activeVersion(): Promise<number | undefined> {
  const rows = await db.query<{ version: number }>(
    `SELECT version FROM data_keys WHERE platform_id = $1 AND status = 'active'`,
    [tenant.platformId],
  );
  return rows[0]?.version;
}

describe.runIf(TEST_BACKEND === 'postgres')('rotation beside concurrent writers', () => {
  it('waits for a writer of the old version, then re-encrypts its row', async () => {
    const before = await activeVersion();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const customerId = newId('cus');
    const writer = db.transaction(async (tx) => {
      const sealed = await sealPersonalData(
        { name: 'Slow Writer' },
        { vault, db: tx, platformId: tenant.platformId, table: 'customers', recordId: customerId },
      );
      expect(sealed.k).toBe(before);
      await held;
      await tx.query(
        `INSERT INTO customers (id, platform_id, kind, external_ref, personal_data)
         VALUES ($1, $2, 'person', $3, $4)`,
        [customerId, tenant.platformId, customerId, JSON.stringify(sealed)],
      );
    });
    await sleep(100);
    const rotation = rotateDataKeys(db, vault, { platformId: tenant.platformId, actor: 't' });
    await sleep(300);
    expect(await activeVersion()).toBe(before);
    release();
    await writer;
    const [result] = await rotation;
    expect(result?.rowsLeft).toBe(0);
    expect(result?.retiredVersions).toEqual([before]);
    const rows = await db.query<{ personal_data: unknown; personal_data_key_version: number }>(
      'SELECT personal_data, personal_data_key_version FROM customers WHERE id = $1',
      [customerId],
    );
    expect(rows[0]?.personal_data_key_version).toBe(result?.newVersion);
    const context = { vault, db, platformId: tenant.platformId, table: 'customers' as const };
    expect(
      await openPersonalData(rows[0]?.personal_data, { ...context, recordId: customerId }),
    ).toEqual({
      name: 'Slow Writer',
    });
  });

  it('skips a row a writer holds, and re-encrypts it once released', async () => {
    const rows = await db.query<{ id: string }>(
      'SELECT id FROM customers WHERE platform_id = $1 ORDER BY id LIMIT 1',
      [tenant.platformId],
    );
    const lockedId = rows[0]?.id as string;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM customers WHERE id = $1 FOR UPDATE', [lockedId]);
      locked();
      await held;
    });
    await isLocked;
    const progress: number[] = [];
    const rotation = rotateDataKeys(db, vault, {
      platformId: tenant.platformId,
      actor: 't',
      batchSize: 5,
      onProgress: (p) => progress.push(p.rowsDone),
    });
    // Everything but the held row moves while it is held.
    for (let waited = 0; waited < 50 && progress.at(-1) !== 20; waited += 1) await sleep(50);
    expect(progress.at(-1)).toBe(20);
    release();
    await holder;
    const [result] = await rotation;
    expect(result?.rowsReencrypted).toBe(21);
    expect(result?.rowsLeft).toBe(0);
    expect(result?.retiredVersions.length).toBe(1);
  });
});
