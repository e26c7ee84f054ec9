import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  controlIdOf,
  latestControlResults,
  listObligations,
  runControls,
  type ControlRunResult,
} from '../../src/compliance/index.js';
import { Custody } from '../../src/custody/index.js';
import type { TestBooks } from '../support/books.js';
import { signInstruction } from '../support/books.js';
import {
  addPlatform,
  addStaff,
  createComplianceDatabase,
  DAY_MS,
  type TestDatabase,
} from './compliance-harness.js';
import {
  seedClearCustomer,
  seedClosedCase,
  seedDraftStr,
  seedEndedRelationship,
  seedForgedSignature,
  seedLiftedFreeze,
  seedLvtr,
  seedReconciliation,
  seedUnauthorizedDebit,
} from './compliance-seed.js';

// Every control test fails on a platform seeded with its violation and passes on a clean one.
// Both platforms live in one database; results are per platform. The audit log is one for
// the installation, so its tampering comes last.

let db: TestDatabase;
let custody: Custody;
let clean: TestBooks;
let dirty: TestBooks;
const seeded: Record<string, string[]> = {};
let nowMs: number;

async function postActivity(books: TestBooks): Promise<void> {
  const [alice, bob] = books.customers;
  if (!alice || !bob) throw new Error('setup');
  const deposit = await custody.submit(books.platform, books.platformId, {
    type: 'deposit',
    idempotencyKey: randomUUID(),
    currency: 'CNY',
    amountMinor: 10_000n,
    purpose: 'top_up',
    payeeAccountId: alice.accountId,
  });
  expect(deposit.ok).toBe(true);
  const signed = signInstruction(
    books.platformId,
    alice,
    {
      type: 'transfer',
      idempotencyKey: randomUUID(),
      currency: 'CNY',
      amountMinor: 2_500n,
      purpose: 'investment',
    },
    bob.accountId,
  );
  const transfer = await custody.submit(books.platform, books.platformId, {
    ...signed,
    payerAccountId: alice.accountId,
    payeeAccountId: bob.accountId,
  });
  expect(transfer.ok).toBe(true);
}

beforeAll(async () => {
  db = await createComplianceDatabase();
  custody = new Custody(db);
  clean = await addPlatform(db, 2);
  dirty = await addPlatform(db, 3);
  await postActivity(clean);
  await postActivity(dirty);
  const requester = await addStaff(db);
  const approver = await addStaff(db);
  nowMs = Date.now();
  // Clean: the day's proofs exist and every decision had two people.
  await seedReconciliation(db, clean.platformId, nowMs, 'ok');
  await seedLvtr(db, clean.platformId, nowMs, -1, requester, approver);
  await seedClosedCase(db, clean.platformId, 'high', requester, approver);
  await seedClosedCase(db, clean.platformId, 'low', requester, null);
  await seedLiftedFreeze(db, clean, requester, approver);
  // Dirty: one violation per test.
  seeded.customer_debit_authorized = [
    await seedUnauthorizedDebit(db, dirty),
    await seedForgedSignature(db, dirty),
  ];
  await seedReconciliation(db, dirty.platformId, nowMs - DAY_MS, 'shortfall');
  seeded.lvtr_filed_on_time = [await seedLvtr(db, dirty.platformId, nowMs, 2, requester, approver)];
  seeded.str_filed_on_time = [await seedDraftStr(db, dirty.platformId, nowMs, 3)];
  seeded.closed_case_disposition = [
    await seedClosedCase(db, dirty.platformId, 'high', requester, null),
  ];
  seeded.four_eyes_respected = [
    `freeze:${await seedLiftedFreeze(db, dirty, requester, requester)}`,
  ];
  seeded.personal_data_encrypted = [await seedClearCustomer(db, dirty.platformId)];
  const leaving = dirty.customers[2];
  if (leaving === undefined) throw new Error('setup');
  await seedEndedRelationship(db, leaving.customerId, nowMs - 11 * 366 * DAY_MS);
  seeded.retention_handled = [leaving.customerId];
  // A customer's name copied into a log by mistake.
  await db.query(
    `INSERT INTO security_events (platform_id, kind, actor, detail) VALUES ($1, 'note', 'test', $2::jsonb)`,
    [dirty.platformId, JSON.stringify({ text: 'call back Customer 1 tomorrow' })],
  );
}, 60_000);

