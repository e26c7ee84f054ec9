import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cnRulePack,
  MONITORED_EVENT_KINDS,
  validateRulePack,
  type MonitoredEvent,
  type MonitoringAlert,
} from '../../src/monitor/index.js';
import {
  customerScopedPack,
  decodeEvent,
  decodeMessage,
  encodeEvent,
  encodeProfileChange,
  isProfileChange,
  EVENT_MESSAGE_BYTES_MAX,
  eventPartitions,
  isSharedKeyRule,
  OUTCOMES_PER_EVENT_MAX,
  outcomesForPartitions,
  ownsAlert,
  parsePartitionList,
  partitionOf,
  primaryPartition,
  sharedKeyPack,
  stableHash,
  typologyRuleIds,
} from '../../src/monitor-service/nats/index.js';

const id = fc.string({ minLength: 1, maxLength: 40 });
const event: fc.Arbitrary<MonitoredEvent> = fc
  .record(
    {
      eventId: id,
      platformId: id,
      atMs: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      kind: fc.constantFrom(...MONITORED_EVENT_KINDS),
      purpose: id,
      amountMinor: fc.bigInt({ min: 1n, max: 10n ** 24n }),
      currency: fc.constantFrom('CNY', 'USD', 'EUR'),
      payerCustomerId: fc.option(id, { nil: null }),
      payeeCustomerId: fc.option(id, { nil: null }),
      payerAccountId: fc.option(id, { nil: null }),
      payeeAccountId: fc.option(id, { nil: null }),
      channel: fc.record(
        { deviceId: id, ip: id, cash: fc.boolean(), crossBorder: fc.boolean() },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['eventId', 'platformId', 'atMs', 'kind', 'purpose', 'amountMinor'] },
  )
  .map((e) => ({
    payerCustomerId: null,
    payeeCustomerId: null,
    payerAccountId: null,
    payeeAccountId: null,
    currency: 'CNY',
    ...e,
  }));

function alertFor(customerId: string | null): MonitoringAlert {
  return {
    alertKey: `k:${customerId ?? ''}`,
    platformId: 'plt',
    source: 'rule',
    ruleId: 'r',
    ruleVersion: 1,
    severity: 'low',
    customerId,
    score: 0.5,
    atMs: 0,
    explanation: { summary: 's', values: {}, thresholds: {}, eventIds: [] },
  };
}

describe('customer partitions', () => {
  it('hash to a stable partition in range', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('cus_1')).toBe(stableHash('cus_1'));
    fc.assert(
      fc.property(id, fc.integer({ min: 1, max: 1_024 }), (key, count) => {
        const partition = partitionOf(key, count);
        expect(Number.isInteger(partition) && partition >= 0 && partition < count).toBe(true);
        expect(partitionOf(key, count)).toBe(partition);
      }),
    );
  });

  it('send an event to every partition of its customers, and the owner of each alert sees it', () => {
    fc.assert(
      fc.property(event, fc.integer({ min: 1, max: 64 }), (e, count) => {
        const partitions = eventPartitions(e, count);
        expect(partitions).toEqual([...new Set(partitions)].sort((a, b) => a - b));
        for (const customer of [e.payerCustomerId, e.payeeCustomerId])
          if (customer !== null) expect(partitions).toContain(partitionOf(customer, count));
        expect(partitions).toContain(primaryPartition(e, count));
        // Every alert about a party of the event, or about nobody, is written exactly once.
        for (const customer of [e.payerCustomerId, e.payeeCustomerId, null]) {
          if (customer === null && e.payerCustomerId !== null) continue;
          const owners = partitions.filter((p) => ownsAlert(alertFor(customer), e, p, count));
          expect(owners.length).toBe(1);
        }
      }),
    );
  });

  it('parse partition lists and refuse ranges outside the deployment', () => {
    expect(parsePartitionList('0-3', 8)).toEqual([0, 1, 2, 3]);
    expect(parsePartitionList('5, 1-2,2', 8)).toEqual([1, 2, 5]);
    expect(() => parsePartitionList('6-8', 8)).toThrow(/0-7/);
    expect(() => parsePartitionList('3-1', 8)).toThrow();
    expect(() => parsePartitionList('x', 8)).toThrow();
  });
});

