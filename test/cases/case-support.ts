import { randomBytes, randomUUID } from 'node:crypto';
import type { AlertInput } from '../../src/cases/index.js';
import {
  localMasterKeyProvider,
  openPersonalDataVault,
} from '../../src/security/field-encryption/index.js';
import { createPrincipalWithKey, type Principal } from '../../src/security/index.js';
import type { Database } from '../../src/store/index.js';

/** A signed-in member of staff with a role, activated (as a second admin would have done). */
export async function createStaff(
  db: Database,
  role: string,
  name = `${role}-${randomUUID().slice(0, 8)}`,
): Promise<{ principal: Principal; apiKey: string }> {
  return db.transaction(async (tx) => {
    const created = await createPrincipalWithKey(tx, {
      kind: 'staff',
      platformId: null,
      role,
      name,
    });
    await tx.query('UPDATE principals SET activated_at = now() WHERE id = $1', [
      created.principal.id,
    ]);
    return created;
  });
}

let sequence = 0;

/** An alert as monitoring sends it; override what the test is about. */
export function testAlert(platformId: string, overrides: Partial<AlertInput> = {}): AlertInput {
  sequence += 1;
  return {
    alertKey: `rule-7:${sequence}:${randomUUID()}`,
    platformId,
    source: 'rule',
    ruleId: 'rule-7',
    ruleVersion: 3,
    severity: 'medium',
    customerId: null,
    score: 0.82,
    atMs: Date.now(),
    explanation: {
      summary: 'inflow 120,000.00 CNY within 24 h, 96 % sent out again',
      values: { inflowMinor: 12_000_000n, outflowShareBasisPoints: 9_600 },
      thresholds: { inflowMinor: 5_000_000n, outflowShareBasisPoints: 8_000 },
      eventIds: ['ins_1', 'ins_2'],
    },
    ...overrides,
  };
}

export async function countRows(
  db: Database,
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
    params,
  );
  return rows[0]?.n ?? 0;
}

/** Binds a personal data vault with a throwaway master key, as the runtime does at start. */
export async function bindTestVault(db: Database): Promise<void> {
  await openPersonalDataVault(db, localMasterKeyProvider(randomBytes(32)));
}
