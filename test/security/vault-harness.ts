import { randomBytes } from 'node:crypto';
import {
  registerBankAccount,
  registerCustomer,
  type CustomerInput,
} from '../../src/custody/index.js';
import {
  localMasterKeyProvider,
  openPersonalDataVault,
  type MasterKeyProvider,
  type PersonalDataVault,
} from '../../src/security/field-encryption/index.js';
import type { PersonalData, Principal } from '../../src/security/index.js';
import { newId, type Database } from '../../src/store/index.js';
import { createTestDatabase } from '../support/test-database.js';

export type TestDatabase = Database & { location: string };

/** A platform row and a principal acting for it, without the rest of the platform setup. */
export interface TestTenant {
  platformId: string;
  actor: Principal;
}

export async function openTestVault(
  provider: MasterKeyProvider = localMasterKeyProvider(randomBytes(32)),
): Promise<{ db: TestDatabase; vault: PersonalDataVault }> {
  const db = await createTestDatabase();
  const vault = await openPersonalDataVault(db, provider);
  return { db, vault };
}

export async function createTenant(
  db: Database,
  name = 'Security Test Platform',
): Promise<TestTenant> {
  const platformId = newId('plt');
  await db.query('INSERT INTO platforms (id, name) VALUES ($1, $2)', [platformId, name]);
  const actor: Principal = {
    id: newId('cli'),
    kind: 'platform',
    platformId,
    role: 'platform',
    name: `${name} API`,
  };
  return { platformId, actor };
}

export async function addCustomer(
  db: Database,
  tenant: TestTenant,
  personalData: PersonalData,
  kind: CustomerInput['kind'] = 'person',
): Promise<string> {
  const created = await registerCustomer(db, tenant.actor, tenant.platformId, {
    kind,
    externalRef: `ref-${randomBytes(6).toString('hex')}`,
    personalData,
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.customerId;
}

export async function addBankAccount(
  db: Database,
  tenant: TestTenant,
  customerId: string,
  personalData: PersonalData,
): Promise<string> {
  const created = await registerBankAccount(
    db,
    tenant.actor,
    tenant.platformId,
    customerId,
    'CNY',
    personalData,
  );
  if (!created.ok) throw new Error(created.error.message);
  return created.value.bankAccountId;
}
