import { assert } from '../../../assert.js';
import type { EventChannel } from '../../../monitor/monitored-event.js';
import { DAY_MS, HOUR_MS } from '../cn-clock.js';
import type { DayCollector, EventDraft } from '../day-collector.js';
import type { LendingMarket } from '../lending-market.js';
import { createSimCustomer, type NewCustomerSpec } from '../population.js';
import type { Prng } from '../prng.js';
import type { SimCustomer } from '../sim-customer.js';
import type { SimulationOptions } from '../sim-options.js';
import type { TypologyId } from '../typologies.js';

/** Tries to find a fitting customer for a planted role before giving up on the instance. */
export const PICK_ATTEMPTS_MAX = 400;

/** What planters see: the state of the platform when the window opens. */
export interface PlantContext {
  readonly prng: Prng;
  readonly options: SimulationOptions;
  readonly collector: DayCollector;
  readonly market: LendingMarket;
  readonly customers: SimCustomer[];
  readonly dormant: readonly SimCustomer[];
  /** Customers already given a part in a planted instance. */
  readonly taken: Set<SimCustomer>;
}

export interface PlantedInstance {
  readonly instanceId: string;
  readonly typology: TypologyId;
  readonly variant: string;
  /** Customers involved as suspects (empty for platform-wide patterns). */
  readonly customers: SimCustomer[];
  /** Parts that depend on how the day finds the platform; runs at the start of each day. */
  onDay?(day: number, prng: Prng): void;
}

export type Planter = (
  context: PlantContext,
  instanceId: string,
  ordinal: number,
) => PlantedInstance | null;

/** A random customer fitting `fits`, marked taken; null when none is found in time. */
export function pickCustomer(
  context: PlantContext,
  fits: (customer: SimCustomer) => boolean,
): SimCustomer | null {
  return pickFrom(context, context.customers, fits);
}

/** Like pickCustomer, from a given list. */
export function pickFrom(
  context: PlantContext,
  list: readonly SimCustomer[],
  fits: (customer: SimCustomer) => boolean,
): SimCustomer | null {
  if (list.length === 0) return null;
  for (let attempt = 0; attempt < PICK_ATTEMPTS_MAX; attempt += 1) {
    const customer = context.prng.pick(list);
    if (context.taken.has(customer) || !fits(customer)) continue;
    context.taken.add(customer);
    return customer;
  }
  return null;
}

/** Several distinct customers, or null if not all could be found. */
export function pickCustomers(
  context: PlantContext,
  count: number,
  fits: (customer: SimCustomer) => boolean,
): SimCustomer[] | null {
  const picked: SimCustomer[] = [];
  for (let index = 0; index < count; index += 1) {
    const customer = pickCustomer(context, fits);
    if (customer === null) return null;
    picked.push(customer);
  }
  return picked;
}

/** A person who has been with the platform for `days` and is active now. */
export function establishedPerson(days: number, role?: 'investor' | 'borrower') {
  return (customer: SimCustomer): boolean =>
    customer.profile.kind === 'person' &&
    customer.activeFromDay < -days &&
    customer.activeUntilDay > 10_000 &&
    (role === undefined || customer.role === role);
}

/** An account opened for the pattern itself, on `day` of the window. */
export function openAccount(
  context: PlantContext,
  day: number,
  spec: Omit<NewCustomerSpec, 'index' | 'openedDay' | 'shareWith'>,
): SimCustomer {
  const customer = createSimCustomer(context.prng, context.options, {
    ...spec,
    index: context.customers.length,
    openedDay: day,
    shareWith: null,
  });
  customer.plantedFromDay = day;
  context.customers.push(customer);
  context.taken.add(customer);
  context.collector.profile(customer.profile.openedAtMs, customer.profile);
  return customer;
}

/** Epoch ms of `day` of the window at local `hour` (fractions allowed) plus jitter minutes. */
export function atLocal(context: PlantContext, day: number, hour: number, jitterMinutes = 0) {
  const jitterMs = jitterMinutes > 0 ? context.prng.int(0, jitterMinutes * 60_000) : 0;
  const atMs = context.options.windowStartMs + day * DAY_MS + Math.round(hour * HOUR_MS) + jitterMs;
  assert(atMs >= context.options.windowStartMs, 'planted events lie in the window');
  return atMs;
}

/** Writes one instance's events, each labelled with the typology and instance id. */
export class Script {
  constructor(
    private readonly collector: DayCollector,
    private readonly typology: TypologyId,
    private readonly instanceId: string,
  ) {}

  deposit(atMs: number, customer: SimCustomer, amountMinor: bigint, channel?: EventChannel): void {
    const own = { deviceId: customer.deviceId, ip: customer.ip, fundingAccountOwnName: true };
    this.add({
      atMs,
      kind: 'deposit',
      purpose: 'topup',
      amountMinor,
      payer: null,
      payee: customer,
      channel: { ...own, ...channel },
    });
  }

  withdraw(atMs: number, customer: SimCustomer, amountMinor: bigint, channel?: EventChannel): void {
    const own = { deviceId: customer.deviceId, ip: customer.ip };
    this.add({
      atMs,
      kind: 'withdrawal',
      purpose: 'withdrawal',
      amountMinor,
      payer: customer,
      payee: null,
      channel: { ...own, ...channel },
    });
  }

  transfer(
    atMs: number,
    payer: SimCustomer,
    payee: SimCustomer,
    amountMinor: bigint,
    purpose = 'debt_transfer',
    channel?: EventChannel,
  ): void {
    const own = { deviceId: payer.deviceId, ip: payer.ip };
    this.add({
      atMs,
      kind: 'transfer',
      purpose,
      amountMinor,
      payer,
      payee,
      channel: { ...own, ...channel },
    });
  }

  add(draft: EventDraft): void {
    this.collector.event({ ...draft, label: this.typology, instanceId: this.instanceId });
  }
}

export function instanceOf(
  context: PlantContext,
  base: { instanceId: string; typology: TypologyId; variant: string; customers: SimCustomer[] },
): { instance: PlantedInstance; script: Script } {
  return { instance: base, script: new Script(context.collector, base.typology, base.instanceId) };
}
