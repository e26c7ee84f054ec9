import type { CustomerProfile } from '../../monitor/monitored-event.js';

export type CustomerRole = 'investor' | 'borrower';

/**
 * One simulated customer and the state the simulator keeps for it. Balances are the
 * customer's custody account in minor units; `spentTodayMinor` caps today's outflows at what
 * the account held when the day began (plus its own earlier deposits of the day), so the
 * stream never overdraws an account in time order.
 */
export interface SimCustomer {
  readonly index: number;
  readonly customerId: string;
  readonly accountId: string;
  profile: CustomerProfile;
  readonly role: CustomerRole;
  readonly deviceId: string;
  readonly ip: string;
  /** Habitually active late at night (their history shows it). */
  readonly lateHours: boolean;
  /** Expected events a month (a multiplier on the role's rates). */
  readonly activity: number;
  /** Typical deposit, whole yuan. */
  readonly depositMedianYuan: number;
  /** First day (relative to the window) with ordinary activity. */
  activeFromDay: number;
  /** Ordinary activity stops after this day (dormant or closed customers). */
  activeUntilDay: number;
  balanceMinor: bigint;
  dayStartBalanceMinor: bigint;
  spentTodayMinor: bigint;
  /** Taken by a planted instance from this day on: no ordinary outflows. */
  plantedFromDay: number;
  /** Loan shares held (investors) — a customer holding shares does not close. */
  sharesHeld: number;
  /** A loan open or running (borrowers). */
  hasLoan: boolean;
  /**
   * First day a borrower may apply again: the day after a repaid loan closes, so a new loan is
   * never funded and paid out before the old one's last instalment in time order.
   */
  loanFreeFromDay: number;
  /** Day of the customer's first movement (MAX_SAFE_INTEGER before it). */
  firstSeenDay: number;
  /** Dormant accounts: what came in before they fell silent, and over how many days. */
  legacyInflowMinor: bigint;
  legacySpanDays: number;
}

export function spendableMinor(customer: SimCustomer): bigint {
  const fromDayStart = customer.dayStartBalanceMinor - customer.spentTodayMinor;
  return fromDayStart < customer.balanceMinor ? fromDayStart : customer.balanceMinor;
}

/** Ordinary activity starts the day after opening, so the profile always comes first. */
export function isOrdinaryOn(customer: SimCustomer, day: number): boolean {
  if (day <= customer.activeFromDay || day > customer.activeUntilDay) return false;
  return day < customer.plantedFromDay;
}
