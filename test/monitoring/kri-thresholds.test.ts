import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KRI_DEFINITIONS, kriStatus } from '../../src/monitor-service/kri-definitions.js';
import {
  KRI_COUNT_THRESHOLD_MAX,
  KRI_RATIO_THRESHOLD_MAX,
  kriThresholdIssue,
} from '../../src/monitor-service/kri-thresholds.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { countRows } from '../cases/case-support.js';

// Goal: a platform sets its own KRI thresholds through the API, with a second person's approval,
// and only thresholds under which the lights keep their order are accepted. Method: the pure
// check against kriStatus (property-based), then the route, the approval and the readings.

const STATUS_RANK = { green: 0, amber: 1, red: 2 } as const;

describe('KRI threshold validation', () => {
  it('accepts exactly the thresholds under which a worse value never shows a better light', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KRI_DEFINITIONS),
        fc.double({ min: -1, max: 20, noNaN: true }),
        fc.double({ min: -1, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (definition, amberRaw, redRaw, first, second) => {
          const whole = definition.unit === 'count';
          const thresholds = {
            amberAt: whole ? Math.round(amberRaw) : amberRaw,
            redAt: whole ? Math.round(redRaw) : redRaw,
          };
          const issue = kriThresholdIssue(definition, thresholds);
          const ordered =
            definition.worse === 'higher'
              ? thresholds.amberAt > 0 && thresholds.amberAt <= thresholds.redAt
              : thresholds.amberAt >= thresholds.redAt;
          const inRange = [thresholds.amberAt, thresholds.redAt].every(
            (value) =>
              value >= 0 && value <= (whole ? KRI_COUNT_THRESHOLD_MAX : KRI_RATIO_THRESHOLD_MAX),
          );
          expect(issue === null).toBe(ordered && inRange);
          if (issue !== null) return;
          const [better, worse] =
            definition.worse === 'higher'
              ? [Math.min(first, second), Math.max(first, second)]
              : [Math.max(first, second), Math.min(first, second)];
          expect(STATUS_RANK[kriStatus(definition, thresholds, worse)]).toBeGreaterThanOrEqual(
            STATUS_RANK[kriStatus(definition, thresholds, better)],
          );
        },
      ),
    );
  });

  it('names the field at fault', () => {
    const count = { unit: 'count', worse: 'higher' } as const;
    expect(kriThresholdIssue(count, { amberAt: 1.5, redAt: 3 })?.field).toBe('amberAt');
    expect(kriThresholdIssue(count, { amberAt: 1, redAt: Number.NaN })?.field).toBe('redAt');
    expect(kriThresholdIssue(count, { amberAt: 0, redAt: 3 })?.message).toMatch(/never green/);
    const coverage = { unit: 'ratio', worse: 'lower' } as const;
    expect(kriThresholdIssue(coverage, { amberAt: 0.01, redAt: 0.02 })?.field).toBe('amberAt');
    expect(kriThresholdIssue(coverage, { amberAt: 0.03, redAt: 0 })).toBeNull();
  });
});

let api: ApiHarness;
let analystKey: string;
let secondAnalystKey: string;
let auditorKey: string;
let base: string;

beforeAll(async () => {
  api = await createApiHarness();
  base = `/v1/platforms/${api.books.platformId}/monitoring/kris`;
  const make = (role: 'risk_analyst' | 'auditor', name: string) =>
    api.db.transaction((tx) =>
      createPrincipalWithKey(tx, { kind: 'staff', platformId: null, role, name }),
    );
  analystKey = (await make('risk_analyst', 'analyst one')).apiKey;
  secondAnalystKey = (await make('risk_analyst', 'analyst two')).apiKey;
  auditorKey = (await make('auditor', 'auditor')).apiKey;
}, 60_000);
afterAll(() => api.close());

type KriItem = {
  id: string;
  amberAt: number;
  redAt: number;
  defaults: { amberAt: number; redAt: number };
  custom: boolean;
  pendingChange: { approvalId: string; amberAt: number | null; redAt: number | null } | null;
  latest: { status: string; value: number } | null;
};

