import { yuanMinor } from '../amounts.js';
import { MINUTE_MS } from '../cn-clock.js';
import type { SimCustomer } from '../sim-customer.js';
import { startDay } from './plant-flows.js';
import {
  atLocal,
  establishedPerson,
  instanceOf,
  openAccount,
  pickCustomer,
  pickCustomers,
  pickFrom,
  type Planter,
} from './plant-kit.js';

/** An open person account whose first movement lies at least `days` before the window. */
const hasHistory = (customer: SimCustomer, days: number): boolean =>
  establishedPerson(days)(customer) && customer.firstSeenDay <= -days;

const monthlyYuan = (customer: SimCustomer): number =>
  Number(customer.profile.declaredMonthlyMinor ?? 0n) / 100;

/** §4 #10: an account idle for more than 180 days receives ≥ 50k (or ≥ 5× its old months). */
export const plantDormantReactivation: Planter = (context, instanceId, ordinal) => {
  const { prng } = context;
  const day = startDay(context, 4);
  const customer = pickFrom(context, context.dormant, () => true);
  if (day === null || customer === null) return null;
  // Historical monthly inflow: what came in over the months the account was used (≥ 1).
  const months = Math.max(1, customer.legacySpanDays / 30);
  const monthlyYuan = Number(customer.legacyInflowMinor) / 100 / months;
  const fiveTimesYuan = monthlyYuan * prng.between(6, 8);
  const variant = ordinal % 3 === 2 && fiveTimesYuan < 48_000 ? 'five_times_average' : 'over_50k';
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'dormant_reactivation',
    variant,
    customers: [customer],
  });
  const yuan = variant === 'over_50k' ? prng.between(60_000, 300_000) : fiveTimesYuan;
  const amountMinor = yuanMinor(yuan, 100);
  script.deposit(atLocal(context, day, 10, 360), customer, amountMinor);
  script.withdraw(
    atLocal(context, day + prng.int(1, 3), 11, 300),
    customer,
    (amountMinor * 8n) / 10n,
  );
  return instance;
};

/** §4 #11: a day with a dozen or more movements, each several times the usual deposit. */
export const plantVelocitySpike: Planter = (context, instanceId) => {
  const { prng } = context;
  const day = startDay(context, 1);
  const customer = pickCustomer(
    context,
    (c) => hasHistory(c, 45) && c.role === 'investor' && !c.lateHours,
  );
  if (day === null || customer === null) return null;
  customer.plantedFromDay = day;
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'velocity_spike',
    variant: 'count_and_amount',
    customers: [customer],
  });
  let atMs = atLocal(context, day, 9, 60);
  const rounds = prng.int(7, 10);
  for (let index = 0; index < rounds; index += 1) {
    const amountMinor = yuanMinor(customer.depositMedianYuan * prng.between(3, 8), 1);
    script.deposit(atMs, customer, amountMinor);
    atMs += prng.int(10, 40) * MINUTE_MS;
    script.withdraw(atMs, customer, amountMinor);
    atMs += prng.int(10, 40) * MINUTE_MS;
  }
  return instance;
};

/** §4 #12: a month's flows far above the declared income (student or retired: > 100k). */
export const plantProfileMismatch: Planter = (context, instanceId, ordinal) => {
  const { prng } = context;
  const variant = ordinal % 2 === 0 ? 'student_or_retired' : 'five_times_income';
  const day = startDay(context, 16);
  const customer = pickCustomer(context, (c) => {
    if (!hasHistory(c, 45)) return false;
    const occupation = c.profile.occupation;
    if (variant === 'student_or_retired')
      return occupation === 'student' || occupation === 'retired';
    return occupation === 'employed' && monthlyYuan(c) < 20_000;
  });
  if (day === null || customer === null) return null;
  customer.plantedFromDay = day;
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'profile_mismatch',
    variant,
    customers: [customer],
  });
  const totalYuan =
    variant === 'student_or_retired'
      ? prng.between(120_000, 250_000)
      : monthlyYuan(customer) * prng.between(5, 8);
  const parts = prng.int(3, 5);
  for (let index = 0; index < parts; index += 1) {
    const on = day + index * 3;
    const amountMinor = yuanMinor(totalYuan / parts, 1);
    script.deposit(atLocal(context, on, 10, 240), customer, amountMinor);
    script.withdraw(atLocal(context, on + 1, 15, 180), customer, amountMinor);
  }
  return instance;
};

/** §4 #16: a daytime customer turns to 00:00–05:00, with one movement ≥ 50k. */
export const plantNightActivity: Planter = (context, instanceId) => {
  const { prng } = context;
  const day = startDay(context, 6);
  const customer = pickCustomer(
    context,
    (c) => hasHistory(c, 45) && c.role === 'investor' && !c.lateHours,
  );
  if (day === null || customer === null) return null;
  customer.plantedFromDay = day;
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'night_activity',
    variant: 'share_and_large',
    customers: [customer],
  });
  const largeMinor = yuanMinor(prng.between(55_000, 150_000), 1);
  script.deposit(atLocal(context, day, prng.between(0.5, 3), 60), customer, largeMinor);
  script.withdraw(atLocal(context, day + 1, prng.between(1, 3.5), 60), customer, largeMinor / 2n);
  const small = yuanMinor(prng.between(3_000, 20_000), 1);
  script.deposit(atLocal(context, day + 3, prng.between(0.5, 2), 60), customer, small);
  script.withdraw(atLocal(context, day + 4, prng.between(1, 3.5), 60), customer, small);
  script.withdraw(atLocal(context, day + 5, prng.between(1, 3.5), 60), customer, largeMinor / 2n);
  return instance;
};

