import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnRulePack } from './cn-rule-pack.js';
import type { EngineSnapshot } from './engine-snapshot.js';
import { MONITORED_EVENT_KINDS, type MonitoredEvent } from './monitored-event.js';
import { MonitoringEngine } from './monitoring-engine.js';
import { DAY, deposit, HOUR, pack, profile, rule, T0_MS, transfer } from './test-kit.js';

const CUSTOMERS = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];

const eventArbitrary = fc.record({
  gapMs: fc.oneof(fc.integer({ min: 0, max: HOUR }), fc.integer({ min: 0, max: 20 * DAY })),
  kind: fc.constantFrom(...MONITORED_EVENT_KINDS),
  purpose: fc.constantFrom('topup', 'disbursement', 'repayment', 'investment'),
  amountMinor: fc.oneof(
    fc.bigInt({ min: 1n, max: 100_000_00n }),
    fc.constantFrom(4_500_000n, 50_000_000n, 1_000_000n),
  ),
  currency: fc.constantFrom('CNY', 'CNY', 'USD', 'JPY'),
  payer: fc.option(fc.constantFrom(...CUSTOMERS), { nil: null }),
  payee: fc.option(fc.constantFrom(...CUSTOMERS), { nil: null }),
  device: fc.constantFrom('d1', 'd2', 'd3'),
  cash: fc.boolean(),
  crossBorder: fc.boolean(),
  ownName: fc.option(fc.boolean(), { nil: undefined }),
});

type StreamItem = typeof eventArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toEvents(items: StreamItem[]): MonitoredEvent[] {
  let atMs = T0_MS;
  return items.map((item, index) => {
    atMs += item.gapMs;
    return {
      eventId: `e${index}`,
      platformId: 'p1',
      atMs,
      kind: item.kind,
      purpose: item.purpose,
      amountMinor: item.amountMinor,
      currency: item.currency,
      payerCustomerId: item.payer,
      payeeCustomerId: item.payee,
      payerAccountId: item.payer === null ? null : `a_${item.payer}`,
      payeeAccountId: item.payee === null ? null : `a_${item.payee}`,
      channel: {
        deviceId: item.device,
        ip: `ip_${item.device}`,
        cash: item.cash,
        crossBorder: item.crossBorder,
        fundingAccountOwnName: item.ownName,
      },
    };
  });
}

function setUp(engine: MonitoringEngine): MonitoringEngine {
  engine.upsertProfile(profile('c0', { declaredMonthlyMinor: 1_000_000n, occupation: 'student' }));
  engine.upsertProfile(profile('c1', { kind: 'entity', openedAtMs: T0_MS }));
  engine.upsertProfile(profile('c2', { closedAtMs: T0_MS + 60 * DAY }));
  engine.setCustodyBalance('p1', 'CNY', 10_000_000n);
  return engine;
}

const OPTIONS = { customersMax: 4, keysPerCustomerMax: 12 };

/**
 * The CN pack over `events` with a snapshot after the first `cut`, passed through JSON (and
 * `rewrite`, when given) and restored into a new engine that observes the rest.
 */
function runWithRestore(
  events: MonitoredEvent[],
  cut: number,
  rewrite?: (snapshot: EngineSnapshot) => void,
) {
  const cnPack = cnRulePack();
  const first = setUp(new MonitoringEngine(cnPack, OPTIONS));
  const before = events.slice(0, cut).flatMap((item) => first.observe(item));
  const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as EngineSnapshot;
  rewrite?.(snapshot);
  const engine = MonitoringEngine.restore(cnPack, snapshot, OPTIONS);
  const after = events.slice(cut).flatMap((item) => engine.observe(item));
  return { alerts: [...before, ...after], engine };
}

