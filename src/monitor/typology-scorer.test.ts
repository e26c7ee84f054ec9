import { describe, expect, it } from 'vitest';
import { DAY_MS } from './limits.js';
import { MonitoringEngine } from './monitoring-engine.js';
import { pack, rule, T0_MS, transfer, withdrawal } from './test-kit.js';

const matchRule = (id: string, purpose: string, mode: 'sync' | 'async' = 'async') =>
  rule({
    id,
    mode,
    template: 'threshold',
    params: { direction: 'out', filter: { purposes: [purpose] } },
  });

const typology = (
  id: string,
  members: [string, number][],
  alertThreshold: number,
  interdictionThreshold: number,
) => ({
  id,
  version: 2,
  description: id,
  rules: members.map(([ruleId, weight]) => ({ ruleId, weight })),
  windowMs: 10 * DAY_MS,
  alertThreshold,
  interdictionThreshold,
  severity: 'high' as const,
});

function engine() {
  return new MonitoringEngine(
    pack(
      [matchRule('r.a', 'a'), matchRule('r.b', 'b'), matchRule('r.c', 'c', 'sync')],
      [
        typology(
          't.ab',
          [
            ['r.a', 1],
            ['r.b', 3],
          ],
          0.5,
          0.9,
        ),
        typology(
          't.top',
          [
            ['t.ab', 1],
            ['r.c', 1],
          ],
          0.9,
          0.95,
        ),
      ],
    ),
  );
}

describe('typologies', () => {
  it('combine weighted rule outcomes and alert at the threshold, once per window', () => {
    const subject = engine();
    expect(
      subject.observe(withdrawal('x', 1n, { purpose: 'a' })).map((alert) => alert.ruleId),
    ).toEqual(['r.a']);
    const alerts = subject.observe(withdrawal('x', 1n, { purpose: 'b', atMs: T0_MS + DAY_MS }));
    const typologyAlert = alerts.find((alert) => alert.source === 'typology');
    expect(typologyAlert).toMatchObject({
      ruleId: 't.ab',
      ruleVersion: 2,
      score: 1,
      customerId: 'x',
    });
    expect(typologyAlert?.explanation.eventIds).toHaveLength(2);
    expect(
      subject
        .observe(withdrawal('x', 1n, { purpose: 'a', atMs: T0_MS + 2 * DAY_MS }))
        .filter((alert) => alert.source === 'typology'),
    ).toEqual([]);
  });

  it('forget outcomes older than the window', () => {
    const subject = engine();
    subject.observe(withdrawal('x', 1n, { purpose: 'b' }));
    const late = subject.observe(withdrawal('x', 1n, { purpose: 'a', atMs: T0_MS + 11 * DAY_MS }));
    expect(late.filter((alert) => alert.source === 'typology')).toEqual([]);
  });

  it('score below the threshold stays quiet: one light rule out of four weights', () => {
    const subject = engine();
    const alerts = subject.observe(withdrawal('x', 1n, { purpose: 'a' }));
    expect(alerts.every((alert) => alert.source === 'rule')).toBe(true);
  });

  it('nest: a typology of a typology and a sync rule interdicts in check()', () => {
    const subject = engine();
    subject.observe(withdrawal('x', 1n, { purpose: 'a' }));
    subject.observe(withdrawal('x', 1n, { purpose: 'b' }));
    const decision = subject.check(transfer('x', 'y', 1n, { purpose: 'c' }));
    expect(decision.action).toBe('hold');
    const ids = decision.action === 'allow' ? [] : decision.alerts.map((alert) => alert.ruleId);
    expect(ids).toEqual(['r.c', 't.ab', 't.top']);
    expect(subject.check(transfer('y', 'x', 1n, { purpose: 'c' })).action).toBe('hold');
    expect(subject.check(transfer('z', 'y', 1n, { purpose: 'd' })).action).toBe('allow');
  });
});
