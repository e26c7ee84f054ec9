import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from './severity.js';
import {
  SLA_POLICIES_DEFAULT,
  slaAfterSeverityRaise,
  slaEventsDue,
  slaStatus,
  slaWindow,
} from './sla.js';

const HOUR_MS = 3_600_000;

describe('SLA', () => {
  it('has the default deadlines per severity and warns at 75 %', () => {
    const start = Date.UTC(2025, 0, 6, 9);
    const critical = slaWindow(start, SLA_POLICIES_DEFAULT.critical);
    expect(critical.dueAtMs - start).toBe(4 * HOUR_MS);
    expect(critical.warnAtMs - start).toBe(3 * HOUR_MS);
    expect(slaWindow(start, SLA_POLICIES_DEFAULT.high).dueAtMs - start).toBe(24 * HOUR_MS);
    expect(slaWindow(start, SLA_POLICIES_DEFAULT.medium).dueAtMs - start).toBe(72 * HOUR_MS);
    expect(slaWindow(start, SLA_POLICIES_DEFAULT.low).dueAtMs - start).toBe(168 * HOUR_MS);
  });

  it('reports status and owes each event once', () => {
    const window = slaWindow(0, SLA_POLICIES_DEFAULT.critical);
    expect(slaStatus(window, 3 * HOUR_MS - 1)).toBe('on_time');
    expect(slaStatus(window, 3 * HOUR_MS)).toBe('warning');
    expect(slaStatus(window, 4 * HOUR_MS)).toBe('breached');
    const none = { warned: false, breached: false };
    expect(slaEventsDue(window, none, HOUR_MS)).toEqual([]);
    expect(slaEventsDue(window, none, 3 * HOUR_MS)).toEqual(['sla_warning']);
    expect(slaEventsDue(window, none, 5 * HOUR_MS)).toEqual(['sla_warning', 'sla_breach']);
    expect(slaEventsDue(window, { warned: true, breached: false }, 5 * HOUR_MS)).toEqual([
      'sla_breach',
    ]);
    expect(slaEventsDue(window, { warned: true, breached: true }, 9 * HOUR_MS)).toEqual([]);
  });

  it('property: a raised severity never moves the deadline later', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 30 * 24 * HOUR_MS }),
        fc.constantFrom(...SEVERITIES),
        fc.constantFrom(...SEVERITIES),
        (start, elapsed, from, to) => {
          const before = slaWindow(start, SLA_POLICIES_DEFAULT[from]);
          const after = slaAfterSeverityRaise(before, start + elapsed, SLA_POLICIES_DEFAULT[to]);
          expect(after.dueAtMs).toBeLessThanOrEqual(before.dueAtMs);
          expect(after.warnAtMs).toBeLessThanOrEqual(after.dueAtMs);
          expect(after.startedAtMs).toBeGreaterThanOrEqual(before.startedAtMs);
        },
      ),
    );
  });
});
