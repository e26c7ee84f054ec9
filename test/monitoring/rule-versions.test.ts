import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectivePack } from '../../src/monitor-service/rule-store.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

// Goal: rule versions under four-eyes activation keep the platform's pack valid and their
// numbers meaningful: an activation that would break the pack is refused with nothing changed,
// a stored version numbers above the built-in one, a rejected request can be made again, and an
// older version never replaces a newer one. Method: the HTTP routes with two analysts.

let api: ApiHarness;
let analyst: string;
let approver: string;
let base: string;

beforeAll(async () => {
  api = await createApiHarness();
  base = `/v1/platforms/${api.books.platformId}/monitoring`;
  const staff = (name: string) =>
    api.db.transaction((tx) =>
      createPrincipalWithKey(tx, { kind: 'staff', platformId: null, role: 'risk_analyst', name }),
    );
  analyst = (await staff('analyst one')).apiKey;
  approver = (await staff('analyst two')).apiKey;
}, 60_000);
afterAll(() => api.close());

const typology = (id: string, member: string, alertThreshold = 0.5) => ({
  id,
  version: 1,
  description: 'test typology',
  severity: 'medium',
  rules: [{ ruleId: member, weight: 1 }],
  windowMs: 86_400_000,
  alertThreshold,
  interdictionThreshold: 0.9,
});

async function save(kind: 'rule' | 'typology', definition: unknown): Promise<number> {
  const saved = await api.call('POST', `${base}/rules`, {
    key: analyst,
    body: { kind, definition },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  return Number(saved.body.version);
}

const ask = (ruleId: string, version: number) =>
  api.call('POST', `${base}/rules/${ruleId}/versions/${version}/activate`, {
    key: analyst,
    body: { reason: 'tuned' },
  });

async function asked(ruleId: string, version: number): Promise<string> {
  const reply = await ask(ruleId, version);
  expect(reply.status, JSON.stringify(reply.body)).toBe(202);
  return String(reply.body.approvalId);
}

const decide = (approvalId: string, decision: 'approve' | 'reject') =>
  api.call('POST', `/v1/approvals/${approvalId}/${decision}`, {
    key: approver,
    body: { reason: 'reviewed' },
  });

async function statusOf(ruleId: string, version: number): Promise<string | undefined> {
  const list = await api.call('GET', `${base}/rules`, { key: analyst });
  expect(list.status).toBe(200);
  const versions = list.body.versions as { ruleId: string; version: number; status: string }[];
  return versions.find((v) => v.ruleId === ruleId && v.version === version)?.status;
}

describe('rule versions', () => {
  it('refuses an activation that would leave an invalid pack, and changes nothing', async () => {
    const x1 = await save('typology', typology('x.typ', 'cn.fan_in_24h'));
    const y1 = await save('typology', typology('y.typ', 'cn.fan_in_24h'));
    expect((await decide(await asked('x.typ', x1), 'approve')).status).toBe(200);
    expect((await decide(await asked('y.typ', y1), 'approve')).status).toBe(200);
    // Each valid against the pack when saved; together a cycle.
    const x2 = await save('typology', typology('x.typ', 'y.typ'));
    const y2 = await save('typology', typology('y.typ', 'x.typ'));
    expect((await decide(await asked('x.typ', x2), 'approve')).status).toBe(200);
    const second = await decide(await asked('y.typ', y2), 'approve');
    expect(second.status).toBeGreaterThanOrEqual(400);
    expect(String(second.body.detail)).toMatch(/invalid rule pack/);
    expect(await statusOf('y.typ', y2)).not.toBe('active');
    expect(await statusOf('y.typ', y1)).toBe('active');
    const pack = await effectivePack(api.db, api.books.platformId);
    expect(pack.typologies.find((t) => t.id === 'y.typ')?.rules[0]?.ruleId).toBe('cn.fan_in_24h');
  });

  it('numbers a stored version of a built-in rule above the built-in one', async () => {
    const rules = await api.call('GET', `${base}/rules`, { key: analyst });
    const builtIn = (rules.body.rules as { id: string; version: number }[]).find(
      (rule) => rule.id === 'cn.fan_in_24h',
    );
    expect(builtIn?.version).toBe(2);
    expect(await save('rule', { ...builtIn, description: 'tuned fan-in' })).toBe(3);
  });

  it('makes a version whose activation was rejected a draft that can be asked for again', async () => {
    const version = await save('typology', typology('z.typ', 'cn.fan_in_24h'));
    expect((await decide(await asked('z.typ', version), 'reject')).status).toBe(200);
    expect(await statusOf('z.typ', version)).toBe('draft');
    expect((await decide(await asked('z.typ', version), 'approve')).status).toBe(200);
    expect(await statusOf('z.typ', version)).toBe('active');
  });

  it('asks for one version of a rule at a time and never activates an older one', async () => {
    const older = await save('typology', typology('w.typ', 'cn.fan_in_24h', 0.6));
    const newer = await save('typology', typology('w.typ', 'cn.fan_in_24h', 0.7));
    const newerApproval = await asked('w.typ', newer);
    const meanwhile = await ask('w.typ', older);
    expect(meanwhile.status).toBe(409);
    expect((await decide(newerApproval, 'approve')).status).toBe(200);
    const stale = await ask('w.typ', older);
    expect(stale.status).toBe(409);
    expect(String(stale.body.detail)).toMatch(/newer/);
    const pack = await effectivePack(api.db, api.books.platformId);
    expect(pack.typologies.find((t) => t.id === 'w.typ')?.alertThreshold).toBe(0.7);
  });
});