describe('MonitoringEngine determinism', () => {
  it('snapshot → restore mid-stream gives exactly the alerts of an uninterrupted run', () => {
    const cnPack = cnRulePack();
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { minLength: 1, maxLength: 120 }),
        fc.nat(),
        (items, cutSeed) => {
          const events = toEvents(items);
          const whole = setUp(new MonitoringEngine(cnPack, OPTIONS));
          const expected = events.flatMap((item) => whole.observe(item));
          const again = setUp(new MonitoringEngine(cnPack, OPTIONS));
          expect(events.flatMap((item) => again.observe(item))).toEqual(expected);
          const restored = runWithRestore(events, cutSeed % (events.length + 1));
          expect(restored.alerts).toEqual(expected);
          expect(restored.engine.stats()).toEqual(whole.stats());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stores custody balances without NUL (PostgreSQL json refuses it) and reads the older form', () => {
    const engine = setUp(new MonitoringEngine(cnRulePack(), OPTIONS));
    const text = JSON.stringify(engine.snapshot());
    expect(text).not.toContain('\\u0000');
    expect((JSON.parse(text) as EngineSnapshot).custody).toEqual([['p1', 'CNY', '10000000']]);
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { minLength: 1, maxLength: 80 }),
        fc.nat(),
        (items, cutSeed) => {
          const events = toEvents(items);
          const cut = cutSeed % (events.length + 1);
          const current = runWithRestore(events, cut);
          const older = runWithRestore(events, cut, (snapshot) => {
            snapshot.custody = snapshot.custody.map((entry): [string, string] =>
              entry.length === 3 ? [`${entry[0]}\u0000${entry[1]}`, entry[2]] : entry,
            );
          });
          expect(older.alerts).toEqual(current.alerts);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('restores a snapshot that kept buckets for distinct-count rules to the same alerts', () => {
    const cnPack = cnRulePack();
    const bucketless = new Set(
      cnPack.rules
        .filter(
          (rule) =>
            rule.template === 'aggregate' &&
            rule.params.conditions.every((condition) => condition.measure === 'distinct_count'),
        )
        .map((rule) => rule.id),
    );
    expect(bucketless.size).toBeGreaterThan(0);
    let rewritten = 0;
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { minLength: 1, maxLength: 100 }),
        fc.nat(),
        (items, cutSeed) => {
          const events = toEvents(items);
          const whole = setUp(new MonitoringEngine(cnPack, OPTIONS));
          const expected = events.flatMap((item) => whole.observe(item));
          // The earlier layout: the newest bucket with a count, as engines before kept it.
          const earlierLayout = (snapshot: EngineSnapshot) => {
            const entries = [
              ...snapshot.customers.flatMap((customer) => [...customer.slots, ...customer.others]),
              ...snapshot.shared,
            ];
            for (const entry of entries) {
              const state = entry.state;
              if (state.t !== 'agg' || !bucketless.has(entry.ruleId)) continue;
              // Written as the newest bucket, of zeros; engines before counted events in it.
              expect(state.b).toEqual([state.last]);
              expect(state.v).toEqual([0, 0, 0, 0]);
              state.v = [1, 0, 0, 0];
              rewritten += 1;
            }
          };
          const restored = runWithRestore(events, cutSeed % (events.length + 1), earlierLayout);
          expect(restored.alerts).toEqual(expected);
          expect(restored.engine.stats()).toEqual(whole.stats());
        },
      ),
      { numRuns: 40 },
    );
    expect(rewritten).toBeGreaterThan(0);
  });

  it('writes snapshots in the full layout whatever a rule keeps in memory', () => {
    const engine = setUp(new MonitoringEngine(cnRulePack()));
    for (let index = 0; index < 40; index += 1) {
      engine.observe(
        transfer(`c${index % 4}`, `c${(index + 1) % 4}`, BigInt(1_000_00 + index * 7_000_00), {
          atMs: T0_MS + index * 7 * HOUR,
          purpose: 'topup',
          channel: { deviceId: `d${index % 3}`, ip: `10.0.0.${index % 5}` },
        }),
      );
    }
    const snapshot = engine.snapshot();
    const states = [
      ...snapshot.customers.flatMap((customer) => [
        ...customer.slots.map((slot) => slot.state),
        ...customer.others.map((other) => other.state),
      ]),
      ...snapshot.shared.map((shared) => shared.state),
    ];
    const aggregates = states.filter((state) => state.t === 'agg');
    const baselines = states.filter((state) => state.t === 'base');
    expect(aggregates.length).toBeGreaterThan(0);
    expect(baselines.length).toBeGreaterThan(0);
    for (const state of aggregates) {
      // Every state has its newest bucket and every field of every slot; rules that read no
      // bucket field (distinct counts only) are written with that bucket alone, of zeros.
      expect(state.b.at(-1)).toBe(state.last);
      expect(state.v.length % (state.b.length * 4)).toBe(0);
    }
    const distinctOnly = snapshot.shared.filter((shared) => shared.ruleId === 'cn.shared_device');
    expect(distinctOnly.length).toBeGreaterThan(0);
    for (const { state } of distinctOnly) {
      if (state.t !== 'agg') throw new Error(`a shared-device state is ${state.t}`);
      expect(state.b).toEqual([state.last]);
      expect(state.v).toEqual([0, 0, 0, 0]);
    }
    for (const state of baselines) {
      expect(state.c.length).toBe(state.b.length);
      expect(state.s.length).toBe(state.b.length);
    }
  });

  it('keeps memory bounded: customers, keys and evictions are counted', () => {
    const engine = new MonitoringEngine(cnRulePack(), { customersMax: 10, keysPerCustomerMax: 4 });
    for (let index = 0; index < 500; index += 1) {
      engine.observe(
        transfer(`c${index % 50}`, `c${(index * 7) % 50}`, 100_000n, {
          atMs: T0_MS + index * 60_000,
          channel: { deviceId: `d${index}` },
        }),
      );
    }
    const stats = engine.stats();
    expect(stats.customers).toBeLessThanOrEqual(10);
    expect(stats.evictions.customers).toBeGreaterThan(0);
    expect(stats.evictions.keys).toBeGreaterThan(0);
    expect(stats.approxBytes).toBeGreaterThan(0);
    const snapshot = engine.snapshot();
    expect(snapshot.customers.length).toBeLessThanOrEqual(10);
    for (const customer of snapshot.customers) {
      expect(customer.slots.length + customer.others.length).toBeLessThanOrEqual(4);
    }
  });

  it('counts late events that fall outside the window and still counts those inside', () => {
    const sumPack = pack([
      rule({
        template: 'aggregate',
        params: {
          keyBy: 'customer',
          direction: 'in',
          filter: {},
          window: { kind: 'sliding', windowMs: 6 * HOUR, bucketMs: HOUR },
          conditions: [{ measure: 'sum', atLeast: { CNY: '100' } }],
          combine: 'all',
        },
      }),
    ]);
    const engine = new MonitoringEngine(sumPack);
    engine.observe(deposit('c1', 60_00n, { atMs: T0_MS + 10 * HOUR }));
    expect(engine.observe(deposit('c1', 60_00n, { atMs: T0_MS }))).toEqual([]);
    expect(engine.stats().lateEvents).toBe(1);
    const alerts = engine.observe(deposit('c1', 40_00n, { atMs: T0_MS + 7 * HOUR }));
    expect(alerts.map((alert) => alert.ruleId)).toEqual(['r.test']);
    expect(engine.stats().lateEvents).toBe(1);
  });

  it('check() changes nothing', () => {
    const engine = setUp(new MonitoringEngine(cnRulePack()));
    engine.observe(deposit('c1', 100_00n));
    const before = JSON.stringify(engine.snapshot());
    engine.check(deposit('c1', 60_000_00n, { channel: { fundingAccountOwnName: false } }));
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('refuses events far ahead of the clock when one is given', () => {
    const engine = new MonitoringEngine(cnRulePack(), { nowMs: () => T0_MS });
    expect(engine.observe(deposit('c1', 1n, { atMs: T0_MS + DAY }))).toEqual([]);
    engine.observe(deposit('c1', 1n, { atMs: T0_MS + 60_000 }));
    expect(engine.stats()).toMatchObject({ events: 1, futureEvents: 1 });
  });
});

describe('rule isolation', () => {
  it('counts a failing rule, alerts once per rule per hour and keeps evaluating the others', () => {
    const engine = new MonitoringEngine(cnRulePack());
    engine.testOnlyReplaceRuleEvaluator('cn.round_amounts', () => {
      throw new Error('boom');
    });
    const first = engine.observe(deposit('c1', 60_000_00n, { channel: { cash: true } }));
    expect(first.map((alert) => alert.ruleId).sort()).toEqual([
      'cn.lvtr_cash',
      'engine.rule_error',
    ]);
    const error = first.find((alert) => alert.ruleId === 'engine.rule_error');
    expect(error).toMatchObject({ source: 'rule', severity: 'high', customerId: 'c1' });
    expect(error?.explanation.values['ruleId']).toBe('cn.round_amounts');
    expect(error?.explanation.eventIds).toHaveLength(1);
    const sameHour = engine.observe(deposit('c2', 1n, { atMs: T0_MS + 30 * 60_000 }));
    expect(sameHour.filter((alert) => alert.ruleId === 'engine.rule_error')).toEqual([]);
    const nextHour = engine.observe(deposit('c2', 1n, { atMs: T0_MS + HOUR }));
    expect(nextHour.filter((alert) => alert.ruleId === 'engine.rule_error')).toHaveLength(1);
    expect(engine.stats().ruleErrors).toEqual({ 'cn.round_amounts': 3 });
  });

  it('holds in check() when a sync rule fails', () => {
    const engine = new MonitoringEngine(cnRulePack());
    engine.testOnlyReplaceRuleEvaluator('cn.third_party_funding', () => {
      throw new Error('broken');
    });
    const decision = engine.check(deposit('c1', 1n));
    expect(decision.action).toBe('hold');
  });
});
