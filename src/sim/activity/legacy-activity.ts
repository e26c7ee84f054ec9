import { yuanMinor } from './amounts.js';
import { DAY_MS, HOUR_MS } from './cn-clock.js';
import type { DayCollector } from './day-collector.js';
import type { Prng } from './prng.js';
import type { SimCustomer } from './sim-customer.js';
import type { SimulationOptions } from './sim-options.js';

/** Days of silence a dormant account keeps before the window, at least. */
export const DORMANT_IDLE_DAYS_MIN = 200;

/**
 * A dormant account's old life: a few top-ups and withdrawals long before the history, then
 * nothing. Returns false when the account is too young to have been idle that long.
 */
export function scheduleLegacyActivity(
  prng: Prng,
  customer: SimCustomer,
  collector: DayCollector,
  options: SimulationOptions,
): boolean {
  const lastDayMax = -Math.max(DORMANT_IDLE_DAYS_MIN, options.historyDays + 100);
  const firstDayMin = customer.activeFromDay + 1;
  if (lastDayMax - 30 < firstDayMin) return false;
  const lastDay = prng.int(Math.max(firstDayMin + 30, lastDayMax - 300), lastDayMax);
  const firstDay = Math.max(firstDayMin, lastDay - 150);
  const pairs = prng.int(2, 4);
  let earliestDay = lastDay;
  let latestDay = firstDay;
  for (let index = 0; index < pairs; index += 1) {
    const inDay = prng.int(firstDay, lastDay - 1);
    earliestDay = Math.min(earliestDay, inDay);
    const outDay = Math.min(lastDay, inDay + prng.int(1, 20));
    latestDay = Math.max(latestDay, outDay);
    const amountMinor = yuanMinor(prng.logNormal(customer.depositMedianYuan, 0.4), 100);
    customer.legacyInflowMinor += amountMinor;
    const at = (day: number) => options.windowStartMs + day * DAY_MS + prng.int(9, 19) * HOUR_MS;
    const channel = { deviceId: customer.deviceId, ip: customer.ip };
    collector.event({
      atMs: at(inDay),
      kind: 'deposit',
      purpose: 'topup',
      amountMinor,
      payer: null,
      payee: customer,
      channel: { ...channel, fundingAccountOwnName: true },
    });
    collector.event({
      atMs: at(outDay) + 60_000,
      kind: 'withdrawal',
      purpose: 'withdrawal',
      amountMinor,
      payer: customer,
      payee: null,
      channel,
    });
  }
  customer.legacySpanDays = latestDay - earliestDay;
  return true;
}

/** An ordinary dormant customer who comes back with a modest top-up inside the window. */
export function scheduleModestReturn(
  prng: Prng,
  customer: SimCustomer,
  collector: DayCollector,
  options: SimulationOptions,
): void {
  const day = prng.int(0, options.days - 1);
  const yuan = Math.min(20_000, customer.depositMedianYuan * prng.between(0.5, 1.5));
  const atMs = options.windowStartMs + day * DAY_MS + prng.int(9, 19) * HOUR_MS;
  const channel = { deviceId: customer.deviceId, ip: customer.ip, fundingAccountOwnName: true };
  collector.event({
    atMs,
    kind: 'deposit',
    purpose: 'topup',
    amountMinor: yuanMinor(yuan, 100),
    payer: null,
    payee: customer,
    channel,
  });
}
