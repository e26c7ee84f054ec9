import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertInput } from './alert-input.js';
import { planAlerts, scopedKey, type AlertPlanState } from './alert-plan.js';
import { SLA_POLICIES_DEFAULT, slaWindow } from './sla.js';
import { SEVERITIES, severityRank, type Severity } from './severity.js';

function alert(overrides: Partial<AlertInput> = {}): AlertInput {
  return {
    alertKey: 'r1:cus_a:2025-01-06',
    platformId: 'plt_1',
    source: 'rule',
    ruleId: 'r1',
    ruleVersion: 1,
    severity: 'medium',
    customerId: 'cus_a',
    score: 0.7,
    atMs: 1_000,
    explanation: { summary: 'x', values: {}, thresholds: {}, eventIds: [] },
    ...overrides,
  };
}

function state(overrides: Partial<AlertPlanState> = {}): AlertPlanState {
  let n = 0;
  return {
    existingAlerts: new Map(),
    openCases: new Map(),
    policies: SLA_POLICIES_DEFAULT,
    nowMs: 10_000,
    newAlertId: () => `alr_${(n += 1)}`,
    newCaseId: () => `cas_${(n += 1)}`,
    ...overrides,
  };
}

describe('planAlerts', () => {
  it('groups a customer’s new alerts into one new case with the highest severity', () => {
    const plan = planAlerts(
      [
        alert({ alertKey: 'a', severity: 'low' }),
        alert({ alertKey: 'b', severity: 'high', ruleId: 'r2' }),
        alert({ alertKey: 'c', customerId: 'cus_b' }),
      ],
      state(),
    );
    expect(plan.newCases).toHaveLength(2);
    const first = plan.newCases[0];
    expect(first?.severity).toBe('high');
    expect(first?.priority).toBe(2);
    expect(first?.alertCount).toBe(2);
    expect(first?.sla).toEqual(slaWindow(10_000, SLA_POLICIES_DEFAULT.high));
    expect(plan.alertRows.filter((r) => r.caseId === first?.id)).toHaveLength(2);
  });

  it('counts repeats, in the batch and against stored alerts, instead of adding alerts', () => {
    const plan = planAlerts(
      [
        alert({ alertKey: 'seen', atMs: 5 }),
        alert({ alertKey: 'seen', atMs: 9 }),
        alert({ alertKey: 'new', atMs: 7 }),
        alert({ alertKey: 'new', atMs: 3 }),
      ],
      state({ existingAlerts: new Map([[scopedKey('plt_1', 'seen'), { caseId: 'cas_old' }]]) }),
    );
    const seen = plan.alertRows.find((r) => r.input.alertKey === 'seen');
    expect(seen).toMatchObject({ isNew: false, caseId: 'cas_old', occurrences: 2 });
    expect(seen).toMatchObject({ firstSeenAtMs: 5, lastSeenAtMs: 9 });
    const fresh = plan.alertRows.find((r) => r.input.alertKey === 'new');
    expect(fresh).toMatchObject({ isNew: true, occurrences: 2, firstSeenAtMs: 3, lastSeenAtMs: 7 });
    expect(plan.newCases).toHaveLength(1);
    expect(plan.newCases[0]?.alertCount).toBe(1);
  });

  it('joins an open case and tightens its SLA when the severity rises', () => {
    const open = {
      id: 'cas_open',
      severity: 'low' as Severity,
      sla: slaWindow(0, SLA_POLICIES_DEFAULT.low),
    };
    const plan = planAlerts(
      [alert({ severity: 'critical' })],
      state({ openCases: new Map([[scopedKey('plt_1', 'customer:cus_a'), open]]) }),
    );
    expect(plan.newCases).toEqual([]);
    expect(plan.caseUpdates).toEqual([
      {
        id: 'cas_open',
        platformId: 'plt_1',
        alertsAdded: 1,
        severity: 'critical',
        priority: 1,
        sla: slaWindow(10_000, SLA_POLICIES_DEFAULT.critical),
        severityRaisedFrom: 'low',
      },
    ]);
  });

  it('groups alerts without a customer per platform and queue', () => {
    const plan = planAlerts(
      [
        alert({ alertKey: 'k1', customerId: null, source: 'reconciliation' }),
        alert({ alertKey: 'k2', customerId: null, source: 'security' }),
        alert({ alertKey: 'k3', customerId: null, source: 'security' }),
      ],
      state(),
    );
    expect(plan.newCases.map((c) => [c.groupKey, c.queue, c.alertCount])).toEqual([
      ['platform:reconciliation', 'reconciliation', 1],
      ['platform:security', 'security', 2],
    ]);
  });

  it('property: every alert is in exactly one row, and occurrences add up to the batch', () => {
    const arbitrary = fc.array(
      fc.record({
        key: fc.constantFrom('a', 'b', 'c', 'd'),
        customer: fc.constantFrom('cus_1', 'cus_2', null),
        severity: fc.constantFrom(...SEVERITIES),
        platform: fc.constantFrom('plt_1', 'plt_2'),
      }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(arbitrary, (specs) => {
        const alerts = specs.map((s) =>
          alert({
            alertKey: s.key,
            customerId: s.customer,
            severity: s.severity,
            platformId: s.platform,
          }),
        );
        const plan = planAlerts(alerts, state());
        const total = plan.alertRows.reduce((sum, r) => sum + r.occurrences, 0);
        expect(total).toBe(alerts.length);
        const keys = plan.alertRows.map((r) => scopedKey(r.input.platformId, r.input.alertKey));
        expect(new Set(keys).size).toBe(keys.length);
        const caseIds = new Set(plan.newCases.map((c) => c.id));
        for (const row of plan.alertRows) expect(caseIds.has(row.caseId)).toBe(true);
        for (const c of plan.newCases) {
          const members = plan.alertRows.filter((r) => r.caseId === c.id);
          expect(members).toHaveLength(c.alertCount);
          const worst = Math.max(...members.map((m) => severityRank(m.input.severity)));
          expect(severityRank(c.severity)).toBe(worst);
        }
      }),
    );
  });
});
