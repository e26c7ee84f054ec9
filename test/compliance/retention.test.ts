import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endRelationship,
  EndRelationshipRefused,
  getRetentionPolicy,
  RetentionPolicyRefused,
  runControls,
  runRetention,
  setRetentionPolicy,
} from '../../src/compliance/index.js';
import { findDueCustomers } from '../../src/compliance/retention/retention-run.js';
import { getRetentionRun, listRetentionRuns } from '../../src/compliance/index.js';
import { getCustomer } from '../../src/custody/index.js';
import { RISK_ATTRIBUTES_DEFAULT, saveRiskAttributes } from '../../src/customer-risk/index.js';
import type { TestBooks } from '../support/books.js';
import {
  addPlatform,
  createComplianceDatabase,
  DAY_MS,
  type TestDatabase,
} from './compliance-harness.js';
import { seedEndedRelationship } from './compliance-seed.js';

let db: TestDatabase;
let books: TestBooks;
const YEAR_MS = 366 * DAY_MS;

beforeAll(async () => {
  db = await createComplianceDatabase();
  books = await addPlatform(db, 5);
}, 60_000);
afterAll(async () => {
  await db.close();
});

async function snapshot(): Promise<string> {
  const rows = await db.query<{ t: string }>(
    `SELECT (SELECT json_agg(c ORDER BY c.id) FROM customers c)::text
       || (SELECT json_agg(b ORDER BY b.id) FROM customer_bank_accounts b)::text
       || (SELECT count(*) FROM audit_records)::text AS t`,
  );
  return rows[0]?.t ?? '';
}

const customer = (index: number) => {
  const found = books.customers[index];
  if (found === undefined) throw new Error('setup');
  return found;
};