describe('event messages', () => {
  it('carry every field, the amount as an exact bigint, outcomes with their exact scores', () => {
    const outcome = fc.record({
      alertKey: id,
      ruleId: fc.constantFrom('cn.shared_device', 'r.x-1'),
      customerId: id,
      score: fc.double({ min: 0, max: 1, noNaN: true }),
      atMs: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    });
    fc.assert(
      fc.property(
        event,
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.array(outcome, { maxLength: 4 }),
        (e, leafIndex, outcomes) => {
          const decoded = decodeEvent(encodeEvent(leafIndex, e, outcomes));
          expect(decoded.leafIndex).toBe(leafIndex);
          expect(decoded.event).toEqual(e);
          expect(decoded.outcomes).toEqual(outcomes);
        },
      ),
    );
  });

  it('stay within the size limit with the most outcomes an event can have', () => {
    const e: MonitoredEvent = {
      eventId: 'e'.repeat(200),
      platformId: 'p'.repeat(200),
      atMs: 4_000_000_000_000,
      kind: 'transfer',
      purpose: 'x'.repeat(200),
      amountMinor: 10n ** 29n,
      currency: 'CNY',
      payerCustomerId: 'c'.repeat(200),
      payeeCustomerId: 'd'.repeat(200),
      payerAccountId: 'a'.repeat(200),
      payeeAccountId: 'b'.repeat(200),
      channel: { deviceId: 'v'.repeat(200), ip: 'i'.repeat(200), cash: true },
    };
    const outcomes = Array.from({ length: OUTCOMES_PER_EVENT_MAX }, (_, index) => ({
      alertKey: `${'k'.repeat(196)}${String(index).padStart(4, '0')}`,
      ruleId: `r${'x'.repeat(63)}`,
      customerId: 'c'.repeat(200),
      score: 0.1234567890123456,
      atMs: 4_000_000_000_000,
    }));
    const data = encodeEvent(1, e, outcomes);
    expect(data.length).toBeLessThanOrEqual(EVENT_MESSAGE_BYTES_MAX);
    expect(decodeEvent(data).outcomes).toHaveLength(OUTCOMES_PER_EVENT_MAX);
    expect(() => encodeEvent(1, e, [...outcomes, ...outcomes.slice(0, 1)])).toThrow();
  });

  it('refuse malformed messages', () => {
    const bad = new TextEncoder().encode(
      JSON.stringify({ leafIndex: 1, event: { eventId: 'x', amountMinor: '-5' } }),
    );
    expect(() => decodeEvent(bad)).toThrow();
    const e = decodeEvent(encodeEvent(3, { ...minimalEvent })).event;
    const badOutcome = (outcome: object) =>
      new TextEncoder().encode(
        JSON.stringify({
          leafIndex: 3,
          event: { ...e, amountMinor: '1' },
          outcomes: [outcome],
        }),
      );
    const good = { alertKey: 'k', ruleId: 'r', customerId: 'c', score: 0.5, atMs: 1 };
    expect(decodeEvent(badOutcome(good)).outcomes).toEqual([good]);
    expect(() => decodeEvent(badOutcome({ ...good, score: 2 }))).toThrow();
    expect(() => decodeEvent(badOutcome({ ...good, customerId: null }))).toThrow();
    expect(() => decodeEvent(badOutcome({ ...good, ruleId: 'R:x' }))).toThrow();
    expect(() => decodeEvent(badOutcome({ ...good, extra: 1 }))).toThrow();
  });

  it('carry profile changes beside events, and refuse malformed ones', () => {
    const change = decodeMessage(encodeProfileChange(7, 'cus_1'));
    expect(isProfileChange(change)).toBe(true);
    expect(change).toEqual({ leafIndex: 7, profileChange: { customerId: 'cus_1' } });
    const event = decodeMessage(encodeEvent(8, { ...minimalEvent }));
    expect(isProfileChange(event)).toBe(false);
    const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    for (const bad of [
      { leafIndex: 7, profileChange: { customerId: '' } },
      { leafIndex: -1, profileChange: { customerId: 'cus_1' } },
      { leafIndex: 7, profileChange: { customerId: 'cus_1', closedAtMs: 1 } },
      { leafIndex: 7, profileChange: { customerId: 'cus_1' }, event: {} },
    ])
      expect(() => decodeMessage(encode(bad))).toThrow();
    // A profile change is no event.
    expect(() => decodeEvent(encodeProfileChange(7, 'cus_1'))).toThrow();
  });
});

const minimalEvent: MonitoredEvent = {
  eventId: 'e1',
  platformId: 'p1',
  atMs: 0,
  kind: 'deposit',
  purpose: 'topup',
  amountMinor: 1n,
  currency: 'CNY',
  payerCustomerId: null,
  payeeCustomerId: 'c1',
  payerAccountId: null,
  payeeAccountId: 'a1',
};

describe('pack split', () => {
  it('runs every enabled rule of the pack in exactly one of the two packs', () => {
    const pack = cnRulePack();
    const customer = customerScopedPack(pack);
    const shared = sharedKeyPack(pack);
    expect(validateRulePack(customer).ok).toBe(true);
    expect(validateRulePack(shared).ok).toBe(true);
    expect(shared.typologies).toEqual([]);
    expect(customer.typologies).toEqual(pack.typologies);
    const sharedIds = pack.rules.filter(isSharedKeyRule).map((r) => r.id);
    expect(sharedIds).toEqual(
      expect.arrayContaining([
        'cn.shared_device',
        'cn.shared_ip',
        'cn.withdrawal_run',
        'cn.withdrawal_surge',
      ]),
    );
    pack.rules.forEach((rule, index) => {
      const inCustomer = customer.rules[index]?.enabled === true;
      const inShared = shared.rules[index]?.enabled === true;
      expect(Number(inCustomer) + Number(inShared)).toBe(rule.enabled ? 1 : 0);
      expect(inShared).toBe(rule.enabled && isSharedKeyRule(rule));
    });
  });

  it('sends partitions the shared-key outcomes their typologies read, and only those', () => {
    const pack = cnRulePack();
    const members = typologyRuleIds(pack);
    expect(members.has('cn.shared_device')).toBe(true);
    expect(members.has('cn.typology.money_mule')).toBe(false);
    const alert = (ruleId: string, customerId: string | null, source: 'rule' | 'typology') => ({
      ...alertFor(customerId),
      alertKey: `${ruleId}:${customerId ?? ''}`,
      ruleId,
      source,
    });
    const outcomes = outcomesForPartitions(
      [
        alert('cn.shared_device', 'c1', 'rule'),
        alert('cn.shared_ip', null, 'rule'),
        alert('cn.withdrawal_surge', 'c1', 'rule'),
        alert('cn.typology.money_mule', 'c1', 'typology'),
      ],
      members,
    );
    expect(outcomes).toEqual([
      {
        alertKey: 'cn.shared_device:c1',
        ruleId: 'cn.shared_device',
        customerId: 'c1',
        score: 0.5,
        atMs: 0,
      },
    ]);
  });
});
