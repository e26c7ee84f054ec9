import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cnRulePack,
  MonitoringEngine,
  type MonitoredEvent,
  type MonitoringAlert,
  type RulePack,
} from '../../src/monitor/index.js';
import { DAY, deposit, HOUR, pack, rule, T0_MS, transfer } from '../../src/monitor/test-kit.js';
import {
  customerScopedPack,
  decodeEvent,
  encodeEvent,
  eventPartitions,
  outcomesForPartitions,
  ownsAlert,
  sharedKeyPack,
  typologyRuleIds,
} from '../../src/monitor-service/nats/index.js';

/** One engine over the whole pack: what one process raises. */
function wholePack(rules: RulePack, events: readonly MonitoredEvent[]): MonitoringAlert[] {
  const engine = new MonitoringEngine(rules);
  return events.flatMap((event) => engine.observe(event));
}

/**
 * The scale-out arrangement in memory: the shared-key rules on every event, their outcomes
 * carried through the wire format to the partition engines of the event's customers, each
 * partition keeping the alerts it owns. `carryOutcomes: false` is the arrangement without them.
 */
function partitioned(
  rules: RulePack,
  events: readonly MonitoredEvent[],
  partitionCount: number,
  carryOutcomes = true,
): MonitoringAlert[] {
  const shared = new MonitoringEngine(sharedKeyPack(rules));
  const typologyRules = typologyRuleIds(rules);
  const partitions = Array.from(
    { length: partitionCount },
    () => new MonitoringEngine(customerScopedPack(rules)),
  );
  const alerts: MonitoringAlert[] = [];
  events.forEach((event, leafIndex) => {
    const sharedAlerts = shared.observe(event);
    alerts.push(...sharedAlerts);
    const outcomes = carryOutcomes ? outcomesForPartitions(sharedAlerts, typologyRules) : [];
    const wire = decodeEvent(encodeEvent(leafIndex, event, outcomes));
    for (const partition of eventPartitions(wire.event, partitionCount)) {
      const engine = partitions[partition];
      if (engine === undefined) throw new Error(`no partition ${partition}`);
      for (const alert of engine.observe(wire.event, { externalRuleAlerts: wire.outcomes }))
        if (ownsAlert(alert, wire.event, partition, partitionCount)) alerts.push(alert);
    }
  });
  return alerts;
}

const keys = (alerts: readonly MonitoringAlert[]) => alerts.map((a) => a.alertKey).sort();
const typologyAlerts = (alerts: readonly MonitoringAlert[]) =>
  alerts
    .filter((a) => a.source === 'typology')
    .sort((a, b) => a.alertKey.localeCompare(b.alertKey));

function channel(deviceId: string, ip: string, ownName = true) {
  return { channel: { deviceId, ip, fundingAccountOwnName: ownName } };
}

