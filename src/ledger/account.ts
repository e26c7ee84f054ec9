export const ACCOUNT_TYPES = [
  'customer',
  'reserve',
  'fees',
  'custody_bank',
  'clearing',
  'suspense',
] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** The four monotonic counters a balance is derived from (TigerBeetle's model). */
export interface AccountCounters {
  debitsPendingMinor: bigint;
  debitsPostedMinor: bigint;
  creditsPendingMinor: bigint;
  creditsPostedMinor: bigint;
}

export interface LedgerAccount extends AccountCounters {
  id: string;
  platformId: string;
  customerId: string | null;
  type: AccountType;
  currency: string;
}

/**
 * Which side an account's balance grows on, and whether it may go below zero on that side.
 * Liabilities to customers, the reserve and fees are credit-normal and never negative; the
 * custody bank account mirrors cash at the bank and is debit-normal and never negative; money
 * in flight (clearing) and under investigation (suspense) may sit on either side.
 */
export interface BalancePolicy {
  normalSide: 'credit' | 'debit';
  floorZero: boolean;
}

export const BALANCE_POLICIES: Readonly<Record<AccountType, BalancePolicy>> = Object.freeze({
  customer: { normalSide: 'credit', floorZero: true },
  reserve: { normalSide: 'credit', floorZero: true },
  fees: { normalSide: 'credit', floorZero: true },
  custody_bank: { normalSide: 'debit', floorZero: true },
  clearing: { normalSide: 'debit', floorZero: false },
  suspense: { normalSide: 'credit', floorZero: false },
});

export interface Balance {
  postedMinor: bigint;
  pendingMinor: bigint;
  availableMinor: bigint;
}

/**
 * Balances on the account's normal side. `available` counts outgoing pending amounts as
 * already gone and incoming pending amounts as not yet there, so holds can never overdraw.
 */
export function balanceOf(type: AccountType, counters: AccountCounters): Balance {
  const policy = BALANCE_POLICIES[type];
  if (policy.normalSide === 'credit') {
    const postedMinor = counters.creditsPostedMinor - counters.debitsPostedMinor;
    const pendingMinor = counters.creditsPendingMinor - counters.debitsPendingMinor;
    return { postedMinor, pendingMinor, availableMinor: postedMinor - counters.debitsPendingMinor };
  }
  const postedMinor = counters.debitsPostedMinor - counters.creditsPostedMinor;
  const pendingMinor = counters.debitsPendingMinor - counters.creditsPendingMinor;
  return { postedMinor, pendingMinor, availableMinor: postedMinor - counters.creditsPendingMinor };
}

export function zeroCounters(): AccountCounters {
  return {
    debitsPendingMinor: 0n,
    debitsPostedMinor: 0n,
    creditsPendingMinor: 0n,
    creditsPostedMinor: 0n,
  };
}
