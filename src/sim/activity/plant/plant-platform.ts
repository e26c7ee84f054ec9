import { floorToYuanStep, shareOf, yuanMinor } from '../amounts.js';
import { HOUR_MS, sampleBetweenMs } from '../cn-clock.js';
import type { Loan } from '../lending-market.js';
import type { Prng } from '../prng.js';
import { isOrdinaryOn, spendableMinor, type SimCustomer } from '../sim-customer.js';
import { startDay } from './plant-flows.js';
import {
  atLocal,
  establishedPerson,
  instanceOf,
  pickCustomer,
  type PlantedInstance,
  type Planter,
  Script,
} from './plant-kit.js';

/** §4 #24: debits of a customer's account without the customer's instruction, refused. */
export const plantUnauthorizedDebit: Planter = (context, instanceId) => {
  const { prng } = context;
  const day = startDay(context, 3);
  const victim = pickCustomer(
    context,
    (c) => c.balanceMinor >= 200_000n && c.activeUntilDay > 10_000,
  );
  const payee = pickCustomer(context, establishedPerson(0));
  if (day === null || victim === null || payee === null) return null;
  const { instance, script } = instanceOf(context, {
    instanceId,
    typology: 'unauthorized_debit',
    variant: 'refused_attempt',
    customers: [victim, payee],
  });
  const count = prng.int(1, 3);
  for (let index = 0; index < count; index += 1) {
    const amountMinor = floorToYuanStep(shareOf(victim.balanceMinor, prng.between(0.3, 0.9)), 100);
    script.add({
      atMs: atLocal(context, day + index, prng.between(1, 23)),
      kind: 'unauthorized_debit_attempt',
      purpose: 'transfer',
      amountMinor: amountMinor > 0n ? amountMinor : 100n,
      payer: victim,
      payee,
    });
  }
  return instance;
};

/** §4 #20: a loan repaid in full within 3–20 days of drawdown. */
export const plantEarlyRepayment: Planter = (context, instanceId) => {
  const { prng, market } = context;
  const day = startDay(context, 26);
  const borrower = pickCustomer(
    context,
    (c) =>
      establishedPerson(0, 'borrower')(c) &&
      !c.hasLoan &&
      c.loanFreeFromDay <= 0 &&
      c.profile.occupation !== 'student',
  );
  if (day === null || borrower === null) return null;
  borrower.plantedFromDay = 0;
  const monthlyYuan = Number(borrower.profile.declaredMonthlyMinor ?? 0n) / 100;
  const principalMinor = yuanMinor(Math.min(200_000, Math.max(20_000, monthlyYuan * 4)), 1000);
  const repayAfterDays = prng.int(3, 20);
  let loan: Loan | null = null;
  let repaid = false;
  const instance: PlantedInstance = {
    instanceId,
    typology: 'early_repayment',
    variant: 'full_prepayment',
    customers: [borrower],
    onDay(today: number, dayPrng: Prng) {
      if (today === day) loan = market.openLoan(borrower, principalMinor, 12, 80);
      if (loan === null || repaid || loan.closed || loan.disbursedDay === null) return;
      if (today !== loan.disbursedDay + repayAfterDays) return;
      const start = context.collector.dayStartMs;
      const atMs = sampleBetweenMs(dayPrng, start + 9 * HOUR_MS, start + 18 * HOUR_MS);
      market.prepay(dayPrng, loan, atMs, { label: 'early_repayment', instanceId });
      repaid = true;
    },
  };
  return instance;
};

/** Share of ordinary investors with money on the platform who join the run. */
const RUN_SHARE = 0.35;

/** §4 #27: a third of the investors take most of their money out over two days. */
export const plantWithdrawalRun: Planter = (context, instanceId) => {
  const day = context.options.days >= 7 ? context.options.days - 4 : null;
  if (day === null) return null;
  const script = new Script(context.collector, 'withdrawal_run', instanceId);
  const runners: SimCustomer[] = [];
  const done = new Set<SimCustomer>();
  return {
    instanceId,
    typology: 'withdrawal_run',
    variant: 'investor_run',
    customers: [],
    onDay(today: number, prng: Prng) {
      if (today === day) {
        for (const customer of context.customers) {
          if (customer.role !== 'investor' || !isOrdinaryOn(customer, today)) continue;
          if (context.taken.has(customer) || customer.balanceMinor < 50_000n) continue;
          if (!prng.chance(RUN_SHARE)) continue;
          customer.plantedFromDay = today;
          runners.push(customer);
        }
      }
      if (today !== day && today !== day + 1) return;
      const start = context.collector.dayStartMs;
      for (const customer of runners) {
        if (done.has(customer) || (today === day && prng.chance(0.4))) continue;
        done.add(customer);
        const amountMinor = floorToYuanStep(
          shareOf(spendableMinor(customer), prng.between(0.7, 1)),
          100,
        );
        if (amountMinor <= 0n) continue;
        const atMs = sampleBetweenMs(prng, start + 7 * HOUR_MS, start + 23 * HOUR_MS);
        script.withdraw(atMs, customer, amountMinor);
      }
    },
  };
};
