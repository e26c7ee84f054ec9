import { describe, expect, it } from 'vitest';
import { cnRulePack } from './cn-rule-pack.js';
import type { CustomerProfile, MonitoredEvent } from './monitored-event.js';
import { FxRateBook } from './fx-rate-book.js';
import { MonitoringEngine } from './monitoring-engine.js';
import { DAY, deposit, event, HOUR, profile, T0_MS, transfer, withdrawal } from './test-kit.js';

interface Scenario {
  profiles?: CustomerProfile[];
  custody?: [string, bigint];
  events: MonitoredEvent[];
  /** Profiles recorded after the events (a closure). */
  later?: CustomerProfile[];
}

/** 01:00 CST on the day of T0. */
const NIGHT_MS = T0_MS - 11 * HOUR;
const yuan = (amount: number) => BigInt(Math.round(amount * 100));
/** At the threshold: `edge`; just below: one fen less. */
const edge = (below: boolean, amount: number) => yuan(amount) - (below ? 1n : 0n);
const repeat = <T>(count: number, make: (index: number) => T) =>
  Array.from({ length: count }, (_, index) => make(index));

const SCENARIOS: Record<string, (below: boolean) => Scenario> = {
  'cn.lvtr_cash': (below) => ({
    events: [
      deposit('c1', yuan(30_000), { channel: { cash: true } }),
      deposit('c1', edge(below, 20_000), { channel: { cash: true }, atMs: T0_MS + HOUR }),
    ],
  }),
  'cn.lvtr_entity': (below) => ({
    profiles: [profile('c1', { kind: 'entity' })],
    events: [
      transfer('c1', 'c2', yuan(1_500_000)),
      transfer('c1', 'c3', edge(below, 500_000), { atMs: T0_MS + HOUR }),
    ],
  }),
  'cn.lvtr_person_domestic': (below) => ({
    profiles: [profile('c1')],
    events: [transfer('c1', 'c2', edge(below, 500_000))],
  }),
  'cn.lvtr_person_cross_border': (below) => ({
    profiles: [profile('c1')],
    events: [
      transfer('c1', 'c2', edge(below, 10_000), {
        currency: 'USD',
        channel: { crossBorder: true },
      }),
      transfer('c1', 'c2', edge(below, 200_000), { channel: { crossBorder: true } }),
    ],
  }),
  'cn.structuring_cash_24h': (below) => ({
    events: repeat(3, (index) =>
      deposit('c1', index === 2 ? edge(below, 40_000) : yuan(40_000), {
        channel: { cash: true },
        atMs: T0_MS + index * 5 * HOUR,
      }),
    ),
  }),
  'cn.structuring_cash_7d': (below) => ({
    events: repeat(5, (index) =>
      deposit('c1', index === 4 ? edge(below, 40_000) : yuan(40_000), {
        channel: { cash: true },
        atMs: T0_MS + index * DAY,
      }),
    ),
  }),
  'cn.structuring_person_transfer_24h': (below) => ({
    profiles: [profile('c1')],
    events: repeat(3, (index) =>
      transfer('c1', `p${index}`, index === 2 ? edge(below, 400_000) : yuan(400_000), {
        atMs: T0_MS + index * HOUR,
      }),
    ),
  }),
  'cn.near_threshold_repeats': (below) => ({
    profiles: [profile('c1')],
    events: repeat(3, (index) =>
      transfer('c1', 'c2', index === 2 ? edge(below, 450_000) : yuan(450_000), {
        atMs: T0_MS + index * 2 * DAY,
      }),
    ),
  }),
  'cn.rapid_pass_through': (below) => ({
    events: [
      deposit('c1', yuan(50_000)),
      withdrawal('c1', edge(below, 40_000), { atMs: T0_MS + 20 * HOUR }),
    ],
  }),
  'cn.fan_in_24h': (below) => ({
    events: repeat(below ? 9 : 10, (index) =>
      transfer(`p${index}`, 'c1', yuan(100), { atMs: T0_MS + index * HOUR }),
    ),
  }),
  'cn.fan_in_7d': (below) => ({
    events: repeat(below ? 19 : 20, (index) =>
      transfer(`p${index}`, 'c1', yuan(100), {
        atMs: T0_MS + Math.floor(index / 3) * DAY + (index % 3) * HOUR,
      }),
    ),
  }),
  'cn.fan_out_24h': (below) => ({
    events: repeat(below ? 9 : 10, (index) =>
      transfer('c1', `p${index}`, yuan(100), { atMs: T0_MS + index * HOUR }),
    ),
  }),
  'cn.dormant_reactivation': (below) => ({
    events: [
      deposit('c1', yuan(1_000_000), { atMs: T0_MS - 200 * DAY }),
      deposit('c1', yuan(30_000)),
      deposit('c1', edge(below, 20_000), { atMs: T0_MS + 3 * DAY }),
    ],
  }),
  'cn.velocity_spike_count_24h': (below) => ({
    events: [
      ...repeat(40, (index) => deposit('c1', yuan(100), { atMs: T0_MS - (40 - index) * DAY })),
      ...repeat(below ? 4 : 5, (index) => deposit('c1', yuan(100), { atMs: T0_MS + index * HOUR })),
    ],
  }),
  'cn.velocity_spike_amount_24h': (below) => ({
    events: [
      ...repeat(40, (index) => deposit('c1', yuan(10_000), { atMs: T0_MS - (40 - index) * DAY })),
      deposit('c1', yuan(30_000)),
      deposit('c1', edge(below, 20_000), { atMs: T0_MS + HOUR }),
    ],
  }),
  'cn.velocity_spike_amount_7d': (below) => ({
    events: [
      ...repeat(84, (index) => deposit('c1', yuan(1_000), { atMs: T0_MS - (84 - index) * DAY })),
      deposit('c1', edge(below, 44_000)),
    ],
  }),
  'cn.profile_income_mismatch': (below) => ({
    profiles: [profile('c1', { declaredMonthlyMinor: yuan(10_000) })],
    events: [
      deposit('c1', yuan(20_000)),
      transfer('c2', 'c1', edge(below, 10_000), { atMs: T0_MS + 10 * DAY }),
    ],
  }),
  'cn.profile_occupation_mismatch': (below) => ({
    profiles: [profile('c1', { occupation: 'student' })],
    events: [
      deposit('c1', yuan(60_000)),
      withdrawal('c1', edge(below, 40_000), { atMs: T0_MS + 10 * DAY }),
    ],
  }),
  'cn.round_amounts': (below) => ({
    events: repeat(3, (index) =>
      transfer('c1', `p${index}`, index === 2 ? edge(below, 10_000) : yuan(20_000), {
        atMs: T0_MS + index * DAY,
      }),
    ),
  }),
  'cn.night_activity_share': (below) => ({
    events: repeat(10, (index) =>
      transfer('c1', `p${index}`, yuan(100), {
        atMs: (index < (below ? 2 : 3) ? NIGHT_MS : T0_MS) + index * DAY,
      }),
    ),
  }),
  'cn.night_large_single': (below) => ({
    events: [transfer('c1', 'c2', edge(below, 50_000), { atMs: NIGHT_MS })],
  }),
  'cn.shared_device': (below) => ({
    events: repeat(below ? 2 : 3, (index) =>
      withdrawal(`c${index}`, yuan(100), {
        atMs: T0_MS + index * 5 * DAY,
        channel: { deviceId: 'dev1' },
      }),
    ),
  }),
  'cn.shared_ip': (below) => ({
    events: repeat(below ? 2 : 3, (index) =>
      deposit(`c${index}`, yuan(100), {
        atMs: T0_MS + index * 5 * DAY,
        channel: { ip: '10.0.0.1' },
      }),
    ),
  }),
  'cn.flows_before_closure': (below) => ({
    profiles: [profile('c1')],
    events: [
      deposit('c1', yuan(250_000)),
      withdrawal('c1', edge(below, 250_000), { atMs: T0_MS + 19 * DAY }),
    ],
    later: [profile('c1', { closedAtMs: T0_MS + 20 * DAY })],
  }),
  'cn.large_early_funding': (below) => ({
    profiles: [profile('c1', { openedAtMs: T0_MS - 5 * DAY })],
    events: [
      deposit('c1', yuan(150_000)),
      deposit('c1', edge(below, 50_000), { atMs: T0_MS + 5 * DAY }),
    ],
  }),
  'cn.early_repayment': (below) => ({
    events: [
      transfer('lender', 'c1', yuan(100_000), { purpose: 'investment' }),
      withdrawal('c1', yuan(100_000), { purpose: 'disbursement', atMs: T0_MS + HOUR }),
      transfer('c1', 'lender', edge(below, 50_000), {
        purpose: 'repayment',
        atMs: T0_MS + 20 * DAY,
      }),
    ],
  }),
  'cn.third_party_funding': (below) => ({
    events: [deposit('c1', yuan(100), { channel: below ? {} : { fundingAccountOwnName: false } })],
  }),
  'cn.unauthorized_debit': (below) => ({
    events: [
      below
        ? withdrawal('c1', yuan(100))
        : withdrawal('c1', yuan(100), { kind: 'unauthorized_debit_attempt' }),
    ],
  }),
  'cn.withdrawal_run': (below) => ({
    custody: ['CNY', yuan(1_000_000)],
    events: [
      deposit('c9', yuan(50_000)),
      withdrawal('c1', yuan(100_000), { atMs: T0_MS + HOUR }),
      withdrawal('c2', edge(below, 50_000), { atMs: T0_MS + 2 * HOUR }),
    ],
  }),
  'cn.withdrawal_surge': (below) => ({
    events: [
      ...repeat(100, (index) =>
        withdrawal(`c${index}`, yuan(100), { atMs: T0_MS - (10 - Math.floor(index / 10)) * DAY }),
      ),
      ...repeat(below ? 29 : 30, (index) =>
        withdrawal(`d${index}`, yuan(100), { atMs: T0_MS + index * 60_000 }),
      ),
    ],
  }),
  'cn.concentration_person': (below) => ({
    profiles: [profile('c1')],
    events: [
      transfer('lender', 'c1', yuan(150_000), { purpose: 'investment' }),
      transfer('c1', 'lender', yuan(50_000), { purpose: 'repayment', atMs: T0_MS + 40 * DAY }),
      transfer('lender2', 'c1', yuan(20_000), { purpose: 'investment', atMs: T0_MS + 70 * DAY }),
      transfer('c1', 'lender2', yuan(20_000), { purpose: 'refund', atMs: T0_MS + 71 * DAY }),
      transfer('lender', 'c1', edge(below, 100_000.01), {
        purpose: 'investment',
        atMs: T0_MS + 72 * DAY,
      }),
    ],
  }),
  'cn.concentration_entity': (below) => ({
    profiles: [profile('c1', { kind: 'entity' })],
    events: [transfer('lender', 'c1', edge(below, 1_000_000.01), { purpose: 'investment' })],
  }),
};