async function kri(id: string): Promise<KriItem> {
  const listed = await api.call('GET', base, { key: analystKey });
  expect(listed.status).toBe(200);
  const found = (listed.body.items as KriItem[]).find((item) => item.id === id);
  if (found === undefined) throw new Error(`no KRI ${id}`);
  return found;
}

async function decide(approvalId: string, key: string) {
  return api.call('POST', `/v1/approvals/${approvalId}/approve`, {
    key,
    body: { reason: 'thresholds reviewed' },
  });
}

describe('KRI thresholds over HTTP', () => {
  it('refuses bad thresholds, unknown KRIs and roles without rules.write, with nothing opened', async () => {
    const put = (id: string, body: unknown, key = analystKey) =>
      api.call('PUT', `${base}/${id}/thresholds`, { key, body });
    const reversed = await put('alert_backlog', {
      thresholds: { amberAt: 300, redAt: 200 },
      reason: 'tighter',
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.issues).toEqual([
      { path: 'thresholds.amberAt', message: 'must not be above redAt' },
    ]);
    expect((await put('no_such_kri', { thresholds: null, reason: 'x' })).status).toBe(404);
    expect((await put('alert_backlog', { thresholds: { amberAt: 1, redAt: 2 } })).status).toBe(400);
    expect(
      (
        await put(
          'alert_backlog',
          { thresholds: { amberAt: 1, redAt: 2 }, reason: 'not mine' },
          auditorKey,
        )
      ).status,
    ).toBe(403);
    // Already the defaults: nothing to change.
    expect((await put('alert_backlog', { thresholds: null, reason: 'reset' })).status).toBe(409);
    expect(await countRows(api.db, 'approvals', "action = 'kri.thresholds'", [])).toBe(0);
  });

  it('sets a platform’s thresholds with a second person’s approval, and goes back to the defaults', async () => {
    const asked = await api.call('PUT', `${base}/open_recon_breaks/thresholds`, {
      key: analystKey,
      body: { thresholds: { amberAt: 3, redAt: 20 }, reason: 'daily batch leaves a few open' },
    });
    expect(asked.status).toBe(202);
    const approvalId = String(asked.body.approvalId);
    const pending = await kri('open_recon_breaks');
    expect(pending.pendingChange).toEqual({ approvalId, amberAt: 3, redAt: 20 });
    expect([pending.amberAt, pending.redAt, pending.custom]).toEqual([1, 10, false]);
    const again = await api.call('PUT', `${base}/open_recon_breaks/thresholds`, {
      key: analystKey,
      body: { thresholds: { amberAt: 2, redAt: 20 }, reason: 'second thoughts' },
    });
    expect(again.status).toBe(409);
    expect((await decide(approvalId, analystKey)).status).toBe(403);
    expect((await decide(approvalId, secondAnalystKey)).status).toBe(200);

    const set = await kri('open_recon_breaks');
    expect(set).toMatchObject({
      amberAt: 3,
      redAt: 20,
      custom: true,
      defaults: { amberAt: 1, redAt: 10 },
      pendingChange: null,
    });
    expect(
      await countRows(
        api.db,
        'audit_records',
        "action = 'kri.thresholds_set' AND subject_id = 'open_recon_breaks'",
        [],
      ),
    ).toBe(1);

    // Lights are read with the platform's thresholds from now on.
    await api.db.query(
      `INSERT INTO kri_thresholds (platform_id, kri_id, amber_at, red_at, updated_by)
       VALUES ($1, 'alert_backlog', 0, 0, 'test')`,
      [api.books.platformId],
    );
    expect((await api.call('POST', `${base}/read`, { key: analystKey })).status).toBe(200);
    expect((await kri('alert_backlog')).latest?.status).toBe('red');
    expect((await kri('open_recon_breaks')).latest?.status).toBe('green');

    const reset = await api.call('PUT', `${base}/open_recon_breaks/thresholds`, {
      key: analystKey,
      body: { thresholds: null, reason: 'back to the defaults' },
    });
    expect(reset.status).toBe(202);
    expect((await decide(String(reset.body.approvalId), secondAnalystKey)).status).toBe(200);
    expect(await kri('open_recon_breaks')).toMatchObject({ amberAt: 1, redAt: 10, custom: false });
  });
});
