/**
 * Liquidity stress tests: a currency's position from the books, shocks applied day by day.
 * Shares are basis points (1/100 of a percent) so every amount stays an exact bigint.
 */
export interface BankBalance {
  /** The custody bank account (from its statements), or 'books' without statements. */
  bank: string;
  amountMinor: bigint;
}

export type FlowKind = 'loan_repayment' | 'loan_disbursement' | 'other_inflow' | 'other_outflow';

export interface ScheduledFlow {
  /** Days after the position date, 1 = the next day. */
  day: number;
  kind: FlowKind;
  amountMinor: bigint;
}

export interface LiquidityPosition {
  currency: string;
  asOf: string;
  custodyCash: BankBalance[];
  /** Every customer balance of the currency above zero. */
  customerBalancesMinor: bigint[];
  reserveMinor: bigint;
  flows: ScheduledFlow[];
}

export type StressShock =
  | {
      kind: 'withdrawal_run';
      /** Share of customer balances, or of customers, that leaves. */
      shareBasisPoints: number;
      basis: 'balances' | 'customers';
      /** Customers leave largest balance first; otherwise an average customer leaves. */
      largestFirst: boolean;
      startDay: number;
      days: number;
    }
  | {
      kind: 'bank_failure';
      /** The failing custody bank account; null: the one holding the most. */
      bank: string | null;
      lossShareBasisPoints: number;
      day: number;
    }
  /** Scheduled loan repayments arrive reduced by this share; the reserve covers lenders. */
  | { kind: 'default_increase'; repaymentLossBasisPoints: number }
  /** Part of the reserve is not there: reserve and custody cash fall by that amount. */
  | { kind: 'reserve_shortfall'; reductionBasisPoints: number; day: number };

export interface StressScenario {
  name: string;
  description: string;
  horizonDays: number;
  shocks: StressShock[];
}

export interface LiquidityDay {
  day: number;
  date: string;
  cashMinor: bigint;
  reserveMinor: bigint;
  inflowsMinor: bigint;
  outflowsMinor: bigint;
  withdrawalsMinor: bigint;
  lossesMinor: bigint;
  shortfallMinor: bigint;
}

export interface LiquidityResult {
  currency: string;
  asOf: string;
  horizonDays: number;
  startCashMinor: bigint;
  liabilitiesMinor: bigint;
  /** Days before the first shortfall; null: the position survives the horizon. */
  survivalDays: number | null;
  maxShortfallMinor: bigint;
  /** First day the reserve cannot cover defaulted repayments; null: never. */
  reserveExhaustedDay: number | null;
  /** Defaulted repayments the reserve could not cover: lenders' losses. */
  uncoveredDefaultsMinor: bigint;
  totalWithdrawalsMinor: bigint;
  path: LiquidityDay[];
}