function alertsOf(ruleId: string, scenario: Scenario) {
  const engine = new MonitoringEngine(cnRulePack());
  for (const item of scenario.profiles ?? []) engine.upsertProfile(item);
  if (scenario.custody !== undefined) engine.setCustodyBalance('p1', ...scenario.custody);
  const alerts = scenario.events.flatMap((item) => engine.observe(item));
  for (const item of scenario.later ?? []) alerts.push(...engine.upsertProfile(item));
  return alerts.filter((alert) => alert.ruleId === ruleId);
}

describe('the CN rule pack', () => {
  it('has a scenario for every rule', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(
      cnRulePack()
        .rules.map((rule) => rule.id)
        .sort(),
    );
  });

  for (const [ruleId, scenario] of Object.entries(SCENARIOS)) {
    it(`${ruleId} fires at its threshold and not just below`, () => {
      const fired = alertsOf(ruleId, scenario(false));
      expect(fired.length).toBeGreaterThanOrEqual(1);
      const alert = fired[0];
      expect(alert?.explanation.summary.length).toBeGreaterThan(10);
      expect(alert?.explanation.eventIds.length).toBeGreaterThanOrEqual(1);
      expect(alert?.score).toBeGreaterThanOrEqual(0.5);
      expect(alertsOf(ruleId, scenario(true))).toEqual([]);
    });
  }

  it('quotes amounts with their currency and the thresholds compared', () => {
    const [alert] = alertsOf('cn.lvtr_cash', SCENARIOS['cn.lvtr_cash']?.(false) ?? { events: [] });
    expect(alert?.explanation.values['sum']).toBe('50000.00 CNY');
    expect(alert?.explanation.thresholds['sum']).toBe('50000.00 CNY');
    expect(alert?.severity).toBe('medium');
  });

  it('holds third-party funding and rejects unauthorized debits before posting', () => {
    const engine = new MonitoringEngine(cnRulePack());
    const held = engine.check(
      deposit('c1', yuan(100), { channel: { fundingAccountOwnName: false } }),
    );
    expect(held.action).toBe('hold');
    const refused = engine.check(withdrawal('c1', yuan(1), { kind: 'unauthorized_debit_attempt' }));
    expect(refused.action).toBe('reject');
    expect(refused.action !== 'allow' && refused.alerts[0]?.severity).toBe('critical');
    expect(engine.check(event()).action).toBe('allow');
    expect(engine.stats().events).toBe(0);
  });

  it('measures large values in other foreign currencies against the USD figure at the day’s rate', () => {
    // CNY per unit: USD 7.10, EUR 7.75 by default; from T0's CST day EUR is 6.50.
    const t0Day = Math.floor((T0_MS + 8 * HOUR) / DAY);
    const fxRates = new FxRateBook([
      { currency: 'USD', effectiveDay: null, cnyPerUnitMicros: 7_100_000n },
      { currency: 'EUR', effectiveDay: null, cnyPerUnitMicros: 7_750_000n },
      { currency: 'EUR', effectiveDay: t0Day, cnyPerUnitMicros: 6_500_000n },
    ]);
    const lvtrAlerts = (events: MonitoredEvent[], rates?: FxRateBook) => {
      const engine = new MonitoringEngine(cnRulePack(), rates && { fxRates: rates });
      engine.upsertProfile(profile('c1'));
      return events
        .flatMap((item) => engine.observe(item))
        .filter((alert) => alert.ruleId === 'cn.lvtr_person_domestic');
    };
    const eur = (amountMinor: bigint, atMs: number) =>
      transfer('c1', 'c2', amountMinor, { currency: 'EUR', atMs });
    // The day before T0: USD 100,000 is EUR 91,612.903… (7.10 / 7.75).
    const before = T0_MS - DAY;
    expect(lvtrAlerts([eur(9_161_290n, before)], fxRates)).toEqual([]);
    const [fired] = lvtrAlerts([eur(9_161_291n, before)], fxRates);
    expect(fired?.explanation.values['sum']).toBe('91612.91 EUR');
    expect(fired?.explanation.thresholds['sum']).toMatch(/^91612\.9\d EUR$/);
    // On T0's day the dated rate applies: USD 100,000 is EUR 109,230.769…
    expect(lvtrAlerts([eur(10_923_076n, T0_MS)], fxRates)).toEqual([]);
    expect(
      lvtrAlerts([eur(5_000_000n, T0_MS), eur(5_923_077n, T0_MS + HOUR)], fxRates),
    ).toHaveLength(1);
    // Without a rate the rule cannot decide in EUR.
    expect(lvtrAlerts([eur(100_000_000n, T0_MS)])).toEqual([]);
    // The currencies the rule names keep their own figures.
    expect(lvtrAlerts([transfer('c1', 'c2', 9_999_999n, { currency: 'USD' })], fxRates)).toEqual(
      [],
    );
    expect(
      lvtrAlerts([transfer('c1', 'c2', 10_000_000n, { currency: 'USD' })], fxRates),
    ).toHaveLength(1);
  });

  it('applies amount rules only in currencies the pack names or can convert, count rules in any', () => {
    const jpy = alertsOf('cn.lvtr_cash', {
      events: [deposit('c1', 100_000_000n, { currency: 'JPY', channel: { cash: true } })],
    });
    expect(jpy).toEqual([]);
    const fan = alertsOf('cn.fan_out_24h', {
      events: repeat(10, (index) => transfer('c1', `p${index}`, 1n, { currency: 'JPY' })),
    });
    expect(fan).toHaveLength(1);
  });
});
