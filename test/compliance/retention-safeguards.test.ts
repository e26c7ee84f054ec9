import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runControls } from '../../src/compliance/index.js';
import { personalDataVaultOf, sealPersonalData } from '../../src/security/personal-data.js';
import { newId } from '../../src/store/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { addSecondOfficer, DAY_MS } from './compliance-harness.js';
import { seedEndedRelationship } from './compliance-seed.js';

// Retention destroys personal data for good, so each way to bring it forward is closed: a
// backdated end of relationship, a policy without the home jurisdiction, and one person alone
// executing the anonymization.

let api: ApiHarness;
let base: string;
let secondOfficerKey: string;

beforeAll(async () => {
  api = await createApiHarness();
  base = `/v1/platforms/${api.books.platformId}`;
  secondOfficerKey = await addSecondOfficer(api.db);
}, 60_000);
afterAll(() => api.close());

const customer = (index: number) => {
  const found = api.books.customers[index];
  if (found === undefined) throw new Error('setup');
  return found;
};
const staff = () => ({ key: api.books.staffKey });
const statusOf = async (customerId: string) =>
  (
    await api.db.query<{ status: string; anonymized_at: Date | null }>(
      'SELECT status, anonymized_at FROM customers WHERE id = $1',
      [customerId],
    )
  )[0];
const endAudits = async (customerId: string) =>
  (
    await api.db.query(
      "SELECT 1 FROM audit_records WHERE action = 'customer.relationship_ended' AND subject_id = $1",
      [customerId],
    )
  ).length;

describe('end of relationship', () => {
  it('refuses a date far back, before creation or before the last posting, as problem+json', async () => {
    const { customerId, accountId } = customer(0);
    const end = (endedAt: string) =>
      api.call('POST', `${base}/customers/${customerId}/relationship-end`, {
        body: { endedAt, reason: 'customer left' },
      });
    const ancient = await end('2000-01-01T00:00:00.000Z');
    expect(ancient.status).toBe(400);
    expect(ancient.headers['content-type']).toContain('application/problem+json');
    expect(ancient.body).toMatchObject({ code: 'validation_failed' });
    expect(String(ancient.body.detail)).toContain('31 days');
    const beforeCreation = await end(new Date(Date.now() - DAY_MS).toISOString());
    expect(beforeCreation.status).toBe(400);
    expect(String(beforeCreation.body.detail)).toContain('before the customer was created');
    // Known for ten days, last posting an hour ago: the end cannot come before that posting.
    await api.db.query(
      `UPDATE customers SET created_at = now() - interval '10 days' WHERE id = $1`,
      [customerId],
    );
    await api.db.query(
      `INSERT INTO transfers (platform_id, instruction_id, phase, debit_account_id, credit_account_id, amount_minor, currency, created_at)
       SELECT $1, 'ins_posting', 'single', $2, $3, 1, 'CNY', now() - interval '1 hour'`,
      [api.books.platformId, customer(1).accountId, accountId],
    );
    const beforeActivity = await end(new Date(Date.now() - 2 * 3_600_000).toISOString());
    expect(beforeActivity.status).toBe(400);
    expect(String(beforeActivity.body.detail)).toContain('last instruction or posting');
    expect((await statusOf(customerId))?.status).toBe('active');
    expect(await endAudits(customerId)).toBe(0);
    const now = await end(new Date().toISOString());
    expect(now.status).toBe(200);
    expect(await endAudits(customerId)).toBe(1);
  });
});

describe('retention policy', () => {
  it('keeps the home jurisdiction: a policy without CN is refused', async () => {
    const usOnly = await api.call('PUT', `${base}/retention/policy`, {
      ...staff(),
      body: { jurisdictions: ['US'], retentionYearsOverride: null },
    });
    expect(usOnly.status).toBe(400);
    expect(String(usOnly.body.detail)).toContain('home jurisdiction');
    const policy = await api.call('GET', `${base}/retention/policy`, staff());
    expect(policy.body).toMatchObject({ jurisdictions: ['CN'], retentionYears: 10 });
  });
});