describe('retention', () => {
  it('uses the longest statutory period, keeps the home jurisdiction, refuses a shorter override', async () => {
    expect((await getRetentionPolicy(db, books.platformId)).retentionYears).toBe(10);
    // Five-year jurisdictions alone would halve the period: CN cannot be left out.
    await expect(
      db.transaction((tx) =>
        setRetentionPolicy(tx, 'test', books.platformId, {
          jurisdictions: ['US', 'EU'],
          retentionYearsOverride: null,
        }),
      ),
    ).rejects.toThrow(/home jurisdiction/);
    const set = await db.transaction((tx) =>
      setRetentionPolicy(tx, 'test', books.platformId, {
        jurisdictions: ['CN', 'US', 'EU'],
        retentionYearsOverride: 12,
      }),
    );
    expect(set).toMatchObject({ retentionYears: 12, statutoryMinimumYears: 10, configured: true });
    await expect(
      db.transaction((tx) =>
        setRetentionPolicy(tx, 'test', books.platformId, {
          jurisdictions: ['CN', 'US'],
          retentionYearsOverride: 6,
        }),
      ),
    ).rejects.toThrow(RetentionPolicyRefused);
    expect((await getRetentionPolicy(db, books.platformId)).retentionYears).toBe(12);
    // A row stored without the home jurisdiction (written before it was enforced) still gets it.
    await db.query(
      `UPDATE retention_policies SET jurisdictions = ARRAY['US'], retention_years_override = NULL
       WHERE platform_id = $1`,
      [books.platformId],
    );
    expect(await getRetentionPolicy(db, books.platformId)).toMatchObject({
      jurisdictions: ['CN', 'US'],
      retentionYears: 10,
    });
    await db.transaction((tx) =>
      setRetentionPolicy(tx, 'test', books.platformId, {
        jurisdictions: ['CN', 'US'],
        retentionYearsOverride: null,
      }),
    );
    expect((await getRetentionPolicy(db, books.platformId)).retentionYears).toBe(10);
  });

  it('ends a relationship only when no money is held, and audits it', async () => {
    await db.query(`UPDATE accounts SET credits_posted = 500 WHERE id = $1`, [
      customer(4).accountId,
    ]);
    const refused = db.transaction((tx) =>
      endRelationship(tx, 'test', books.platformId, customer(4).customerId, {
        endedAtMs: Date.now(),
        reason: 'account closed by customer',
      }),
    );
    await expect(refused).rejects.toMatchObject({ reason: 'money_held' });
    await expect(
      db.transaction((tx) =>
        endRelationship(tx, 'test', books.platformId, customer(3).customerId, {
          endedAtMs: Date.now() + DAY_MS,
          reason: 'x',
        }),
      ),
    ).rejects.toBeInstanceOf(EndRelationshipRefused);
    const ended = await db.transaction((tx) =>
      endRelationship(tx, 'test', books.platformId, customer(3).customerId, {
        endedAtMs: Date.now(),
        reason: 'account closed by customer',
      }),
    );
    expect(ended.customerId).toBe(customer(3).customerId);
    const audit = await db.query(
      "SELECT 1 FROM audit_records WHERE action = 'customer.relationship_ended' AND subject_id = $1",
      [customer(3).customerId],
    );
    expect(audit).toHaveLength(1);
  });

  it('dry run lists exactly the due customers and changes nothing; execute anonymizes them', async () => {
    const nowMs = Date.now();
    // Due: ended 11 years ago. Not due: ended 9 years ago; ended 11 years ago but a
    // transaction 5 years ago keeps its records (the later clock decides).
    await seedEndedRelationship(db, customer(0).customerId, nowMs - 11 * YEAR_MS);
    await seedEndedRelationship(db, customer(1).customerId, nowMs - 9 * YEAR_MS);
    await seedEndedRelationship(db, customer(2).customerId, nowMs - 11 * YEAR_MS);
    await db.query(
      `INSERT INTO transfers (platform_id, instruction_id, phase, debit_account_id, credit_account_id, amount_minor, currency, created_at)
       SELECT $1, 'ins_test', 'single', a.id, $2, 1, 'CNY', $3 FROM accounts a WHERE a.id = $4`,
      [
        books.platformId,
        customer(4).accountId,
        new Date(nowMs - 5 * YEAR_MS).toISOString(),
        customer(2).accountId,
      ],
    );
    for (const index of [0, 1])
      await db.transaction((tx) =>
        saveRiskAttributes(tx, 'test', books.platformId, customer(index).customerId, {
          ...RISK_ATTRIBUTES_DEFAULT,
          declaredMonthlyCny: '30000',
        }),
      );
    const before = await snapshot();
    const dry = await runRetention(db, 'test', books.platformId, { dryRun: true, nowMs });
    expect(dry.customers.map((c) => c.customerId)).toEqual([customer(0).customerId]);
    expect(await snapshot()).toBe(before);
    const pending = await runControls(db, {
      platformId: books.platformId,
      codes: ['CTL-RETENTION'],
      trigger: 'manual',
      actor: 'test',
      nowMs,
    });
    expect(pending[0]?.outcome).toBe('fail');

    const done = await runRetention(db, 'test', books.platformId, { dryRun: false, nowMs });
    expect(done.customers.map((c) => c.customerId)).toEqual([customer(0).customerId]);
    const rows = await db.query<{
      id: string;
      personal_data: { fields: object };
      anonymized_at: Date | null;
      external_ref: string;
    }>(
      'SELECT id, personal_data, anonymized_at, external_ref FROM customers WHERE platform_id = $1 ORDER BY id',
      [books.platformId],
    );
    const anonymized = rows.filter((r) => r.anonymized_at !== null).map((r) => r.id);
    expect(anonymized).toEqual([customer(0).customerId]);
    const gone = rows.find((r) => r.id === customer(0).customerId);
    expect(gone?.personal_data.fields).toEqual({});
    expect(gone?.external_ref).toBe(`anonymized:${customer(0).customerId}`);
    expect(
      Object.keys(rows.find((r) => r.id === customer(1).customerId)?.personal_data.fields ?? {}),
    ).toContain('name');
    // The declared income goes with the personal data; the customer not due keeps theirs.
    const declared = await db.query<{ customer_id: string; minor: string | null }>(
      `SELECT customer_id, declared_monthly_cny_minor::text AS minor
       FROM customer_risk_attributes WHERE platform_id = $1 ORDER BY customer_id`,
      [books.platformId],
    );
    expect(new Map(declared.map((row) => [row.customer_id, row.minor]))).toEqual(
      new Map([
        [customer(0).customerId, null],
        [customer(1).customerId, '3000000'],
      ]),
    );
    const view = await getCustomer(db, books.platformId, customer(0).customerId);
    expect(view).not.toBeNull();
    const audit = await db.query<{ subject_id: string }>(
      "SELECT subject_id FROM audit_records WHERE action = 'customer.anonymized' ORDER BY seq",
    );
    expect(audit.map((a) => a.subject_id)).toEqual([customer(0).customerId]);
    // The money records stay.
    const accounts = await db.query('SELECT 1 FROM accounts WHERE customer_id = $1', [
      customer(0).customerId,
    ]);
    expect(accounts).toHaveLength(1);
    const again = await runRetention(db, 'test', books.platformId, { dryRun: false, nowMs });
    expect(again.customers).toEqual([]);
    // The run that did something is recorded with what it did; the one that did nothing is not.
    const recorded = await getRetentionRun(db, books.platformId, String(done.runId));
    expect(recorded).toMatchObject({
      trigger: 'scheduled',
      actor: 'test',
      approvalId: null,
      retentionYears: 10,
      customersAnonymized: 1,
      reportFilesPurged: 0,
      customers: [{ customerId: customer(0).customerId, dueAt: done.customers[0]?.dueAt }],
      reportFiles: [],
    });
    expect(await getRetentionRun(db, books.platformId, String(again.runId))).toBeNull();
    expect(await getRetentionRun(db, 'plt_other', String(done.runId))).toBeNull();
    expect((await listRetentionRuns(db, books.platformId, 10)).map((run) => run.runId)).toEqual([
      done.runId,
    ]);
    // The record only grows: it cannot be rewritten or removed.
    await expect(
      db.query(`UPDATE retention_runs SET actor = 'someone else' WHERE id = $1`, [done.runId]),
    ).rejects.toThrow(/only grows/);
    await expect(
      db.query(`DELETE FROM retention_runs WHERE id = $1`, [done.runId]),
    ).rejects.toThrow(/only grows/);
    const handled = await runControls(db, {
      platformId: books.platformId,
      codes: ['CTL-RETENTION'],
      trigger: 'manual',
      actor: 'test',
      nowMs,
    });
    expect(handled[0]?.outcome).toBe('pass');
  });

  it('takes the earliest due first, so customers a day short of due never fill a batch', async () => {
    const own = await addPlatform(db, 3);
    const [early, due, payer] = own.customers;
    if (early === undefined || due === undefined || payer === undefined) throw new Error('setup');
    const nowMs = Date.now();
    const yearsBack = (years: number, plusMs: number) => {
      const at = new Date(nowMs);
      at.setUTCFullYear(at.getUTCFullYear() - years);
      return at.getTime() + plusMs;
    };
    // Ended first, but its last transaction is ten years less a day ago: due tomorrow, and
    // inside the two days the SQL lets through early.
    await seedEndedRelationship(db, early.customerId, yearsBack(11, 0));
    await db.query(
      `INSERT INTO transfers (platform_id, instruction_id, phase, debit_account_id, credit_account_id, amount_minor, currency, created_at)
       VALUES ($1, 'ins_late_tx', 'single', $2, $3, 1, 'CNY', $4)`,
      [
        own.platformId,
        payer.accountId,
        early.accountId,
        new Date(yearsBack(10, DAY_MS)).toISOString(),
      ],
    );
    // Ended later, no transaction: due two days ago.
    await seedEndedRelationship(db, due.customerId, yearsBack(10, -2 * DAY_MS));
    const one = await findDueCustomers(db, own.platformId, 10, nowMs, 1);
    expect(one.map((c) => c.customerId)).toEqual([due.customerId]);
    const dry = await runRetention(db, 'test', own.platformId, { dryRun: true, nowMs });
    expect(dry.customers.map((c) => c.customerId)).toEqual([due.customerId]);
    const tomorrow = await findDueCustomers(db, own.platformId, 10, nowMs + 2 * DAY_MS, 5);
    expect(tomorrow.map((c) => c.customerId)).toEqual([due.customerId, early.customerId]);
  });
});
