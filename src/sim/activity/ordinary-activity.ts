import { floorToYuanStep, shareOf, yuanMinor } from './amounts.js';
import { DAY_MS, MINUTE_MS, isWeekend, sampleTimeMs } from './cn-clock.js';
import type { DayCollector } from './day-collector.js';
import type { LendingMarket } from './lending-market.js';
import type { Prng } from './prng.js';
import { spendableMinor, type SimCustomer } from './sim-customer.js';

/** Monthly rates of an average investor (scaled by each customer's `activity`). */
const DEPOSITS_PER_MONTH = 1.2;
const BIDS_PER_MONTH = 4;
const WITHDRAWALS_PER_MONTH = 0.25;
const DEBT_PURCHASES_PER_MONTH = 0.1;
const CLOSURES_PER_MONTH = 0.002;
/** Persons who move a block of savings in once in a while (a legitimate large deposit). */
const SAVINGS_MOVES_PER_MONTH = 0.0025;
const LOAN_APPLICATIONS_PER_MONTH = 0.7;
const WEEKEND_FACTOR = 0.55;
const PERSON_LOAN_YUAN_MAX = 200_000;
const ENTITY_LOAN_YUAN_MAX = 1_000_000;

/** One day of ordinary behaviour for one customer. */
export function ordinaryDay(
  prng: Prng,
  customer: SimCustomer,
  collector: DayCollector,
  market: LendingMarket,
): void {
  const perDay = (isWeekend(collector.dayStartMs) ? WEEKEND_FACTOR : 1) / 30;
  if (customer.role === 'borrower') {
    const free = !customer.hasLoan && collector.day >= customer.loanFreeFromDay;
    if (free && prng.chance(LOAN_APPLICATIONS_PER_MONTH * perDay)) {
      applyForLoan(prng, customer, market);
    }
    return;
  }
  const rate = customer.activity * perDay;
  let afterMs = collector.dayStartMs;
  if (prng.chance(DEPOSITS_PER_MONTH * rate)) afterMs = deposit(prng, customer, collector, false);
  else if (customer.profile.kind === 'person' && prng.chance(SAVINGS_MOVES_PER_MONTH * perDay)) {
    afterMs = deposit(prng, customer, collector, true);
  }
  if (prng.chance(BIDS_PER_MONTH * rate)) bid(prng, customer, market, afterMs);
  if (prng.chance(DEBT_PURCHASES_PER_MONTH * rate)) {
    buyShare(prng, customer, collector, market, afterMs);
  }
  if (prng.chance(WITHDRAWALS_PER_MONTH * rate)) withdraw(prng, customer, collector, afterMs);
  else if (customer.sharesHeld === 0 && prng.chance(CLOSURES_PER_MONTH * perDay)) {
    close(customer, collector, afterMs);
  }
}

function channelOf(customer: SimCustomer) {
  return { deviceId: customer.deviceId, ip: customer.ip };
}

/** A moment after `afterMs` on the same day, from the customer's rhythm where possible. */
function momentAfter(prng: Prng, customer: SimCustomer, collector: DayCollector, afterMs: number) {
  const drawn = sampleTimeMs(prng, collector.dayStartMs, customer.lateHours);
  if (drawn > afterMs) return drawn;
  const endMs = collector.dayStartMs + DAY_MS - 1;
  return Math.min(endMs, afterMs + prng.int(5, 120) * MINUTE_MS);
}

function deposit(prng: Prng, customer: SimCustomer, collector: DayCollector, savings: boolean) {
  const monthlyYuan = Number(customer.profile.declaredMonthlyMinor ?? 0n) / 100;
  const yuan = savings
    ? monthlyYuan * prng.between(6, 15)
    : prng.logNormal(customer.depositMedianYuan, 0.5);
  const step = yuan >= 10_000 && prng.chance(0.1) ? 10_000 : prng.chance(0.3) ? 1000 : 100;
  const amountMinor = yuanMinor(yuan, step);
  const atMs = sampleTimeMs(prng, collector.dayStartMs, customer.lateHours);
  const channel = { ...channelOf(customer), fundingAccountOwnName: true };
  collector.event({
    atMs,
    kind: 'deposit',
    purpose: 'topup',
    amountMinor,
    payer: null,
    payee: customer,
    channel,
  });
  customer.spentTodayMinor -= amountMinor;
  return atMs;
}