describe('retention execution needs a second person', () => {
  it('opens a request, refuses the requester as approver, anonymizes on a second approval', async () => {
    const leaving = customer(2);
    await seedEndedRelationship(api.db, leaving.customerId, Date.now() - 13 * 366 * DAY_MS);
    const ownerId = newId('cbo');
    const sealed = await sealPersonalData(
      { name: 'Owner Of Record' },
      {
        vault: personalDataVaultOf(api.db),
        db: api.db,
        platformId: api.books.platformId,
        table: 'customer_beneficial_owners',
        recordId: ownerId,
      },
    );
    await api.db.query(
      `INSERT INTO customer_beneficial_owners (id, platform_id, customer_id, personal_data,
         ownership_bp, control_type, nationality, created_by, updated_by)
       VALUES ($1, $2, $3, $4::jsonb, 3000, 'ownership', 'CN', 'test', 'test')`,
      [ownerId, api.books.platformId, leaving.customerId, JSON.stringify(sealed)],
    );
    const noReason = await api.call('POST', `${base}/retention/runs`, {
      ...staff(),
      body: { dryRun: false },
    });
    expect(noReason.status).toBe(400);
    const requested = await api.call('POST', `${base}/retention/runs`, {
      ...staff(),
      body: { dryRun: false, reason: 'retention period over for closed customers' },
    });
    expect(requested.status).toBe(202);
    expect((requested.body.customers as { customerId: string }[]).map((c) => c.customerId)).toEqual(
      [leaving.customerId],
    );
    const approvalId = String(requested.body.approvalId);
    expect((await statusOf(leaving.customerId))?.anonymized_at).toBeNull();
    const again = await api.call('POST', `${base}/retention/runs`, {
      ...staff(),
      body: { dryRun: false, reason: 'again' },
    });
    expect(again.status).toBe(409);

    const notYet = await api.call('GET', `${base}/retention/runs/${approvalId}`, staff());
    expect(notYet.status).toBe(404);
    const self = await api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      ...staff(),
      body: { reason: 'looks right' },
    });
    expect(self.status).toBe(403);
    expect((await statusOf(leaving.customerId))?.anonymized_at).toBeNull();

    const approved = await api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: secondOfficerKey,
      body: { reason: 'checked the list against the closures' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await statusOf(leaving.customerId))?.anonymized_at).not.toBeNull();
    const owner = await api.db.query<{
      personal_data: { fields: object; idx: object };
      nationality: string | null;
    }>('SELECT personal_data, nationality FROM customer_beneficial_owners WHERE id = $1', [
      ownerId,
    ]);
    expect(owner[0]?.personal_data.fields).toEqual({});
    expect(owner[0]?.nationality).toBeNull();
    const audit = await api.db.query<{ entry: string }>(
      "SELECT entry FROM audit_records WHERE action = 'customer.anonymized' AND subject_id = $1",
      [leaving.customerId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entry).toContain(approvalId);
    // What the approval carried out is recorded under its id, for the requester to read.
    const listed = await api.call('GET', `${base}/retention/runs`, staff());
    expect(listed.status).toBe(200);
    const runs = listed.body.runs as { runId: string; trigger: string; approvedBy: string }[];
    expect(runs.map((run) => [run.runId, run.trigger])).toEqual([[approvalId, 'approval']]);
    const run = await api.call('GET', `${base}/retention/runs/${approvalId}`, staff());
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      runId: approvalId,
      approvalId,
      customersAnonymized: 1,
      reportFilesPurged: 0,
      reportFiles: [],
    });
    expect(run.body.approvedBy).not.toBe(run.body.actor);
    expect((run.body.customers as { customerId: string }[]).map((c) => c.customerId)).toEqual([
      leaving.customerId,
    ]);
    expect(JSON.stringify(run.body)).not.toContain('Owner Of Record');
    const control = await runControls(api.db, {
      platformId: api.books.platformId,
      codes: ['CTL-RETENTION', 'CTL-PD-ENCRYPTED'],
      trigger: 'manual',
      actor: 'test',
    });
    expect(control.map((c) => [c.code, c.outcome])).toEqual([
      ['CTL-PD-ENCRYPTED', 'pass'],
      ['CTL-RETENTION', 'pass'],
    ]);
  });

  it('fails the personal-data control on a beneficial owner stored in clear', async () => {
    await api.db.query(
      `INSERT INTO customer_beneficial_owners (id, platform_id, customer_id, personal_data,
         ownership_bp, control_type, created_by, updated_by)
       VALUES ($1, $2, $3, $4::jsonb, 5000, 'ownership', 'test', 'test')`,
      [
        newId('cbo'),
        api.books.platformId,
        customer(1).customerId,
        JSON.stringify({ v: 0, fields: { name: 'Plain Owner Name' } }),
      ],
    );
    const [result] = await runControls(api.db, {
      platformId: api.books.platformId,
      codes: ['CTL-PD-ENCRYPTED'],
      trigger: 'manual',
      actor: 'test',
    });
    expect(result?.outcome).toBe('fail');
    const tests = result?.evidence.tests as Record<string, Record<string, unknown>>;
    expect(tests.personal_data_encrypted).toMatchObject({ beneficialOwnersInClear: 1 });
  });
});
