import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runControls, type ControlRunResult } from '../../src/compliance/index.js';
import { runDailyCompliance } from '../../src/compliance/daily-compliance.js';
import { Custody } from '../../src/custody/index.js';
import { cstDayOfMs, isoOfEpochDay, runLvtrBatch, setFxRate } from '../../src/reports/index.js';
import { newId, type Database, type Queryable } from '../../src/store/index.js';
import type { TestBooks } from '../support/books.js';
import {
  addPlatform,
  addStaff,
  createComplianceDatabase,
  DAY_MS,
  type TestDatabase,
} from './compliance-harness.js';

// Gaps a control could miss: a debit authorized by a kind it does not know, a passkey debit
// without its stored assertion, a large-value report never created, more violations than
// one page of rows, an anonymized customer whose blind indexes survived, and a retention
// failure that used to stop the daily controls.

let db: TestDatabase;
let custody: Custody;

beforeAll(async () => {
  db = await createComplianceDatabase();
  custody = new Custody(db);
  await db.transaction((tx) => setFxRate(tx, 'test', 'USD', null, 7_100_000n));
}, 60_000);
afterAll(async () => {
  await custody.close();
  await db.close();
});

// A second ahead: rows written this millisecond fall inside the window.
async function run(platformId: string, code: string, nowMs = Date.now() + 1_000) {
  const results = await runControls(db, {
    platformId,
    codes: [code],
    trigger: 'manual',
    actor: 'test',
    nowMs,
  });
  const result = results[0];
  if (result === undefined) throw new Error('no result');
  return result;
}

type TestEvidence = Record<string, unknown> & { outcome: string; sampleIds: string[] };
const testOf = (result: ControlRunResult, kind: string) =>
  (result.evidence.tests as Record<string, TestEvidence>)[kind];

/** A customer debit carrying `kind` as its authorization, written past the custody code. */
async function seedDebit(books: TestBooks, kind: string): Promise<string> {
  const [payer, payee] = books.customers;
  if (!payer || !payee) throw new Error('two customers needed');
  const id = newId('ins');
  await db.query(
    `INSERT INTO instructions (id, platform_id, idempotency_key, request_hash, type, status,
       debit_account_id, credit_account_id, amount_minor, currency, purpose, authorization_kind,
       submitted_by)
     VALUES ($1, $2, $3, $4, 'transfer', 'posted', $5, $6, 100, 'CNY', 'investment', $7, 'tamper')`,
    [id, books.platformId, randomUUID(), randomBytes(32), payer.accountId, payee.accountId, kind],
  );
  return id;
}

