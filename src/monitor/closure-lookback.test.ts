import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnRulePack } from './cn-rule-pack.js';
import { DAY_MS } from './limits.js';
import type { MonitoredEvent } from './monitored-event.js';
import { MonitoringEngine } from './monitoring-engine.js';
import { deposit, profile, T0_MS, withdrawal } from './test-kit.js';

const RULE = 'cn.flows_before_closure';
const THRESHOLD_MINOR = 500_000_00;
const CLOSED_AT_MS = T0_MS + 60 * DAY_MS;

const flowArbitrary = fc.record({
  beforeClosureMs: fc.integer({ min: 1, max: 59 * DAY_MS }),
  amountMinor: fc.integer({ min: 1_000_00, max: 200_000_00 }),
  out: fc.boolean(),
});

function flowsOf(items: { beforeClosureMs: number; amountMinor: number; out: boolean }[]) {
  return items
    .map((item, index) => {
      const atMs = CLOSED_AT_MS - item.beforeClosureMs;
      const amountMinor = BigInt(item.amountMinor);
      return item.out
        ? withdrawal('c1', amountMinor, { atMs, eventId: `f${index}` })
        : deposit('c1', amountMinor, { atMs, eventId: `f${index}` });
    })
    .sort((a, b) => a.atMs - b.atMs);
}

/** Money moved in (closure − span, closure], exactly. */
function movedWithin(events: MonitoredEvent[], spanMs: number): number {
  return events
    .filter((item) => item.atMs > CLOSED_AT_MS - spanMs)
    .reduce((sum, item) => sum + Number(item.amountMinor), 0);
}

function closeAfter(engine: MonitoringEngine, events: MonitoredEvent[]) {
  const alerts = events.flatMap((item) => engine.observe(item));
  alerts.push(...engine.upsertProfile(profile('c1', { closedAtMs: CLOSED_AT_MS })));
  alerts.push(...engine.observe(withdrawal('c1', 1_00n, { atMs: CLOSED_AT_MS + 1000 })));
  return alerts.filter((alert) => alert.ruleId === RULE);
}

function freshEngine(): MonitoringEngine {
  const engine = new MonitoringEngine(cnRulePack());
  engine.upsertProfile(profile('c1'));
  return engine;
}

describe('flows before closure look back when the closure is recorded', () => {
  it('fires once when the 30 days before closure moved the threshold, never on less than it', () => {
    fc.assert(
      fc.property(fc.array(flowArbitrary, { minLength: 1, maxLength: 30 }), (items) => {
        const events = flowsOf(items);
        const fired = closeAfter(freshEngine(), events);
        expect(fired.length).toBeLessThanOrEqual(1);
        // Day buckets: the window may reach up to one day further back, never less far.
        if (movedWithin(events, 30 * DAY_MS) >= THRESHOLD_MINOR) expect(fired).toHaveLength(1);
        if (movedWithin(events, 31 * DAY_MS) < THRESHOLD_MINOR) expect(fired).toEqual([]);
        if (fired[0] !== undefined) {
          expect(fired[0].atMs).toBe(CLOSED_AT_MS);
          expect(fired[0].customerId).toBe('c1');
          expect(fired[0].explanation.eventIds.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('decides nothing while the account is open, and the same after snapshot and restore', () => {
    const events = flowsOf([
      { beforeClosureMs: 20 * DAY_MS, amountMinor: 200_000_00, out: false },
      { beforeClosureMs: 10 * DAY_MS, amountMinor: 200_000_00, out: true },
      { beforeClosureMs: 5 * DAY_MS, amountMinor: 150_000_00, out: false },
    ]);
    const open = freshEngine();
    const whileOpen = events.flatMap((item) => open.observe(item));
    expect(whileOpen.filter((alert) => alert.ruleId === RULE)).toEqual([]);
    const restored = MonitoringEngine.restore(cnRulePack(), open.snapshot());
    const straight = closeAfter(freshEngine(), events);
    const resumed = restored.upsertProfile(profile('c1', { closedAtMs: CLOSED_AT_MS }));
    expect(straight).toHaveLength(1);
    expect(resumed.filter((alert) => alert.ruleId === RULE)).toEqual(straight);
    // Recording the same closure again raises nothing new.
    expect(restored.upsertProfile(profile('c1', { closedAtMs: CLOSED_AT_MS }))).toEqual([]);
  });
});
