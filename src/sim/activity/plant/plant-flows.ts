import { yuanMinor } from '../amounts.js';
import { MINUTE_MS } from '../cn-clock.js';
import type { SimCustomer } from '../sim-customer.js';
import {
  atLocal,
  establishedPerson,
  instanceOf,
  pickCustomer,
  pickCustomers,
  type PlantContext,
  type Planter,
} from './plant-kit.js';

/** Latest start day so that a pattern of `spanDays` ends inside the window, or null. */
export function startDay(context: PlantContext, spanDays: number): number | null {
  const last = context.options.days - 1 - spanDays;
  return last < 0 ? null : context.prng.int(0, last);
}

/** Opened before the window, still open, holding less than `limitYuan`. */
const lowBalance = (limitYuan: number) => (customer: SimCustomer) =>
  customer.balanceMinor < BigInt(limitYuan) * 100n &&
  customer.activeFromDay < 0 &&
  customer.activeUntilDay > 10_000;

/** §4 #1–4: one day's inflow at or above a large-value threshold. */
export const plantLargeValue: Planter = (context, instanceId, ordinal) => {
  const { prng } = context;
  const variant = (['person_domestic', 'entity', 'person_cross_border', 'cash'] as const)[
    ordinal % 4
  ];
  const day = startDay(context, 3);
  const entity = variant === 'entity';
  const customer = pickCustomer(context, (c) =>
    entity ? c.profile.kind === 'entity' && c.activeFromDay < 0 : establishedPerson(30)(c),
  );
  if (day === null || customer === null) return null;
  customer.plantedFromDay = 0;
  const yuan = {
    person_domestic: prng.between(520_000, 900_000),
    entity: prng.between(2_100_000, 3_500_000),
    person_cross_border: prng.between(210_000, 450_000),
    cash: prng.between(55_000, 120_000),
  }[variant ?? 'cash'];
  const amountMinor = yuanMinor(yuan, 100);
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'large_value',
    variant: variant ?? 'cash',
    customers: [customer],
  });
  const channel =
    variant === 'cash'
      ? { cash: true }
      : variant === 'person_cross_border'
        ? { crossBorder: true }
        : {};
  script.deposit(atLocal(context, day, 10, 300), customer, amountMinor, channel);
  script.withdraw(
    atLocal(context, day + prng.int(2, 3), 11, 300),
    customer,
    (amountMinor * 6n) / 10n,
  );
  return instance;
};

/** §4 #5: three or four deposits within a day, each 80–99.9 % of a threshold. */
export const plantStructuring: Planter = (context, instanceId, ordinal) => {
  const { prng } = context;
  const variant = ordinal % 2 === 0 ? 'under_500k' : 'cash_under_50k';
  const day = startDay(context, 3);
  const customer = pickCustomer(context, establishedPerson(30));
  if (day === null || customer === null) return null;
  customer.plantedFromDay = 0;
  const thresholdYuan = variant === 'under_500k' ? 500_000 : 50_000;
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'structuring',
    variant,
    customers: [customer],
  });
  const count = prng.int(3, 4);
  let totalMinor = 0n;
  let hour = prng.between(8, 11);
  for (let index = 0; index < count; index += 1) {
    const amountMinor = yuanMinor(thresholdYuan * prng.between(0.82, 0.995), 1);
    totalMinor += amountMinor;
    script.deposit(
      atLocal(context, day, hour, 20),
      customer,
      amountMinor,
      variant === 'cash_under_50k' ? { cash: true } : {},
    );
    hour += prng.between(1.5, 4);
  }
  script.withdraw(atLocal(context, day + 2, 10, 240), customer, (totalMinor * 9n) / 10n);
  return instance;
};

/** §4 #6: three or four transfers to the same payee within 7 days, each ≥ 90 % of 500k. */
export const plantNearThreshold: Planter = (context, instanceId) => {
  const { prng } = context;
  const day = startDay(context, 8);
  const pair = pickCustomers(context, 2, establishedPerson(30));
  if (day === null || pair === null) return null;
  const [payer, payee] = pair as [SimCustomer, SimCustomer];
  payer.plantedFromDay = 0;
  payee.plantedFromDay = 0;
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'near_threshold',
    variant: 'person_500k',
    customers: [payer, payee],
  });
  const count = prng.int(3, 4);
  for (let index = 0; index < count; index += 1) {
    const on = day + index * 2;
    const amountMinor = yuanMinor(500_000 * prng.between(0.905, 0.998), 1);
    script.deposit(atLocal(context, on, 9.5, 60), payer, amountMinor);
    script.transfer(atLocal(context, on, 13, 120), payer, payee, amountMinor);
    script.withdraw(atLocal(context, on + 1, 10, 240), payee, amountMinor);
  }
  return instance;
};