describe('rule outcomes evaluated by another engine', () => {
  it('complete the CN money-mule typology exactly as in one engine', () => {
    const at = (hours: number) => ({ atMs: T0_MS + hours * HOUR });
    const events = [
      // Third-party funding alone scores 1/6, under the typology's 0.17.
      deposit('c0', 5_000_00n, { ...at(0), ...channel('own-0', '10.0.0.1', false) }),
      deposit('c1', 1_000_00n, { ...at(1), ...channel('mule', '10.0.0.2') }),
      deposit('c2', 1_000_00n, { ...at(2), ...channel('mule', '10.0.0.3') }),
      // The third customer on one device: the device outcome (0.5) completes it for c0.
      deposit('c0', 1_000_00n, { ...at(3), ...channel('mule', '10.0.0.4') }),
      transfer('c0', 'c3', 500_00n, { ...at(4), ...channel('own-0', '10.0.0.1') }),
    ];
    const rules = cnRulePack();
    const expected = wholePack(rules, events);
    const mule = expected.filter((a) => a.ruleId === 'cn.typology.money_mule');
    expect(mule.map((a) => a.customerId)).toEqual(['c0']);
    expect(expected.some((a) => a.ruleId === 'cn.shared_device')).toBe(true);
    for (const partitionCount of [1, 2, 3]) {
      const found = partitioned(rules, events, partitionCount);
      expect(keys(found)).toEqual(keys(expected));
      // The same outcomes behind them: scores, member values and the event ids they quote.
      expect(typologyAlerts(found)).toEqual(typologyAlerts(expected));
    }
    // Without the carried outcomes the partitions miss the typology.
    const without = partitioned(rules, events, 2, false);
    expect(without.some((a) => a.ruleId === 'cn.typology.money_mule')).toBe(false);
  });

  it('land on the customer the alert names, with the event id of the event observed', () => {
    const rules = pack(
      [
        rule({
          id: 't.device',
          template: 'aggregate',
          params: {
            keyBy: 'device',
            direction: 'both',
            filter: {},
            window: { kind: 'sliding', windowMs: DAY, bucketMs: HOUR },
            conditions: [{ measure: 'distinct_count', of: 'customer', atLeast: 2 }],
            combine: 'all',
          },
        }),
        rule({
          id: 't.big_in',
          template: 'aggregate',
          params: {
            keyBy: 'customer',
            direction: 'in',
            filter: {},
            window: { kind: 'sliding', windowMs: DAY, bucketMs: HOUR },
            conditions: [{ measure: 'sum', atLeast: { CNY: '1000' } }],
            combine: 'all',
          },
        }),
      ],
      [
        {
          id: 't.mixed',
          version: 1,
          severity: 'high',
          description: 'a shared device and a large inflow',
          rules: [
            { ruleId: 't.device', weight: 1 },
            { ruleId: 't.big_in', weight: 1 },
          ],
          alertThreshold: 0.6,
          interdictionThreshold: 1,
          windowMs: DAY,
        },
      ],
    );
    const events = [
      deposit('a', 2_000_00n, { atMs: T0_MS, ...channel('d', '1') }),
      // b sends from a's device: the device outcome belongs to b (the payer), not to a.
      transfer('b', 'a', 10_00n, { atMs: T0_MS + HOUR, ...channel('d', '2') }),
      deposit('b', 3_000_00n, { atMs: T0_MS + 2 * HOUR, ...channel('e', '3') }),
    ];
    const expected = wholePack(rules, events);
    expect(typologyAlerts(expected).map((a) => a.customerId)).toEqual(['b']);
    const found = partitioned(rules, events, 2);
    expect(keys(found)).toEqual(keys(expected));
    expect(typologyAlerts(found)).toEqual(typologyAlerts(expected));

    // Given again on a later event (a message delivered twice), an outcome is recorded once,
    // with the event it came with, and never returned.
    const sharedEngine = new MonitoringEngine(sharedKeyPack(rules));
    const deviceAlerts = events.map((event) => sharedEngine.observe(event))[1] ?? [];
    expect(deviceAlerts.map((a) => a.customerId)).toEqual(['b']);
    const engine = new MonitoringEngine(customerScopedPack(rules));
    const [first, second, third] = events as [MonitoredEvent, MonitoredEvent, MonitoredEvent];
    engine.observe(first);
    expect(engine.observe(second, { externalRuleAlerts: deviceAlerts })).toEqual([]);
    const last = engine.observe(third, { externalRuleAlerts: deviceAlerts });
    expect(typologyAlerts(last)).toEqual(typologyAlerts(expected));
  });

  it('an outcome of a rule the engine runs itself is left to its own evaluation', () => {
    const rules = cnRulePack();
    const event = deposit('c9', 1_000_00n, { atMs: T0_MS, ...channel('x', '1') });
    const forged = ['cn.third_party_funding', 'cn.shared_device'].map((ruleId) => ({
      alertKey: `${ruleId}:forged`,
      ruleId,
      customerId: 'c9',
      score: 1,
      atMs: T0_MS,
    }));
    // Recorded, the two would lift c9's money-mule score to 2/6. The customer-scoped engine
    // takes only the device outcome (1/6), the whole-pack engine neither.
    const scoped = new MonitoringEngine(customerScopedPack(rules));
    const mule = (alerts: MonitoringAlert[]) =>
      alerts.filter((a) => a.ruleId === 'cn.typology.money_mule').length;
    expect(mule(scoped.observe(event, { externalRuleAlerts: forged }))).toBe(0);
    const whole = new MonitoringEngine(rules);
    expect(whole.observe(event, { externalRuleAlerts: forged })).toEqual([]);
  });

  it('the partitions raise the alerts of one engine on random streams', () => {
    const rules = cnRulePack();
    const customers = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];
    const step = fc.record({
      kind: fc.constantFrom('deposit', 'transfer', 'transfer', 'withdrawal'),
      from: fc.constantFrom(...customers),
      to: fc.constantFrom(...customers),
      device: fc.constantFrom('d0', 'd1', 'd2', 'd3'),
      ip: fc.constantFrom('i0', 'i1', 'i2', 'i3'),
      ownName: fc.boolean(),
      amountMinor: fc.constantFrom(50_00n, 1_000_00n, 20_000_00n, 600_000_00n),
      gapMs: fc.integer({ min: 0, max: 6 * HOUR }),
    });
    let withMixedTypology = 0;
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 4 }),
        (steps, partitionCount) => {
          let atMs = T0_MS;
          const events = steps.map((s) => {
            atMs += s.gapMs;
            const extra = { atMs, ...channel(s.device, s.ip, s.ownName) };
            if (s.kind === 'deposit') return deposit(s.to, s.amountMinor, extra);
            if (s.kind === 'withdrawal')
              return deposit(s.from, s.amountMinor, {
                ...extra,
                kind: 'withdrawal',
                purpose: 'withdrawal',
                payerCustomerId: s.from,
                payerAccountId: `acc_${s.from}`,
                payeeCustomerId: null,
                payeeAccountId: null,
              });
            return transfer(s.from, s.to === s.from ? 'c9' : s.to, s.amountMinor, extra);
          });
          const expected = wholePack(rules, events);
          const found = partitioned(rules, events, partitionCount);
          expect(keys(found)).toEqual(keys(expected));
          expect(typologyAlerts(found)).toEqual(typologyAlerts(expected));
          const lost = partitioned(rules, events, partitionCount, false);
          if (keys(lost).length < keys(expected).length) withMixedTypology += 1;
        },
      ),
      { numRuns: 150, seed: 20_260_302 },
    );
    // The random streams did reach typologies that need the shared-key outcomes.
    expect(withMixedTypology).toBeGreaterThan(0);
  });
});
