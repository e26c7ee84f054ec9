import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

let api: ApiHarness;
let analystKey: string;
let secondAnalystKey: string;
let base: string;

beforeAll(async () => {
  api = await createApiHarness();
  base = `/v1/platforms/${api.books.platformId}/monitoring`;
  const make = (name: string) =>
    api.db.transaction((tx) =>
      createPrincipalWithKey(tx, { kind: 'staff', platformId: null, role: 'risk_analyst', name }),
    );
  analystKey = (await make('analyst one')).apiKey;
  secondAnalystKey = (await make('analyst two')).apiKey;
}, 60_000);
afterAll(() => api.close());

async function lvtrDraft(atLeastCny: string) {
  const rules = await api.call('GET', `${base}/rules`, { key: analystKey });
  const current = (rules.body.rules as Record<string, unknown>[]).find(
    (r) => r.id === 'cn.lvtr_person_domestic',
  );
  if (current === undefined) throw new Error('no cn.lvtr_person_domestic in the pack');
  const params = current.params as { conditions: { atLeast: Record<string, string> }[] };
  return {
    ...current,
    params: {
      ...params,
      conditions: [{ ...params.conditions[0], atLeast: { CNY: atLeastCny, USD: '100000' } }],
    },
  };
}

describe('monitoring rules over HTTP', () => {
  it('refuses an invalid definition and names the field at fault', async () => {
    const draft = await lvtrDraft('500000');
    const bad = await api.call('POST', `${base}/rules`, {
      key: analystKey,
      body: {
        kind: 'rule',
        definition: { ...draft, params: { ...(draft.params as object), window: { windowMs: -5 } } },
      },
    });
    expect(bad.status).toBe(400);
    const issues = bad.body.issues as { path: string }[];
    expect(issues.some((issue) => issue.path.includes('window'))).toBe(true);
    const unknownTemplate = await api.call('POST', `${base}/rules`, {
      key: analystKey,
      body: { kind: 'rule', definition: { ...draft, template: 'astrology' } },
    });
    expect(unknownTemplate.status).toBe(400);
  });

  it('saves a draft, backtests it against the active pack, and activates it by four-eyes', async () => {
    const customer = api.books.customers[0];
    if (customer === undefined) throw new Error('no customer');
    for (const amount of ['450000.00', '120000.00'])
      await api.call('POST', `/v1/platforms/${api.books.platformId}/instructions`, {
        body: {
          type: 'deposit',
          amount,
          currency: 'CNY',
          purpose: 'topup',
          payeeAccountId: customer.accountId,
        },
        headers: { 'idempotency-key': randomUUID() },
      });
    const saved = await api.call('POST', `${base}/rules`, {
      key: analystKey,
      body: { kind: 'rule', definition: await lvtrDraft('400000') },
    });
    expect(saved.status).toBe(201);
    const version = Number(saved.body.version);
    const path = `${base}/rules/cn.lvtr_person_domestic/versions/${version}`;
    const now = Date.now();
    const backtest = await api.call('POST', `${path}/backtest`, {
      key: analystKey,
      body: {
        from: new Date(now - 86_400_000).toISOString(),
        to: new Date(now + 60_000).toISOString(),
      },
    });
    expect(backtest.status).toBe(200);
    // CNY 570,000 in a day is over both thresholds; the 450,000 deposit alone only over the draft's.
    expect(backtest.body.events).toBeGreaterThanOrEqual(2);
    const byRule = backtest.body.byRule as { ruleId: string; active: number; draft: number }[];
    const lvtr = byRule.find((r) => r.ruleId === 'cn.lvtr_person_domestic');
    expect(lvtr?.draft).toBeGreaterThanOrEqual(1);
    expect(lvtr?.active).toBeGreaterThanOrEqual(1);

    const asked = await api.call('POST', `${path}/activate`, {
      key: analystKey,
      body: { reason: 'lower threshold' },
    });
    expect(asked.status).toBe(202);
    const self = await api.call('POST', `/v1/approvals/${String(asked.body.approvalId)}/approve`, {
      key: analystKey,
      body: { reason: 'me' },
    });
    expect(self.status).toBe(403);
    const approved = await api.call(
      'POST',
      `/v1/approvals/${String(asked.body.approvalId)}/approve`,
      {
        key: secondAnalystKey,
        body: { reason: 'backtest reviewed' },
      },
    );
    expect(approved.status).toBe(200);
    const after = await api.call('GET', `${base}/rules`, { key: analystKey });
    const versions = after.body.versions as { ruleId: string; version: number; status: string }[];
    expect(versions.find((v) => v.version === version)?.status).toBe('active');
    const active = (
      after.body.rules as { id: string; params: { conditions: { atLeast: { CNY: string } }[] } }[]
    ).find((r) => r.id === 'cn.lvtr_person_domestic');
    expect(active?.params.conditions[0]?.atLeast.CNY).toBe('400000');
  });

  it('reads KRIs with traffic lights and keeps their history', async () => {
    const read = await api.call('POST', `${base}/kris/read`, { key: analystKey });
    expect(read.status).toBe(200);
    const kris = await api.call('GET', `${base}/kris`, { key: analystKey });
    const items = kris.body.items as {
      id: string;
      latest: { status: string } | null;
      history: unknown[];
    }[];
    expect(items.map((k) => k.id)).toContain('net_outflow_24h');
    for (const kri of items) {
      expect(['green', 'amber', 'red']).toContain(kri.latest?.status);
      expect(kri.history.length).toBe(1);
    }
  });
});
