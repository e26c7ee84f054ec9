import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DAY_MS } from './compliance-harness.js';
import { seedEndedRelationship } from './compliance-seed.js';

let api: ApiHarness;
let base: string;
let auditorKey: string;

beforeAll(async () => {
  api = await createApiHarness();
  base = `/v1/platforms/${api.books.platformId}`;
  const auditor = await api.db.transaction((tx) =>
    createPrincipalWithKey(tx, {
      kind: 'staff',
      platformId: null,
      role: 'auditor',
      name: 'auditor',
    }),
  );
  auditorKey = auditor.apiKey;
}, 60_000);
afterAll(() => api.close());

const staff = () => ({ key: api.books.staffKey });
const count = async (table: string) =>
  Number((await api.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

describe('compliance API', () => {
  it('lists the register: obligations with article numbers, their controls, never-run results', async () => {
    const reply = await api.call('GET', `${base}/compliance/obligations`, { key: auditorKey });
    expect(reply.status).toBe(200);
    const items = reply.body.items as {
      id: string;
      article: string;
      controls: { code: string; latest: unknown }[];
    }[];
    expect(items.length).toBeGreaterThanOrEqual(15);
    const art5 = items.find((o) => o.id === 'cn-pboc-2016-3-art5');
    expect(art5).toMatchObject({
      article: 'Art. 5',
      controls: [{ code: 'CTL-LVTR-TIMELY', latest: null }],
    });
  });

  it('runs controls now, keeps history, and shows the latest result per control', async () => {
    const refused = await api.call('POST', `${base}/compliance/controls/runs`, {
      key: auditorKey,
      body: {},
    });
    expect(refused.status).toBe(403);
    const run = await api.call('POST', `${base}/compliance/controls/runs`, {
      ...staff(),
      body: { codes: ['CTL-FOUR-EYES', 'CTL-PD-ENCRYPTED'], windowDays: 7 },
    });
    expect(run.status).toBe(200);
    const results = run.body.items as {
      code: string;
      outcome: string;
      evidence: { window: { from: string; to: string } };
    }[];
    expect(results.map((r) => [r.code, r.outcome])).toEqual([
      ['CTL-FOUR-EYES', 'pass'],
      ['CTL-PD-ENCRYPTED', 'pass'],
    ]);
    const window = results[0]?.evidence.window;
    expect(Date.parse(window?.to ?? '') - Date.parse(window?.from ?? '')).toBe(7 * DAY_MS);
    const history = await api.call('GET', `${base}/compliance/controls/CTL-FOUR-EYES/history`, {
      key: auditorKey,
    });
    expect(history.status).toBe(200);
    expect(history.body.runs).toHaveLength(1);
    expect((history.body.daily as { passed: number }[])[0]?.passed).toBe(1);
    const controls = await api.call('GET', `${base}/compliance/controls`, { key: auditorKey });
    const fourEyes = (
      controls.body.items as { code: string; latest: { outcome: string } | null }[]
    ).find((c) => c.code === 'CTL-FOUR-EYES');
    expect(fourEyes?.latest?.outcome).toBe('pass');
  });

  it('refuses unknown controls and malformed requests, writing nothing', async () => {
    const before = await count('compliance_control_runs');
    expect(
      (
        await api.call('POST', `${base}/compliance/controls/runs`, {
          ...staff(),
          body: { codes: ['CTL-NOPE'] },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.call('POST', `${base}/compliance/controls/runs`, {
          ...staff(),
          body: { windowDays: 0 },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api.call('POST', `${base}/compliance/controls/runs`, {
          ...staff(),
          body: { extra: true },
        })
      ).status,
    ).toBe(400);
    expect(
      (await api.call('GET', `${base}/compliance/controls/CTL-NOPE/history`, staff())).status,
    ).toBe(404);
    expect(await count('compliance_control_runs')).toBe(before);
  });

  it('names a control owner among staff only', async () => {
    const ok = await api.call('PUT', '/v1/compliance/controls/CTL-RETENTION/owner', {
      ...staff(),
      body: { ownerId: api.books.staff.id },
    });
    expect(ok.status).toBe(200);
    const bad = await api.call('PUT', '/v1/compliance/controls/CTL-RETENTION/owner', {
      ...staff(),
      body: { ownerId: api.books.platform.id },
    });
    expect(bad.status).toBe(400);
    const controls = await api.call('GET', `${base}/compliance/controls`, staff());
    expect(
      (controls.body.items as { code: string; ownerId: string | null }[]).find(
        (c) => c.code === 'CTL-RETENTION',
      )?.ownerId,
    ).toBe(api.books.staff.id);
  });

  it('gets and sets the retention policy, refusing a period below the statutory minimum', async () => {
    const policy = await api.call('GET', `${base}/retention/policy`, { key: auditorKey });
    expect(policy.body).toMatchObject({
      jurisdictions: ['CN'],
      retentionYears: 10,
      configured: false,
    });
    const short = await api.call('PUT', `${base}/retention/policy`, {
      ...staff(),
      body: { jurisdictions: ['CN'], retentionYearsOverride: 8 },
    });
    expect(short.status).toBe(400);
    expect(String(short.body.detail)).toContain('statutory 10 years');
    const set = await api.call('PUT', `${base}/retention/policy`, {
      ...staff(),
      body: { jurisdictions: ['CN', 'EU'], retentionYearsOverride: 12 },
    });
    expect(set.body).toMatchObject({
      jurisdictions: ['CN', 'EU'],
      retentionYears: 12,
      statutoryMinimumYears: 10,
    });
  });

  it('ends a relationship, then previews and runs retention for the customers that are due', async () => {
    const [first, second] = api.books.customers;
    if (!first || !second) throw new Error('setup');
    const future = await api.call(
      'POST',
      `${base}/customers/${first.customerId}/relationship-end`,
      {
        body: { endedAt: new Date(Date.now() + DAY_MS).toISOString(), reason: 'left' },
      },
    );
    expect(future.status).toBe(400);
    const ended = await api.call('POST', `${base}/customers/${first.customerId}/relationship-end`, {
      body: { reason: 'customer closed the account' },
    });
    expect(ended.status).toBe(200);
    const twice = await api.call('POST', `${base}/customers/${first.customerId}/relationship-end`, {
      body: { reason: 'again' },
    });
    expect(twice.status).toBe(409);
    await seedEndedRelationship(api.db, second.customerId, Date.now() - 13 * 366 * DAY_MS);
    const dry = await api.call('POST', `${base}/retention/runs`, {
      ...staff(),
      body: { dryRun: true },
    });
    expect(dry.status).toBe(200);
    expect((dry.body.customers as { customerId: string }[]).map((c) => c.customerId)).toEqual([
      second.customerId,
    ]);
    // Executing is a four-eyes request; a second officer's approval carries it out.
    const request = await api.call('POST', `${base}/retention/runs`, {
      ...staff(),
      body: { dryRun: false, reason: 'retention over' },
    });
    expect(request.status).toBe(202);
    expect((request.body.customers as { customerId: string }[]).map((c) => c.customerId)).toEqual([
      second.customerId,
    ]);
    const approver = await api.db.transaction((tx) =>
      createPrincipalWithKey(tx, {
        kind: 'staff',
        platformId: null,
        role: 'compliance_officer',
        name: 'approver',
      }),
    );
    const approved = await api.call(
      'POST',
      `/v1/approvals/${String(request.body.approvalId)}/approve`,
      {
        key: approver.apiKey,
        body: { reason: 'checked' },
      },
    );
    expect(approved.status).toBe(200);
    const audit = await api.db.query(
      "SELECT 1 FROM audit_records WHERE action = 'customer.anonymized' AND subject_id = $1",
      [second.customerId],
    );
    expect(audit).toHaveLength(1);
  });
});