function bid(prng: Prng, customer: SimCustomer, market: LendingMarket, afterMs: number): void {
  const spendable = spendableMinor(customer);
  const wantedYuan = prng.logNormal(customer.depositMedianYuan * 1.2, 0.6);
  const step = wantedYuan >= 10_000 && prng.chance(0.08) ? 10_000 : 100;
  const wanted = yuanMinor(wantedYuan, step);
  const amountMinor = floorToYuanStep(wanted < spendable ? wanted : spendable, 100);
  if (amountMinor <= 0n) return;
  market.bid(prng, customer, amountMinor, momentAfter(prng, customer, market.collector, afterMs));
}

function buyShare(
  prng: Prng,
  buyer: SimCustomer,
  collector: DayCollector,
  market: LendingMarket,
  afterMs: number,
): void {
  const loan = market.randomRunning(prng);
  if (loan === undefined || loan.shares.length === 0) return;
  const share = prng.pick(loan.shares);
  const seller = share.owner;
  if (seller === buyer || seller.plantedFromDay <= collector.day) return;
  const priceMinor = (share.principalMinor * loan.outstandingMinor) / loan.principalMinor;
  if (priceMinor <= 0n || priceMinor > spendableMinor(buyer)) return;
  const atMs = momentAfter(prng, buyer, collector, afterMs);
  const base = {
    atMs,
    kind: 'transfer',
    purpose: 'debt_transfer',
    amountMinor: priceMinor,
  } as const;
  collector.event({ ...base, payer: buyer, payee: seller, channel: channelOf(buyer) });
  seller.sharesHeld -= 1;
  buyer.sharesHeld += 1;
  share.owner = buyer;
}

function withdraw(prng: Prng, customer: SimCustomer, collector: DayCollector, afterMs: number) {
  const amountMinor = floorToYuanStep(shareOf(spendableMinor(customer), prng.between(0.3, 1)), 100);
  if (amountMinor <= 0n) return;
  const atMs = momentAfter(prng, customer, collector, afterMs);
  const base = { atMs, kind: 'withdrawal', purpose: 'withdrawal', amountMinor } as const;
  collector.event({ ...base, payer: customer, payee: null, channel: channelOf(customer) });
}

/** Closes an account that holds no loan shares: all money out, then the profile says closed. */
function close(customer: SimCustomer, collector: DayCollector, afterMs: number): void {
  const amountMinor = spendableMinor(customer);
  if (amountMinor !== customer.balanceMinor) return;
  const atMs = Math.max(collector.dayStartMs + 17 * 3_600_000, afterMs + MINUTE_MS);
  if (atMs >= collector.dayStartMs + DAY_MS - 2000) return;
  customer.profile = { ...customer.profile, closedAtMs: atMs };
  collector.profile(atMs, customer.profile);
  customer.activeUntilDay = collector.day;
  if (amountMinor === 0n) return;
  const base = { atMs: atMs + 1000, kind: 'withdrawal', purpose: 'closure', amountMinor } as const;
  collector.event({ ...base, payer: customer, payee: null, channel: channelOf(customer) });
}

function applyForLoan(prng: Prng, borrower: SimCustomer, market: LendingMarket): void {
  const monthlyYuan = Number(borrower.profile.declaredMonthlyMinor ?? 0n) / 100;
  const entity = borrower.profile.kind === 'entity';
  const yuan = entity
    ? Math.min(ENTITY_LOAN_YUAN_MAX, prng.logNormal(400_000, 0.5))
    : Math.min(PERSON_LOAN_YUAN_MAX, monthlyYuan * prng.between(0.5, 3));
  const principalMinor = yuanMinor(Math.max(3000, yuan), entity ? 10_000 : 1000);
  const termMonths = prng.pick([3, 6, 6, 12, 12] as const);
  market.openLoan(borrower, principalMinor, termMonths, prng.int(65, 100));
}
