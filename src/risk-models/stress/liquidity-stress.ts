import { assert } from '../../assert.js';
import type {
  LiquidityDay,
  LiquidityPosition,
  LiquidityResult,
  StressScenario,
  StressShock,
} from './stress-types.js';
import { spreadOverDays, withdrawalRunTotal } from './withdrawal-demand.js';

const BASIS = 10_000n;
const DAY_MS = 86_400_000;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** Withdrawal demand per day (index 0 = day 1), capped so no more than the liabilities leave. */
function withdrawalDemand(
  shocks: readonly StressShock[],
  position: LiquidityPosition,
  horizonDays: number,
): bigint[] {
  const demand = new Array<bigint>(horizonDays).fill(0n);
  const balances = [...position.customerBalancesMinor].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  const liabilities = balances.reduce((s, b) => s + b, 0n);
  let remaining = liabilities;
  for (const shock of shocks) {
    if (shock.kind !== 'withdrawal_run') continue;
    const total = min(withdrawalRunTotal(shock, balances, liabilities), remaining);
    remaining -= total;
    spreadOverDays(total, shock.days).forEach((amount, i) => {
      const index = shock.startDay - 1 + i;
      // Demand after the horizon is not part of this test.
      if (index < horizonDays) demand[index] = (demand[index] ?? 0n) + amount;
    });
  }
  return demand;
}

function failingBankShare(
  shock: Extract<StressShock, { kind: 'bank_failure' }>,
  position: LiquidityPosition,
): { numerator: bigint; denominator: bigint } {
  const total = position.custodyCash.reduce((s, b) => s + max(b.amountMinor, 0n), 0n);
  if (total === 0n) return { numerator: 0n, denominator: 1n };
  const banks = [...position.custodyCash].sort((a, b) => (a.amountMinor > b.amountMinor ? -1 : 1));
  const failing =
    shock.bank === null ? banks[0] : position.custodyCash.find((b) => b.bank === shock.bank);
  const held = failing === undefined ? 0n : max(failing.amountMinor, 0n);
  return { numerator: held * BigInt(shock.lossShareBasisPoints), denominator: total * BASIS };
}

/**
 * Runs one scenario against one currency's position, day by day. Cash only ever falls below
 * what the scheduled flows alone would give: shocks take money away, never add it. A day
 * ends short when cash is below zero; unmet demand carries into the next day.
 */
export function runLiquidityStress(
  scenario: StressScenario,
  position: LiquidityPosition,
): LiquidityResult {
  const horizon = scenario.horizonDays;
  assert(horizon >= 1, 'horizon of at least one day');
  const demand = withdrawalDemand(scenario.shocks, position, horizon);
  const repaymentLoss = scenario.shocks.reduce(
    (s, shock) =>
      s + (shock.kind === 'default_increase' ? BigInt(shock.repaymentLossBasisPoints) : 0n),
    0n,
  );
  assert(repaymentLoss >= 0n, 'repayment loss is not negative');
  const lossShare = min(repaymentLoss, BASIS);
  const startCash = position.custodyCash.reduce((s, b) => s + b.amountMinor, 0n);
  let cash = startCash;
  let reserve = position.reserveMinor;
  let reserveExhaustedDay: number | null = null;
  let uncovered = 0n;
  let survivalDays: number | null = null;
  let maxShortfall = 0n;
  const path: LiquidityDay[] = [];
  for (let day = 1; day <= horizon; day += 1) {
    let inflows = 0n;
    let outflows = 0n;
    let defaulted = 0n;
    for (const flow of position.flows) {
      if (flow.day !== day) continue;
      if (flow.kind === 'loan_repayment') {
        const lost = (flow.amountMinor * lossShare) / BASIS;
        defaulted += lost;
        inflows += flow.amountMinor - lost;
      } else if (flow.kind === 'other_inflow') inflows += flow.amountMinor;
      else outflows += flow.amountMinor;
    }
    let losses = 0n;
    for (const shock of scenario.shocks) {
      if (shock.kind === 'bank_failure' && shock.day === day) {
        const share = failingBankShare(shock, position);
        losses += (max(cash, 0n) * share.numerator) / share.denominator;
      }
      if (shock.kind === 'reserve_shortfall' && shock.day === day) {
        const missing = (max(reserve, 0n) * BigInt(shock.reductionBasisPoints)) / BASIS;
        reserve -= missing;
        losses += min(missing, max(cash - losses, 0n));
      }
    }
    // Lenders are paid the defaulted instalments from the reserve while it lasts.
    const covered = min(defaulted, max(reserve, 0n));
    reserve -= covered;
    uncovered += defaulted - covered;
    if (defaulted > covered && reserveExhaustedDay === null) reserveExhaustedDay = day;
    const withdrawals = demand[day - 1] ?? 0n;
    cash = cash + inflows - outflows - withdrawals - losses;
    const shortfall = cash < 0n ? -cash : 0n;
    if (shortfall > 0n && survivalDays === null) survivalDays = day - 1;
    maxShortfall = max(maxShortfall, shortfall);
    path.push({
      day,
      date: addDays(position.asOf, day),
      cashMinor: cash,
      reserveMinor: reserve,
      inflowsMinor: inflows,
      outflowsMinor: outflows,
      withdrawalsMinor: withdrawals,
      lossesMinor: losses,
      shortfallMinor: shortfall,
    });
  }
  return {
    currency: position.currency,
    asOf: position.asOf,
    horizonDays: horizon,
    startCashMinor: startCash,
    liabilitiesMinor: position.customerBalancesMinor.reduce((s, b) => s + b, 0n),
    survivalDays,
    maxShortfallMinor: maxShortfall,
    reserveExhaustedDay,
    uncoveredDefaultsMinor: uncovered,
    totalWithdrawalsMinor: demand.reduce((s, d) => s + d, 0n),
    path,
  };
}