afterAll(async () => {
  await custody.close();
  await db.close();
});

const byCode = (results: ControlRunResult[], code: string) => {
  const found = results.find((r) => r.code === code);
  if (found === undefined) throw new Error(`no result for ${code}`);
  return found;
};
const testOf = (result: ControlRunResult, kind: string) =>
  (result.evidence.tests as Record<string, Record<string, unknown>>)[kind] ?? {};

describe('automated control tests', () => {
  let cleanResults: ControlRunResult[];
  let dirtyResults: ControlRunResult[];

  beforeAll(async () => {
    const options = { trigger: 'manual' as const, actor: 'test', nowMs: nowMs + 1_000 };
    cleanResults = await runControls(db, { ...options, platformId: clean.platformId });
    dirtyResults = await runControls(db, { ...options, platformId: dirty.platformId });
  }, 60_000);

  it('passes every control on clean books', () => {
    expect(cleanResults.map((r) => [r.code, r.outcome])).toEqual(
      cleanResults.map((r) => [r.code, 'pass']),
    );
    expect(cleanResults).toHaveLength(8);
    const auth = testOf(byCode(cleanResults, 'CTL-AUTH-DEBIT'), 'customer_debit_authorized');
    expect(auth.checked).toBe(1);
    expect(auth.signaturesReverified).toBe(1);
    expect(
      testOf(byCode(cleanResults, 'CTL-PD-ENCRYPTED'), 'personal_data_encrypted').sampleDecrypted,
    ).toBe(2);
    expect(testOf(byCode(cleanResults, 'CTL-FOUR-EYES'), 'four_eyes_respected').checked).toBe(2);
  });

  it.each([
    ['CTL-AUTH-DEBIT', 'customer_debit_authorized'],
    ['CTL-LVTR-TIMELY', 'lvtr_filed_on_time'],
    ['CTL-LVTR-TIMELY', 'str_filed_on_time'],
    ['CTL-CASE-DISPOSITION', 'closed_case_disposition'],
    ['CTL-FOUR-EYES', 'four_eyes_respected'],
    ['CTL-RETENTION', 'retention_handled'],
  ])('%s fails on its seeded violation (%s), naming it', (code, kind) => {
    const result = byCode(dirtyResults, code);
    expect(result.outcome).toBe('fail');
    const test = testOf(result, kind);
    expect(test.outcome).toBe('fail');
    expect(test.sampleIds).toEqual(expect.arrayContaining(seeded[kind] ?? ['?']));
    expect(test.violations).toBe((seeded[kind] ?? []).length);
  });

  it('finds the unsigned debit by its evidence and the forged one by verifying it', () => {
    const test = testOf(byCode(dirtyResults, 'CTL-AUTH-DEBIT'), 'customer_debit_authorized');
    expect(test).toMatchObject({ missingOrForeignAuthorization: 1, signaturesInvalid: 1 });
  });

  it('fails reconciliation when yesterday has no run and no matching safeguarding check', () => {
    const result = byCode(dirtyResults, 'CTL-RECON-DAILY');
    expect(result.outcome).toBe('fail');
    expect(testOf(result, 'reconciliation_ran').outcome).toBe('fail');
    expect(testOf(result, 'safeguarding_matched')).toMatchObject({
      outcome: 'fail',
      violations: 1,
    });
  });

  it('finds personal data in clear and a customer name copied into a log', () => {
    const test = testOf(byCode(dirtyResults, 'CTL-PD-ENCRYPTED'), 'personal_data_encrypted');
    expect(test).toMatchObject({ outcome: 'fail', customersInClear: 1, leaksFound: 1 });
    expect(test.sampleIds).toEqual(
      expect.arrayContaining([
        ...(seeded.personal_data_encrypted ?? []),
        `security_events:${dirty.customers[1]?.customerId}`,
      ]),
    );
    expect(JSON.stringify(test)).not.toContain('Customer 1');
  });

  it('keeps history, answers latestControlResults and raises one alert per failed control', async () => {
    const ids = dirtyResults.map((r) => r.controlId);
    const latest = await latestControlResults(db, dirty.platformId, [...ids, 'ctl_unknown']);
    expect(latest.size).toBe(8);
    expect(latest.get(controlIdOf('CTL-FOUR-EYES'))).toEqual({
      outcome: 'fail',
      ranAt: new Date(nowMs + 1_000).toISOString(),
    });
    expect(
      (await latestControlResults(db, clean.platformId, ids)).get(controlIdOf('CTL-FOUR-EYES'))
        ?.outcome,
    ).toBe('pass');
    const alerts = await db.query<{ platform_id: string; rule_id: string; severity: string }>(
      "SELECT platform_id, rule_id, severity FROM alerts WHERE source = 'compliance' ORDER BY rule_id",
    );
    const failed = dirtyResults
      .filter((r) => r.outcome !== 'pass')
      .map((r) => r.code)
      .sort();
    expect(alerts.map((a) => a.rule_id)).toEqual(failed);
    expect(alerts.every((a) => a.platform_id === dirty.platformId)).toBe(true);
    expect(alerts.find((a) => a.rule_id === 'CTL-AUTH-DEBIT')?.severity).toBe('critical');
    const cases = await db.query(
      "SELECT 1 FROM cases WHERE queue = 'compliance' AND platform_id = $1",
      [dirty.platformId],
    );
    expect(cases).toHaveLength(1);
  });

  it('lists obligations with their controls and latest results', async () => {
    const obligations = await listObligations(db, dirty.platformId);
    const jurisdictions = new Set(obligations.map((o) => o.jurisdiction));
    expect([...jurisdictions].sort()).toEqual(['CN', 'EU', 'UK', 'US']);
    const art34 = obligations.find((o) => o.id === 'cn-aml-2024-art34');
    expect(art34?.article).toBe('Art. 34');
    expect(art34?.controls.map((c) => c.code)).toEqual(['CTL-AUDIT-LOG', 'CTL-RETENTION']);
    expect(art34?.controls.find((c) => c.code === 'CTL-RETENTION')?.latest?.outcome).toBe('fail');
  });

  it('refuses a run after the fact: history rows are append-only', async () => {
    await expect(db.query("UPDATE compliance_control_runs SET outcome = 'pass'")).rejects.toThrow(
      /append-only/,
    );
  });

  it('fails the audit log control once a stored record is altered', async () => {
    const before = await runControls(db, {
      platformId: clean.platformId,
      codes: ['CTL-AUDIT-LOG'],
      trigger: 'manual',
      actor: 'test',
    });
    expect(before[0]?.outcome).toBe('pass');
    await db.query('ALTER TABLE audit_records DISABLE TRIGGER USER');
    await db.query(
      `UPDATE audit_records SET entry = replace(entry, '"action"', '"action" ')
       WHERE seq = (SELECT min(seq) FROM audit_records)`,
    );
    await db.query('ALTER TABLE audit_records ENABLE TRIGGER USER');
    const after = await runControls(db, {
      platformId: clean.platformId,
      codes: ['CTL-AUDIT-LOG'],
      trigger: 'manual',
      actor: 'test',
    });
    expect(after[0]?.outcome).toBe('fail');
    expect(testOf(after[0] as ControlRunResult, 'audit_log_verifies')).toMatchObject({
      firstBadIndex: 0,
    });
  });
});
