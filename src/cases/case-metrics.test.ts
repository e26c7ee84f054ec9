import { describe, expect, it } from 'vitest';
import {
  queueMetrics,
  ruleMetrics,
  summarizeDurations,
  type CaseMetricInput,
} from './case-metrics.js';

const HOUR = 3_600_000;

function metricCase(overrides: Partial<CaseMetricInput>): CaseMetricInput {
  return {
    queue: 'rules',
    openedAtMs: 0,
    triagedAtMs: null,
    closedAtMs: null,
    slaDueAtMs: 24 * HOUR,
    slaBreachedAtMs: null,
    disposition: null,
    ruleIds: ['r1'],
    ...overrides,
  };
}

describe('case metrics', () => {
  it('summarizes durations with nearest-rank percentiles', () => {
    expect(summarizeDurations([])).toEqual({ count: 0, p50Ms: null, p90Ms: null, meanMs: null });
    expect(summarizeDurations([40, 10, 30, 20])).toEqual({
      count: 4,
      p50Ms: 20,
      p90Ms: 40,
      meanMs: 25,
    });
  });

  it('computes triage and close times and the SLA breach rate per queue', () => {
    const cases = [
      metricCase({ triagedAtMs: HOUR, closedAtMs: 2 * HOUR, disposition: 'false_positive' }),
      metricCase({ triagedAtMs: 3 * HOUR, closedAtMs: 30 * HOUR, disposition: 'referred' }),
      metricCase({ openedAtMs: 10 * HOUR, slaDueAtMs: 34 * HOUR }),
      metricCase({ queue: 'kri', slaBreachedAtMs: 24 * HOUR }),
    ];
    const rules = queueMetrics('rules', cases, 20 * HOUR);
    expect(rules).toMatchObject({ cases: 3, open: 1, closed: 2 });
    expect(rules.timeToTriage).toMatchObject({ count: 2, p50Ms: HOUR, meanMs: 2 * HOUR });
    expect(rules.timeToClose).toMatchObject({ count: 2, p90Ms: 30 * HOUR });
    // Closed on time, closed late; the open one is not yet due and does not count.
    expect(rules.slaBreachRate).toBe(0.5);
    expect(queueMetrics('kri', cases, 20 * HOUR).slaBreachRate).toBe(1);
    expect(queueMetrics('security', cases, 20 * HOUR).slaBreachRate).toBeNull();
  });

  it('gives each rule its false-positive rate over closed cases', () => {
    const cases = [
      metricCase({ closedAtMs: 1, disposition: 'false_positive', ruleIds: ['r1', 'r1', 'r2'] }),
      metricCase({ closedAtMs: 1, disposition: 'confirmed_reported', ruleIds: ['r1'] }),
      metricCase({ ruleIds: ['r3'] }),
    ];
    expect(ruleMetrics(cases)).toEqual([
      { ruleId: 'r1', closedCases: 2, falsePositives: 1, falsePositiveRate: 0.5 },
      { ruleId: 'r2', closedCases: 1, falsePositives: 1, falsePositiveRate: 1 },
    ]);
  });
});