async function seedPasskeyAssertion(books: TestBooks, instructionId: string): Promise<void> {
  const payer = books.customers[0];
  if (!payer) throw new Error('setup');
  const credentialId = `cred-${randomBytes(12).toString('hex')}`;
  await db.query(
    `INSERT INTO passkey_credentials (id, platform_id, customer_id, principal_id, public_key,
       device_type, backed_up)
     VALUES ($1, $2, $3, $4, $5, 'multiDevice', true)`,
    [credentialId, books.platformId, payer.customerId, await addStaff(db), randomBytes(77)],
  );
  await db.query(
    `INSERT INTO passkey_authorizations (instruction_id, platform_id, customer_id, credential_id,
       nonce, expires_at, challenge, authenticator_data, client_data_json, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      instructionId,
      books.platformId,
      payer.customerId,
      credentialId,
      randomUUID(),
      new Date(Date.now() + 600_000).toISOString(),
      randomBytes(32),
      randomBytes(37),
      Buffer.from('{}'),
      randomBytes(70),
    ],
  );
}

describe('debit authorization allow-list', () => {
  // A real assertion passing is tested with the portal (test/portal/passkey-control.test.ts).
  it('fails a passkey debit whose stored assertion does not verify, and one without any', async () => {
    const books = await addPlatform(db, 2);
    const forged = await seedDebit(books, 'passkey');
    await seedPasskeyAssertion(books, forged);
    const first = await run(books.platformId, 'CTL-AUTH-DEBIT');
    expect(first.outcome).toBe('fail');
    expect(testOf(first, 'customer_debit_authorized')).toMatchObject({
      missingOrForeignAuthorization: 0,
      passkeyAssertionsInvalid: 1,
      sampleIds: [forged],
    });
    const bare = await seedDebit(books, 'passkey');
    const result = await run(books.platformId, 'CTL-AUTH-DEBIT');
    expect(result.outcome).toBe('fail');
    expect(testOf(result, 'customer_debit_authorized')).toMatchObject({
      missingOrForeignAuthorization: 1,
      passkeyAssertionsInvalid: 1,
    });
    expect(testOf(result, 'customer_debit_authorized')?.sampleIds).toContain(bare);
  });

  it('fails a debit whose authorization kind it does not know', async () => {
    const books = await addPlatform(db, 2);
    // A later migration widening the kinds must not let its debits pass unchecked.
    await db.query(
      'ALTER TABLE instructions DROP CONSTRAINT IF EXISTS instructions_authorization_kind_check',
    );
    const odd = await seedDebit(books, 'biometric');
    const result = await run(books.platformId, 'CTL-AUTH-DEBIT');
    expect(result.outcome).toBe('fail');
    expect(testOf(result, 'customer_debit_authorized')?.sampleIds).toEqual([odd]);
  });
});

describe('large-value reports never created', () => {
  it('fails a day with a qualifying deposit and no report once its deadline has passed', async () => {
    const books = await addPlatform(db, 1);
    const payee = books.customers[0];
    if (!payee) throw new Error('setup');
    const deposit = await custody.submit(books.platform, books.platformId, {
      type: 'deposit',
      idempotencyKey: randomUUID(),
      currency: 'CNY',
      amountMinor: 50_000_000n, // CNY 500,000: a natural person's domestic threshold
      purpose: 'top_up',
      payeeAccountId: payee.accountId,
    });
    expect(deposit.ok).toBe(true);
    const day = isoOfEpochDay(cstDayOfMs(Date.now()));
    // Within its deadline the missing report is not yet a failure.
    expect((await run(books.platformId, 'CTL-LVTR-TIMELY')).outcome).toBe('pass');
    const later = Date.now() + 15 * DAY_MS;
    const missing = await run(books.platformId, 'CTL-LVTR-TIMELY', later);
    const lvtr = testOf(missing, 'lvtr_filed_on_time');
    expect(missing.outcome).toBe('fail');
    expect(lvtr).toMatchObject({ outcome: 'fail', daysWithoutReport: 1 });
    expect(lvtr?.sampleIds).toEqual([`lvtr-missing:${day}`]);
    // Once the batch has run, the day is covered: what remains is an overdue draft.
    const batch = await runLvtrBatch(db, books.staff, books.platformId, day, { nowMs: later });
    expect(batch.ok && batch.value.items).toBe(1);
    const overdue = testOf(
      await run(books.platformId, 'CTL-LVTR-TIMELY', later),
      'lvtr_filed_on_time',
    );
    expect(overdue).toMatchObject({ daysWithoutReport: 0, overdue: 1, violations: 1 });
  });

  it('counts every overdue report, beyond one page of rows', async () => {
    const books = await addPlatform(db, 1);
    await db.query(
      `INSERT INTO reports (id, platform_id, kind, purpose, status, current_version, deadline_date, created_by)
       SELECT 'rpt_many_' || g, $1, 'str', 'new', 'draft', 1, $2::date - g, 'test'
       FROM generate_series(1, 501) AS g`,
      [books.platformId, isoOfEpochDay(cstDayOfMs(Date.now()))],
    );
    const str = testOf(await run(books.platformId, 'CTL-LVTR-TIMELY'), 'str_filed_on_time');
    expect(str).toMatchObject({ outcome: 'fail', violations: 501, overdue: 501 });
    // The oldest come first in the sample, not the newest.
    expect(str?.sampleIds[0]).toBe('rpt_many_501');
  });
});

describe('retention control', () => {
  it('fails an anonymized customer whose blind indexes were left behind', async () => {
    const books = await addPlatform(db, 1);
    const customer = books.customers[0];
    if (!customer) throw new Error('setup');
    await db.query(
      `UPDATE customers SET status = 'closed', anonymized_at = now(), relationship_ended_at = now(),
         personal_data = jsonb_set(personal_data, '{fields}', '{}'::jsonb)
       WHERE id = $1`,
      [customer.customerId],
    );
    const result = await run(books.platformId, 'CTL-RETENTION');
    expect(testOf(result, 'retention_handled')).toMatchObject({
      outcome: 'fail',
      anonymizedWithData: 1,
    });
  });
});

/** The database, except that reading the retention policy fails. */
function failingRetention(inner: Database): Database {
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      if (sql.includes('FROM retention_policies'))
        return Promise.reject(new Error('retention policy unreadable'));
      return q.query(sql, params);
    },
  });
  return {
    ...inner,
    query: wrap(inner).query,
    transaction: (work) => inner.transaction((tx) => work(wrap(tx))),
  } as Database;
}

describe('daily compliance', () => {
  it('runs every control after a retention failure and raises a compliance alert for it', async () => {
    const nowMs = Date.now();
    const done = await runDailyCompliance(failingRetention(db), nowMs);
    expect(done.length).toBeGreaterThan(0);
    for (const platform of done) {
      expect(platform.retentionError).toContain('retention policy unreadable');
      expect(Object.keys(platform.outcomes)).toContain('CTL-AUTH-DEBIT');
      expect(Object.keys(platform.outcomes)).toHaveLength(8);
    }
    const alerts = await db.query<{ platform_id: string; source: string }>(
      'SELECT platform_id, source FROM alerts WHERE alert_key = $1',
      [`compliance:retention:${new Date(nowMs).toISOString().slice(0, 10)}`],
    );
    expect(alerts.map((a) => a.platform_id).sort()).toEqual(done.map((d) => d.platformId).sort());
    expect(new Set(alerts.map((a) => a.source))).toEqual(new Set(['compliance']));
  }, 120_000);
});