/** §4 #7: ≥ 50k in, ≥ 96 % out within hours, almost nothing left at the end of the day. */
export const plantPassThrough: Planter = (context, instanceId, ordinal) => {
  const { prng } = context;
  const variant = ordinal % 3 === 2 ? 'transfer_out' : 'withdraw';
  const day = startDay(context, 2);
  const customer = pickCustomer(context, lowBalance(300));
  if (day === null || customer === null) return null;
  customer.plantedFromDay = 0;
  const inMinor = yuanMinor(prng.between(60_000, 400_000), 1);
  const outMinor = (inMinor * BigInt(prng.int(960, 1000))) / 1000n;
  const inAtMs = atLocal(context, day, prng.between(8, 15), 30);
  const outAtMs = inAtMs + prng.int(60, 8 * 60) * MINUTE_MS;
  const customers = [customer];
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'pass_through',
    variant,
    customers,
  });
  script.deposit(inAtMs, customer, inMinor);
  if (variant === 'withdraw') {
    script.withdraw(outAtMs, customer, outMinor);
    return instance;
  }
  const onward = pickCustomer(context, lowBalance(300));
  if (onward === null) return null;
  onward.plantedFromDay = 0;
  customers.push(onward);
  script.transfer(outAtMs, customer, onward, outMinor);
  script.withdraw(atLocal(context, day + 1, 10, 300), onward, outMinor);
  return instance;
};

/** §4 #8: ten or more payers within a day, then the money leaves the next morning. */
export const plantFanIn: Planter = (context, instanceId) => {
  const { prng } = context;
  const day = startDay(context, 2);
  const collector = pickCustomer(context, lowBalance(300));
  const mules = pickCustomers(context, prng.int(10, 16), establishedPerson(0, 'investor'));
  if (day === null || collector === null || mules === null) return null;
  for (const customer of [collector, ...mules]) customer.plantedFromDay = 0;
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'fan_in',
    variant: 'debt_transfer',
    customers: [collector, ...mules],
  });
  let totalMinor = 0n;
  for (const mule of mules) {
    const amountMinor = yuanMinor(prng.between(5_000, 40_000), 1);
    const atMs = atLocal(context, day, prng.between(9, 20));
    script.deposit(atMs, mule, amountMinor);
    script.transfer(atMs + prng.int(5, 60) * MINUTE_MS, mule, collector, amountMinor);
    totalMinor += amountMinor;
  }
  const outMinor = (totalMinor * BigInt(prng.int(920, 1000))) / 1000n;
  script.withdraw(atLocal(context, day + 1, 9, 120), collector, outMinor);
  return instance;
};

/** §4 #9: one account pays ten or more payees within a day. */
export const plantFanOut: Planter = (context, instanceId) => {
  const { prng } = context;
  const day = startDay(context, 3);
  const source = pickCustomer(context, lowBalance(300));
  const payees = pickCustomers(context, prng.int(10, 16), lowBalance(100_000));
  if (day === null || source === null || payees === null) return null;
  for (const customer of [source, ...payees]) customer.plantedFromDay = 0;
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'fan_out',
    variant: 'debt_transfer',
    customers: [source, ...payees],
  });
  const parts = payees.map(() => yuanMinor(prng.between(8_000, 30_000), 1));
  const totalMinor = parts.reduce((sum, part) => sum + part, 0n);
  let atMs = atLocal(context, day, 9, 90);
  script.deposit(atMs, source, totalMinor);
  payees.forEach((payee, index) => {
    atMs += prng.int(5, 40) * MINUTE_MS;
    const part = parts[index] as bigint;
    script.transfer(atMs, source, payee, part);
    if (prng.chance(0.5))
      script.withdraw(atLocal(context, day + prng.int(1, 2), 10, 480), payee, part);
  });
  return instance;
};

/** §4 #13: three to five transfers of whole ten-thousands within 7 days. */
export const plantRoundAmounts: Planter = (context, instanceId) => {
  const { prng } = context;
  const day = startDay(context, 7);
  const payer = pickCustomer(context, establishedPerson(30, 'investor'));
  const payees = pickCustomers(context, prng.int(1, 3), lowBalance(100_000));
  if (day === null || payer === null || payees === null) return null;
  for (const customer of [payer, ...payees]) customer.plantedFromDay = 0;
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'round_amounts',
    variant: 'ten_thousands',
    customers: [payer, ...payees],
  });
  const count = prng.int(3, 5);
  const amounts = Array.from({ length: count }, () => yuanMinor(prng.int(1, 10) * 10_000, 10_000));
  const totalMinor = amounts.reduce((sum, amount) => sum + amount, 0n);
  script.deposit(atLocal(context, day, 9, 120), payer, totalMinor);
  amounts.forEach((amountMinor, index) => {
    const on = day + Math.min(6, index * prng.int(1, 2));
    script.transfer(atLocal(context, on, 14, 180), payer, prng.pick(payees), amountMinor);
  });
  return instance;
};
