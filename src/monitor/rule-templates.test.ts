import { describe, expect, it } from 'vitest';
import { DAY_MS } from './limits.js';
import { MonitoringEngine } from './monitoring-engine.js';
import { deposit, HOUR, pack, rule, T0_MS, transfer, withdrawal } from './test-kit.js';

describe('rule templates', () => {
  it('list_membership fires on a listed device, only for the side it watches', () => {
    const engine = new MonitoringEngine(
      pack([
        rule({
          template: 'list_membership',
          params: { direction: 'out', filter: {}, field: 'device', values: ['bad-device'] },
        }),
      ]),
    );
    expect(engine.observe(transfer('a', 'b', 1n, { channel: { deviceId: 'good' } }))).toEqual([]);
    expect(engine.observe(deposit('b', 1n, { channel: { deviceId: 'bad-device' } }))).toEqual([]);
    const [alert] = engine.observe(transfer('a', 'b', 1n, { channel: { deviceId: 'bad-device' } }));
    expect(alert).toMatchObject({ ruleId: 'r.test', customerId: 'a', score: 1 });
    expect(alert?.explanation.values['device']).toBe('bad-device');
  });

  it('threshold with direction each alerts for payer and payee separately', () => {
    const engine = new MonitoringEngine(
      pack([
        rule({
          template: 'threshold',
          params: { direction: 'each', filter: {}, atLeast: { CNY: '10', USD: '2' } },
        }),
      ]),
    );
    expect(engine.observe(transfer('a', 'b', 999n))).toEqual([]);
    const alerts = engine.observe(transfer('a', 'b', 2_000n));
    expect(alerts.map((alert) => alert.customerId)).toEqual(['b', 'a']);
    expect(alerts[0]?.score).toBe(1);
    expect(engine.observe(transfer('a', 'b', 200n, { currency: 'USD' }))).toHaveLength(2);
    expect(engine.observe(transfer('a', 'b', 10_000n, { currency: 'EUR' }))).toEqual([]);
  });

  it('aggregate alerts once per window (cooldown) with a deterministic key', () => {
    const params = {
      keyBy: 'customer' as const,
      direction: 'out' as const,
      filter: {},
      window: { kind: 'sliding' as const, windowMs: DAY_MS, bucketMs: HOUR },
      conditions: [{ measure: 'count' as const, atLeast: 2 }],
      combine: 'all' as const,
    };
    const engine = new MonitoringEngine(pack([rule({ template: 'aggregate', params })]));
    engine.observe(withdrawal('a', 1n));
    const [first] = engine.observe(withdrawal('a', 1n, { atMs: T0_MS + HOUR }));
    expect(first?.alertKey).toBe(`r.test:p1:a:${T0_MS + HOUR - DAY_MS}`);
    expect(engine.observe(withdrawal('a', 1n, { atMs: T0_MS + 2 * HOUR }))).toEqual([]);
    expect(engine.observe(withdrawal('a', 1n, { atMs: T0_MS + 26 * HOUR }))).toHaveLength(1);
  });

  it('aggregate by counterparty keeps pairs apart; any-combine takes the best condition', () => {
    const params = {
      keyBy: 'counterparty' as const,
      direction: 'out' as const,
      filter: {},
      window: { kind: 'sliding' as const, windowMs: DAY_MS, bucketMs: HOUR },
      conditions: [
        { measure: 'count' as const, atLeast: 3 },
        { measure: 'max' as const, atLeast: { CNY: '100' } },
      ],
      combine: 'any' as const,
    };
    const engine = new MonitoringEngine(pack([rule({ template: 'aggregate', params })]));
    engine.observe(transfer('a', 'b', 1n));
    engine.observe(transfer('a', 'c', 1n));
    expect(engine.observe(transfer('a', 'b', 1n))).toEqual([]);
    const [alert] = engine.observe(transfer('a', 'b', 1n));
    expect(alert?.explanation.values).toMatchObject({ count: 3, max: '0.01 CNY' });
    const [big] = engine.observe(transfer('a', 'c', 200_00n));
    expect(big?.score).toBe(1);
  });

  it('baseline_deviation needs history and fires on a spike only', () => {
    const params = {
      keyBy: 'customer' as const,
      direction: 'in' as const,
      filter: {},
      metric: 'count' as const,
      utcOffsetMinutes: 0,
      periodDays: 1,
      baselineDays: 20,
      minHistoryDays: 10,
      sigmaMultiple: 2,
      meanMultiple: 2,
      minCount: 3,
    };
    const engine = new MonitoringEngine(pack([rule({ template: 'baseline_deviation', params })]));
    const alerts = [];
    for (let day = 0; day < 15; day += 1) {
      for (let index = 0; index < (day % 2 === 0 ? 1 : 2); index += 1) {
        alerts.push(...engine.observe(deposit('a', 1n, { atMs: T0_MS + day * DAY_MS + index })));
      }
    }
    expect(alerts).toEqual([]);
    for (let index = 0; index < 5; index += 1)
      alerts.push(...engine.observe(deposit('a', 1n, { atMs: T0_MS + 15 * DAY_MS + index })));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.explanation.values['count']).toBe(3);
  });
});
