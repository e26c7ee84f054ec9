import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MonitoredEvent } from '../monitor/monitored-event.js';
import { EvaluationScorer } from './evaluation-scorer.js';

const event = (
  id: string,
  payer: string | null,
  payee: string | null,
  atMs: number,
): MonitoredEvent => ({
  eventId: id,
  platformId: 'p',
  atMs,
  kind: 'transfer',
  purpose: 'debt_transfer',
  amountMinor: 100n,
  currency: 'CNY',
  payerCustomerId: payer,
  payeeCustomerId: payee,
  payerAccountId: payer,
  payeeAccountId: payee,
});

describe('EvaluationScorer', () => {
  it('counts an instance only through rules mapped to its typology, after it starts', () => {
    const scorer = new EvaluationScorer();
    scorer.setWindow(1000, 10_000);
    for (const id of ['a', 'b', 'c', 'd']) scorer.addCustomer(id);
    scorer.addInstance({
      instanceId: 'f#1',
      typology: 'fan_out',
      scope: 'customer',
      atMs: 2000,
      customerIds: ['a'],
    });
    scorer.addInstance({
      instanceId: 'f#2',
      typology: 'fan_out',
      scope: 'customer',
      atMs: 2000,
      customerIds: ['b'],
    });
    scorer.addInstance({
      instanceId: 'n#1',
      typology: 'night_activity',
      scope: 'customer',
      atMs: 5000,
      customerIds: ['c'],
    });
    scorer.addAlert({ customerId: 'a', ruleId: 'cn.fan_out_24h', atMs: 2500 });
    scorer.addAlert({ customerId: 'b', ruleId: 'cn.round_amounts', atMs: 2500 });
    scorer.addAlert({ customerId: 'c', ruleId: 'cn.night_large_single', atMs: 4000 });
    scorer.addAlert({ customerId: 'd', ruleId: 'cn.fan_out_24h', atMs: 3000 });
    scorer.addAlert({ customerId: 'd', ruleId: 'cn.fan_out_24h', atMs: 500 });
    const score = scorer.score();
    const byTypology = Object.fromEntries(score.typologies.map((t) => [t.typology, t]));
    expect(byTypology.fan_out).toMatchObject({ instances: 2, detected: 1, recall: 0.5 });
    expect(byTypology.night_activity).toMatchObject({ instances: 1, detected: 0, recall: 0 });
    expect(score.alerts).toBe(4);
    expect(score.alertedCustomers).toBe(4);
    expect(score.alertedLabelledCustomers).toBe(3);
    expect(score.customerPrecision).toBe(0.75);
    expect(score.alertPrecision).toBe(0.75);
    expect(score.alertsPerThousandCustomers).toBe(1000);
    expect(score.rules[0]).toEqual({ ruleId: 'cn.fan_out_24h', alerts: 2, alertsOnLabelled: 1 });
  });

  it('detects a platform-wide instance from a platform alert soon after it starts', () => {
    const scorer = new EvaluationScorer();
    scorer.addInstance({
      instanceId: 'w#1',
      typology: 'withdrawal_run',
      scope: 'platform',
      atMs: 1000,
      customerIds: [],
    });
    scorer.addAlert({ customerId: null, ruleId: 'cn.withdrawal_run', atMs: 5000 });
    const score = scorer.score();
    expect(score.typologies[0]).toMatchObject({ typology: 'withdrawal_run', detected: 1 });
    expect(score.platformAlerts).toBe(1);
    expect(score.customerPrecision).toBeNull();
  });

  it('builds instances from labelled rows when the input has no instance records', () => {
    const scorer = new EvaluationScorer();
    scorer.addEvent(event('1', 'x', 'y', 10), 'laundering', null);
    scorer.addEvent(event('2', 'x', 'z', 20), 'laundering', null);
    scorer.addEvent(event('3', 'q', 'r', 30), null, null);
    scorer.addAlert({ customerId: 'z', ruleId: 'any.rule', atMs: 40 });
    scorer.addAlert({ customerId: 'q', ruleId: 'any.rule', atMs: 40 });
    const score = scorer.score();
    expect(score.customers).toBe(5);
    expect(score.labelledCustomers).toBe(3);
    expect(score.typologies).toEqual([
      { typology: 'laundering', instances: 1, detected: 1, recall: 1, rules: [] },
    ]);
    expect(score.customerPrecision).toBe(0.5);
  });

  it('keeps detected ≤ instances and precision within [0, 1] for any alerts', () => {
    const customer = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const rule = fc.constantFrom('cn.fan_in_24h', 'cn.round_amounts', 'cn.withdrawal_run', 'x');
    const alert = fc.record({
      customerId: fc.option(customer, { nil: null }),
      ruleId: rule,
      atMs: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.array(alert, { maxLength: 40 }),
        fc.subarray(['a', 'b', 'c']),
        (alerts, suspects) => {
          const scorer = new EvaluationScorer();
          scorer.addInstance({
            instanceId: 'i',
            typology: 'fan_in',
            scope: 'customer',
            atMs: 50,
            customerIds: suspects,
          });
          for (const entry of alerts) scorer.addAlert(entry);
          const score = scorer.score();
          for (const typology of score.typologies)
            expect(typology.detected).toBeLessThanOrEqual(typology.instances);
          const precision = score.customerPrecision ?? 0;
          expect(precision >= 0 && precision <= 1).toBe(true);
          expect(score.alerts).toBe(alerts.length);
          const hit = alerts.some(
            (a) =>
              a.customerId !== null &&
              suspects.includes(a.customerId) &&
              a.ruleId === 'cn.fan_in_24h' &&
              a.atMs >= 50,
          );
          expect(score.typologies[0]?.detected).toBe(hit ? 1 : 0);
        },
      ),
    );
  });
});
