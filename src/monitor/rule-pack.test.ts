import { describe, expect, it } from 'vitest';
import { cnRulePack } from './cn-rule-pack.js';
import { DAY_MS } from './limits.js';
import { validateRulePack } from './rule-pack.js';
import { rule } from './test-kit.js';

const sumRule = (overrides: Record<string, unknown> = {}, params: Record<string, unknown> = {}) =>
  rule({
    template: 'aggregate',
    params: {
      keyBy: 'customer',
      direction: 'in',
      filter: {},
      window: { kind: 'sliding', windowMs: DAY_MS, bucketMs: 3_600_000 },
      conditions: [{ measure: 'sum', atLeast: { CNY: '1000' } }],
      combine: 'all',
      ...params,
    },
    ...overrides,
  });

const typology = (id: string, members: string[]) => ({
  id,
  version: 1,
  description: 'x',
  rules: members.map((ruleId) => ({ ruleId, weight: 1 })),
  windowMs: DAY_MS,
  alertThreshold: 0.5,
  interdictionThreshold: 0.8,
  severity: 'high',
});

function issuesOf(input: unknown) {
  const result = validateRulePack(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
}

describe('validateRulePack', () => {
  it('accepts the CN pack, also after a JSON round trip', () => {
    const pack = cnRulePack();
    expect(pack.rules.length).toBeGreaterThanOrEqual(30);
    const again = validateRulePack(JSON.parse(JSON.stringify(pack)));
    expect(again.ok).toBe(true);
  });

  it('names an unknown template', () => {
    const issues = issuesOf({
      id: 'p',
      rules: [{ ...sumRule(), template: 'magic' }],
      typologies: [],
    });
    expect(issues.map((issue) => issue.path)).toContain('rules.0.template');
  });

  it('names parameters of the wrong type', () => {
    const bad = sumRule(
      {},
      { window: { kind: 'sliding', windowMs: '1 day', bucketMs: 3_600_000 } },
    );
    const issues = issuesOf({ id: 'p', rules: [bad], typologies: [] });
    expect(issues).toContainEqual(
      expect.objectContaining({ path: 'rules.0.params.window.windowMs' }),
    );
  });

  it('refuses windows beyond 400 days and too many buckets', () => {
    const long = sumRule(
      {},
      { window: { kind: 'sliding', windowMs: 401 * DAY_MS, bucketMs: DAY_MS } },
    );
    const fine = sumRule(
      { id: 'r.fine' },
      { window: { kind: 'sliding', windowMs: 30 * DAY_MS, bucketMs: 60_000 } },
    );
    const issues = issuesOf({ id: 'p', rules: [long, fine], typologies: [] });
    expect(issues).toContainEqual({
      path: 'rules.0.params.window.windowMs',
      message: 'at most 400 days',
    });
    expect(issues.map((issue) => issue.path)).toContain('rules.1.params.window.bucketMs');
  });

  it('refuses bad amounts and unknown currencies with the currency in the path', () => {
    const bad = sumRule(
      {},
      { conditions: [{ measure: 'sum', atLeast: { CNY: '10.001', XYZ: '5' } }] },
    );
    const paths = issuesOf({ id: 'p', rules: [bad], typologies: [] }).map((issue) => issue.path);
    expect(paths).toContain('rules.0.params.conditions.0.atLeast.CNY');
    expect(paths).toContain('rules.0.params.conditions.0.atLeast.XYZ');
  });

  it('refuses a conversion currency the amounts do not name', () => {
    const viaGbp = sumRule(
      {},
      { conditions: [{ measure: 'sum', atLeast: { CNY: '1000' }, otherCurrenciesVia: 'USD' }] },
    );
    const lower = sumRule(
      { id: 'r.lower' },
      { conditions: [{ measure: 'sum', atLeast: { USD: '1000' }, otherCurrenciesVia: 'usd' }] },
    );
    const issues = issuesOf({ id: 'p', rules: [viaGbp, lower], typologies: [] });
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'rules.0.params.conditions.0.otherCurrenciesVia',
        message: 'atLeast names no USD amount',
      }),
    );
    expect(issues.map((issue) => issue.path)).toContain(
      'rules.1.params.conditions.0.otherCurrenciesVia',
    );
    const fine = sumRule(
      {},
      { conditions: [{ measure: 'sum', atLeast: { USD: '1000' }, otherCurrenciesVia: 'USD' }] },
    );
    expect(validateRulePack({ id: 'p', rules: [fine], typologies: [] }).ok).toBe(true);
  });

  it('refuses duplicate ids across rules and typologies', () => {
    const issues = issuesOf({
      id: 'p',
      rules: [sumRule(), sumRule()],
      typologies: [typology('r.test', ['r.test'])],
    });
    const paths = issues.map((issue) => issue.path);
    expect(paths).toContain('rules.1.id');
    expect(paths).toContain('typologies.0.id');
  });

  it('refuses typologies naming unknown rules', () => {
    const issues = issuesOf({
      id: 'p',
      rules: [sumRule()],
      typologies: [typology('t.a', ['r.none'])],
    });
    expect(issues).toContainEqual({
      path: 'typologies.0.rules.0.ruleId',
      message: 'unknown rule or typology r.none',
    });
  });

  it('refuses cycles among typologies, including a typology naming itself', () => {
    const cycle = issuesOf({
      id: 'p',
      rules: [sumRule()],
      typologies: [
        typology('t.a', ['r.test', 't.b']),
        typology('t.b', ['t.c']),
        typology('t.c', ['t.a']),
      ],
    });
    expect(
      cycle.some((issue) => issue.message.startsWith('typology cycle: t.a → t.b → t.c → t.a')),
    ).toBe(true);
    const self = issuesOf({ id: 'p', rules: [sumRule()], typologies: [typology('t.a', ['t.a'])] });
    expect(self).toContainEqual({
      path: 'typologies.0.rules.0.ruleId',
      message: 'typology cycle: t.a → t.a',
    });
  });

  it('accepts a typology of typologies without a cycle', () => {
    const result = validateRulePack({
      id: 'p',
      rules: [sumRule()],
      typologies: [typology('t.a', ['r.test']), typology('t.b', ['t.a', 'r.test'])],
    });
    expect(result.ok).toBe(true);
  });

  it('refuses cross-field mistakes: sync stateful rules, net without both, one threshold only', () => {
    const sequenceSync = rule({
      id: 'r.seq',
      mode: 'sync',
      template: 'sequence',
      params: {
        first: { direction: 'in', filter: {} },
        then: { direction: 'out', filter: {} },
        windowMs: DAY_MS,
        thenShareAtLeast: 0.8,
      },
    });
    const net = sumRule(
      { id: 'r.net' },
      { conditions: [{ measure: 'net_inflow', atLeast: { CNY: '1' } }] },
    );
    const two = sumRule(
      { id: 'r.two' },
      { conditions: [{ measure: 'sum', atLeast: { CNY: '1' }, atLeastCustodyShare: 0.1 }] },
    );
    const issues = issuesOf({ id: 'p', rules: [sequenceSync, net, two], typologies: [] });
    const paths = issues.map((issue) => issue.path);
    expect(paths).toContain('rules.0.mode');
    expect(paths).toContain('rules.1.params.conditions.0.measure');
    expect(paths).toContain('rules.2.params.conditions.0');
    expect(paths).toContain('rules.2.params.conditions.0.atLeastCustodyShare');
  });

  it('refuses unknown fields and distinct thresholds above the set size', () => {
    const extra = sumRule({}, { filter: { kind: 'deposit' } });
    const distinct = sumRule(
      { id: 'r.d' },
      { conditions: [{ measure: 'distinct_count', of: 'ip', atLeast: 65 }] },
    );
    const paths = issuesOf({ id: 'p', rules: [extra, distinct], typologies: [] }).map(
      (issue) => issue.path,
    );
    expect(paths).toContain('rules.0.params.filter');
    expect(paths).toContain('rules.1.params.conditions.0.atLeast');
  });
});
