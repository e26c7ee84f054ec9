import { assert } from '../../assert.js';
import type { MonitoredEvent } from '../../monitor/monitored-event.js';
import { DAY_MS } from './cn-clock.js';
import { DayCollector, type DayItem, type EventDraft } from './day-collector.js';
import { scheduleLegacyActivity, scheduleModestReturn } from './legacy-activity.js';
import { LendingMarket } from './lending-market.js';
import { ordinaryDay } from './ordinary-activity.js';
import { planInstances } from './plan-instances.js';
import type { PlantedInstance } from './plant/plant-kit.js';
import { buildPopulation } from './population.js';
import { Prng } from './prng.js';
import { isOrdinaryOn, type SimCustomer } from './sim-customer.js';
import { resolveSimulationOptions, type SimulationOptions } from './sim-options.js';
import type { SimHeaderRecord, SimRecord } from './sim-records.js';
import { typologyScope } from './typologies.js';

/** Share of dormant customers who come back on their own with a modest top-up. */
const MODEST_RETURN_SHARE = 0.05;

/**
 * The simulated platform as a stream of records in time order, one day at a time, so memory
 * holds the customers and one day of events, never the whole run. The same options give the
 * same stream.
 */
export function* simulateActivity(input: Partial<SimulationOptions> = {}): Generator<SimRecord> {
  const options = resolveSimulationOptions(input);
  const root = new Prng(options.seed);
  const prngs = {
    population: root.fork(1),
    legacy: root.fork(2),
    ordinary: root.fork(3),
    market: root.fork(4),
    plant: root.fork(5),
    planted: root.fork(6),
  };
  const collector = new DayCollector(options.windowStartMs);
  const market = new LendingMarket(collector);
  const { customers, dormant } = buildPopulation(prngs.population, options);
  const plantable = prepareDormant(prngs.legacy, dormant, collector, options);
  yield header(options);
  const firstDay = Math.min(-options.historyDays, collector.earliestScheduledDay() ?? 0);
  const firstMs = options.windowStartMs + firstDay * DAY_MS;
  for (const customer of customers) {
    if (customer.profile.openedAtMs < firstMs)
      yield { type: 'profile', atMs: firstMs, profile: { ...customer.profile } };
    else collector.profile(customer.profile.openedAtMs, customer.profile);
  }
  const announced = new Set<string>();
  let instances = new Map<string, PlantedInstance>();
  let sequence = 0;
  for (let day = firstDay; day < options.days; day += 1) {
    const live = day >= -options.historyDays;
    if (live) {
      const atMs = options.windowStartMs + day * DAY_MS;
      const balanceMinor = collector.totalBalanceMinor;
      yield {
        type: 'custody_balance',
        atMs,
        platformId: options.platformId,
        currency: options.currency,
        balanceMinor,
      };
    }
    collector.beginDay(day, customers, live);
    if (live) {
      market.runDay(prngs.market);
      if (day === 0) {
        const context = {
          prng: prngs.plant,
          options,
          collector,
          market,
          customers,
          dormant: plantable,
          taken: new Set<SimCustomer>(),
        };
        instances = new Map(
          planInstances(context).map((instance) => [instance.instanceId, instance]),
        );
      }
      for (const instance of instances.values()) instance.onDay?.(day, prngs.planted);
      for (const customer of customers) {
        if (isOrdinaryOn(customer, day)) ordinaryDay(prngs.ordinary, customer, collector, market);
      }
    }
    for (const item of collector.drain()) {
      for (const record of toRecords(item, options, instances, announced, () => sequence++))
        yield record;
    }
  }
}

function header(options: SimulationOptions): SimHeaderRecord {
  return {
    type: 'header',
    format: 'custos-activity/1',
    platformId: options.platformId,
    currency: options.currency,
    seed: options.seed,
    customers: options.customers,
    days: options.days,
    historyDays: options.historyDays,
    windowStartMs: options.windowStartMs,
    windowEndMs: options.windowStartMs + options.days * DAY_MS,
  };
}

/** Gives dormant customers their old activity; returns those a planter may wake up. */
function prepareDormant(
  prng: Prng,
  dormant: SimCustomer[],
  collector: DayCollector,
  options: SimulationOptions,
): SimCustomer[] {
  const plantable: SimCustomer[] = [];
  for (const customer of dormant) {
    if (!scheduleLegacyActivity(prng, customer, collector, options)) {
      customer.activeUntilDay = Number.MAX_SAFE_INTEGER;
      continue;
    }
    if (prng.chance(MODEST_RETURN_SHARE)) scheduleModestReturn(prng, customer, collector, options);
    else plantable.push(customer);
  }
  return plantable;
}

function* toRecords(
  item: DayItem,
  options: SimulationOptions,
  instances: Map<string, PlantedInstance>,
  announced: Set<string>,
  nextSequence: () => number,
): Generator<SimRecord> {
  if (item.what === 'profile') {
    yield { type: 'profile', atMs: item.atMs, profile: item.profile };
    return;
  }
  const { draft } = item;
  const instanceId = draft.instanceId ?? null;
  const label = draft.label ?? null;
  assert((instanceId === null) === (label === null), 'a label goes with an instance id');
  if (instanceId !== null && label !== null && !announced.has(instanceId)) {
    const instance = instances.get(instanceId);
    assert(
      instance !== undefined && instance.typology === label,
      'labelled events belong to a planted instance',
    );
    announced.add(instanceId);
    yield {
      type: 'instance',
      atMs: draft.atMs,
      instanceId,
      typology: label,
      variant: instance.variant,
      scope: typologyScope(label),
      customerIds: instance.customers.map((customer) => customer.customerId),
    };
  }
  yield {
    type: 'event',
    event: toMonitoredEvent(draft, nextSequence(), options),
    label,
    instanceId,
  };
}

export function toMonitoredEvent(
  draft: EventDraft,
  sequence: number,
  options: SimulationOptions,
): MonitoredEvent {
  const event: MonitoredEvent = {
    eventId: `evt_${sequence.toString().padStart(10, '0')}`,
    platformId: options.platformId,
    atMs: draft.atMs,
    kind: draft.kind,
    purpose: draft.purpose,
    amountMinor: draft.amountMinor,
    currency: options.currency,
    payerCustomerId: draft.payer?.customerId ?? null,
    payeeCustomerId: draft.payee?.customerId ?? null,
    payerAccountId: draft.payer?.accountId ?? null,
    payeeAccountId: draft.payee?.accountId ?? null,
  };
  if (draft.channel !== undefined) event.channel = draft.channel;
  return event;
}
