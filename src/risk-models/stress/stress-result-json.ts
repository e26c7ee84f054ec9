import type { LiquidityResult } from './stress-types.js';

/** A stress result with every amount as a decimal string of minor units (JSON has no bigint). */
export interface LiquidityResultJson {
  currency: string;
  asOf: string;
  horizonDays: number;
  startCashMinor: string;
  liabilitiesMinor: string;
  survivalDays: number | null;
  maxShortfallMinor: string;
  reserveExhaustedDay: number | null;
  uncoveredDefaultsMinor: string;
  totalWithdrawalsMinor: string;
  path: {
    day: number;
    date: string;
    cashMinor: string;
    reserveMinor: string;
    inflowsMinor: string;
    outflowsMinor: string;
    withdrawalsMinor: string;
    lossesMinor: string;
    shortfallMinor: string;
  }[];
}

export function liquidityResultJson(result: LiquidityResult): LiquidityResultJson {
  return {
    currency: result.currency,
    asOf: result.asOf,
    horizonDays: result.horizonDays,
    startCashMinor: result.startCashMinor.toString(),
    liabilitiesMinor: result.liabilitiesMinor.toString(),
    survivalDays: result.survivalDays,
    maxShortfallMinor: result.maxShortfallMinor.toString(),
    reserveExhaustedDay: result.reserveExhaustedDay,
    uncoveredDefaultsMinor: result.uncoveredDefaultsMinor.toString(),
    totalWithdrawalsMinor: result.totalWithdrawalsMinor.toString(),
    path: result.path.map((d) => ({
      day: d.day,
      date: d.date,
      cashMinor: d.cashMinor.toString(),
      reserveMinor: d.reserveMinor.toString(),
      inflowsMinor: d.inflowsMinor.toString(),
      outflowsMinor: d.outflowsMinor.toString(),
      withdrawalsMinor: d.withdrawalsMinor.toString(),
      lossesMinor: d.lossesMinor.toString(),
      shortfallMinor: d.shortfallMinor.toString(),
    })),
  };
}
