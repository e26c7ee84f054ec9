/**
 * What the monitoring engine sees of one movement of money (or one attempt at it). Built from a
 * posted or held instruction, from a refused unauthorized debit, or replayed from a file.
 * Amounts are bigint minor units of `currency`; times are epoch milliseconds (UTC).
 */
export const MONITORED_EVENT_KINDS = [
  'deposit',
  'withdrawal',
  'transfer',
  'fee',
  'reserve_contribution',
  'reserve_payout',
  'reversal',
  'unauthorized_debit_attempt',
] as const;
export type MonitoredEventKind = (typeof MONITORED_EVENT_KINDS)[number];

export interface MonitoredEvent {
  /** The instruction id (or security event id for refused attempts): unique per platform. */
  eventId: string;
  platformId: string;
  atMs: number;
  kind: MonitoredEventKind;
  /** Business purpose as the platform gave it: investment, disbursement, repayment, topup … */
  purpose: string;
  amountMinor: bigint;
  currency: string;
  /** The customer whose money leaves (null for deposits from outside and system debits). */
  payerCustomerId: string | null;
  /** The customer whose money arrives (null for withdrawals to a bank and system credits). */
  payeeCustomerId: string | null;
  payerAccountId: string | null;
  payeeAccountId: string | null;
  /** Optional context a platform sends with the instruction. */
  channel?: EventChannel;
}

export interface EventChannel {
  deviceId?: string;
  ip?: string;
  /** Cash at a counter (PBOC Order 3 Art. 5(1) large-value cash threshold). */
  cash?: boolean;
  crossBorder?: boolean;
  /** For deposits: whether the funding bank account is in the customer's own name. */
  fundingAccountOwnName?: boolean;
}

/** What monitoring knows about a customer beyond their movements. */
export interface CustomerProfile {
  customerId: string;
  platformId: string;
  kind: 'person' | 'entity';
  openedAtMs: number;
  closedAtMs?: number;
  /** Declared monthly income (persons) or expected monthly turnover (entities), minor units. */
  declaredMonthlyMinor?: bigint;
  occupation?: 'student' | 'retired' | 'employed' | 'self_employed' | 'other';
  riskRating?: 'low' | 'medium' | 'high';
}