/** §4 #17: three to five accounts on one device and one IP within days. */
export const plantSharedDevice: Planter = (context, instanceId, ordinal) => {
  const { prng } = context;
  const variant = ordinal % 2 === 0 ? 'new_accounts' : 'existing_accounts';
  const day = startDay(context, 8);
  if (day === null) return null;
  const count = prng.int(3, 5);
  const ring =
    variant === 'new_accounts'
      ? Array.from({ length: count }, (_, index) =>
          openAccount(context, day + index, {
            role: 'investor',
            kind: 'person',
            occupation: 'other',
          }),
        )
      : pickCustomers(context, count, establishedPerson(30, 'investor'));
  if (ring === null) return null;
  for (const customer of ring) customer.plantedFromDay = Math.min(customer.plantedFromDay, day);
  const channel = {
    deviceId: `dev_ring_${instanceId}`,
    ip: `100.127.${ordinal % 250}.${(ordinal * 7) % 250}`,
  };
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'shared_device',
    variant,
    customers: ring,
  });
  ring.forEach((customer, index) => {
    const on = day + index + 1;
    const amountMinor = yuanMinor(prng.between(3_000, 20_000), 100);
    script.deposit(atLocal(context, on, 10, 300), customer, amountMinor, channel);
    script.withdraw(atLocal(context, on + 1, 10, 300), customer, amountMinor, channel);
  });
  return instance;
};

/** §4 #18: ≥ 500k through the account in the 30 days before it is closed. */
export const plantFlowsBeforeClosure: Planter = (context, instanceId) => {
  const { prng } = context;
  const day = startDay(context, 14);
  const customer = pickCustomer(
    context,
    (c) => establishedPerson(30, 'investor')(c) && c.sharesHeld === 0,
  );
  if (day === null || customer === null) return null;
  customer.plantedFromDay = 0;
  // What the account holds now stays until closure: no ordinary activity, no loan shares.
  const restMinor = customer.balanceMinor;
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'flows_before_closure',
    variant: 'large_flows',
    customers: [customer],
  });
  const cycles = prng.int(2, 3);
  for (let index = 0; index < cycles; index += 1) {
    const amountMinor = yuanMinor(prng.between(200_000, 320_000), 100);
    script.deposit(atLocal(context, day + index * 4, 10, 240), customer, amountMinor);
    script.withdraw(atLocal(context, day + index * 4 + 1, 14, 180), customer, amountMinor);
  }
  const closeAtMs = atLocal(context, day + cycles * 4 + 1, 16, 60);
  customer.activeUntilDay = day + cycles * 4 + 1;
  customer.profile = { ...customer.profile, closedAtMs: closeAtMs };
  context.collector.profile(closeAtMs, customer.profile);
  if (restMinor > 0n) {
    script.add({
      atMs: closeAtMs + 1000,
      kind: 'withdrawal',
      purpose: 'closure',
      amountMinor: restMinor,
      payer: customer,
      payee: null,
    });
  }
  return instance;
};

/** §4 #19: a new account funded with ≥ 200k, or ≥ 10× its declared income, at once. */
export const plantLargeEarlyFunding: Planter = (context, instanceId, ordinal) => {
  const { prng } = context;
  const variant = ordinal % 2 === 0 ? 'over_200k' : 'ten_times_declared';
  const day = startDay(context, 10);
  if (day === null) return null;
  const customer = openAccount(context, day, {
    role: 'investor',
    kind: 'person',
    occupation: 'employed',
  });
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'large_early_funding',
    variant,
    customers: [customer],
  });
  const totalYuan =
    variant === 'over_200k'
      ? prng.between(250_000, 600_000)
      : monthlyYuan(customer) * prng.between(12, 18);
  const parts = prng.int(1, 3);
  for (let index = 0; index < parts; index += 1) {
    const on = day + 1 + index * prng.int(1, 3);
    script.deposit(atLocal(context, on, 11, 300), customer, yuanMinor(totalYuan / parts, 100));
  }
  return instance;
};

/** §4 #21: a top-up paid from a bank account in someone else's name. */
export const plantThirdPartyFunding: Planter = (context, instanceId) => {
  const { prng } = context;
  const day = startDay(context, 2);
  const customer = pickCustomer(context, establishedPerson(30, 'investor'));
  if (day === null || customer === null) return null;
  customer.plantedFromDay = day;
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'third_party_funding',
    variant: 'topup',
    customers: [customer],
  });
  const count = prng.int(1, 2);
  for (let index = 0; index < count; index += 1) {
    const amountMinor = yuanMinor(prng.between(5_000, 80_000), 100);
    script.deposit(atLocal(context, day + index, 10, 480), customer, amountMinor, {
      fundingAccountOwnName: false,
    });
  }
  return instance;
};
