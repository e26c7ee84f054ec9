import { describe, expect, it } from 'vitest';
import type { MonitoringAlert } from '../monitor/index.js';
import { AlertInputSchema } from '../cases/alert-input.js';
import { refusalAlertInputs, REFUSAL_ALERTS_MAX } from './refusal-alerts.js';

function checkAlert(overrides: Partial<MonitoringAlert> = {}): MonitoringAlert {
  return {
    alertKey: 'p.block:plat_1:cus_1:1700000000000',
    platformId: 'plat_1',
    source: 'rule',
    ruleId: 'p.block',
    ruleVersion: 3,
    severity: 'high',
    customerId: 'cus_1',
    score: 0.75,
    atMs: 1_700_000_000_000,
    explanation: {
      summary: 'p.block for cus_1: amount CNY 100.00 (at least CNY 50.00).',
      values: { amount: 'CNY 100.00' },
      thresholds: { amount: 'CNY 50.00' },
      eventIds: ['ins_a', 'ins_b', 'ins_refused'],
    },
    ...overrides,
  };
}

describe('refusalAlertInputs', () => {
  it('keys each refusal by its instruction and keeps the explanation the check gave', () => {
    const alert = checkAlert();
    const [input] = refusalAlertInputs([alert], 'ins_refused');
    expect(input).toEqual({
      ...alert,
      alertKey: 'p.block:plat_1:refused:ins_refused',
      explanation: {
        summary:
          'Refused before posting (instruction ins_refused): p.block for cus_1: amount CNY 100.00 (at least CNY 50.00).',
        values: { amount: 'CNY 100.00', refusedInstructionId: 'ins_refused' },
        thresholds: { amount: 'CNY 50.00' },
        eventIds: ['ins_a', 'ins_b', 'ins_refused'],
      },
    });
    expect(AlertInputSchema.safeParse(input).success).toBe(true);
  });

  it('names the refused instruction last even when the check did not quote it', () => {
    const alert = checkAlert();
    alert.explanation.eventIds = ['ins_refused', 'ins_a'];
    const [input] = refusalAlertInputs([alert], 'ins_refused');
    expect(input?.explanation.eventIds).toEqual(['ins_a', 'ins_refused']);
  });

  it('names the refused instruction once when the rule already quotes it', () => {
    const summary = 'cn.large_cash: transfer ins_refused of CNY 60,000.00 for customer cus_1.';
    const alert = checkAlert({ explanation: { ...checkAlert().explanation, summary } });
    const [input] = refusalAlertInputs([alert], 'ins_refused');
    expect(input?.explanation.summary).toBe(`Refused before posting: ${summary}`);
    expect(input?.explanation.summary.split('ins_refused')).toHaveLength(2);
  });

  it('gives two refusals of one rule two alerts, and changes nothing it was given', () => {
    const alert = checkAlert();
    const before = JSON.stringify(alert);
    const keys = ['ins_1', 'ins_2'].map((id) => refusalAlertInputs([alert], id)[0]?.alertKey);
    expect(new Set(keys).size).toBe(2);
    expect(JSON.stringify(alert)).toBe(before);
  });

  it('keeps typology alerts as typology alerts and bounds long keys and long lists', () => {
    const typology = checkAlert({ source: 'typology', ruleId: 't.money_mule' });
    const [input] = refusalAlertInputs([typology], 'ins_x'.padEnd(300, 'x'));
    expect(input?.source).toBe('typology');
    expect(input?.alertKey.startsWith('t.money_mule:sha256:')).toBe(true);
    expect(input?.alertKey.length).toBeLessThanOrEqual(200);
    const many = Array.from({ length: REFUSAL_ALERTS_MAX + 5 }, () => checkAlert());
    expect(refusalAlertInputs(many, 'ins_y')).toHaveLength(REFUSAL_ALERTS_MAX);
  });
});
