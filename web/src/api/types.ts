/**
 * The console's view of the Custos HTTP API (JSON over /v1). These types mirror the server's
 * response schemas; keep them aligned when the server's contract changes.
 */

/** An amount as the API returns it: decimal text, integer minor units as text, ISO 4217 code. */
export interface Money {
  amount: string;
  amountMinor: string;
  currency: string;
}

export interface Balance {
  posted: Money;
  pending: Money;
  available: Money;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type PrincipalKind = 'platform' | 'staff';

export interface Principal {
  id: string;
  kind: PrincipalKind;
  role: string;
  name: string;
  platformId: string | null;
}

export interface MeResponse {
  principal: Principal;
}

export interface Platform {
  id: string;
  name: string;
  createdAt: string;
}

export interface Customer {
  id: string;
  kind: 'person' | 'entity';
  externalRef: string;
  displayName: string;
  status: string;
  createdAt: string;
}

export const ACCOUNT_TYPES = [
  'customer',
  'reserve',
  'fees',
  'custody_bank',
  'clearing',
  'suspense',
] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export interface Account {
  id: string;
  type: AccountType;
  customerId: string | null;
  currency: string;
  balance: Balance;
  createdAt: string;
}

export interface CustomerKey {
  id: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface BankAccount {
  id: string;
  currency: string;
  maskedNumber: string;
  bankName: string;
}

export interface Mandate {
  id: string;
  payerAccountId: string;
  payeeAccountId: string;
  purpose: string;
  perInstructionMax: Money;
  perPeriodMax: Money;
  currency: string;
  periodDays: number;
  validFrom: string;
  validUntil: string;
  revokedAt: string | null;
}

export interface CustomerDetail extends Customer {
  accounts: Account[];
  keys: CustomerKey[];
  bankAccounts: BankAccount[];
  mandates: Mandate[];
}

export interface StatementLine {
  transferId: string;
  instructionId: string;
  at: string;
  phase: string;
  direction: 'debit' | 'credit';
  amount: Money;
  runningBalance: Money;
  counterpartyAccountId: string;
}

export interface Statement extends Page<StatementLine> {
  account: Account;
}

export const INSTRUCTION_STATUSES = ['pending', 'posted', 'voided'] as const;
export type InstructionStatus = (typeof INSTRUCTION_STATUSES)[number];

export interface Instruction {
  id: string;
  type: string;
  status: InstructionStatus;
  amount: Money;
  debitAccountId: string;
  creditAccountId: string;
  purpose: string;
  authorizationKind: 'signature' | 'mandate' | 'none';
  /** Why the instruction waits: 'approval_required' (four-eyes) or 'requested_by_platform'. */
  holdReason: string | null;
  /** Rules of the gates that held it, and their combined reason: shown to staff only. */
  holdRuleIds: string[];
  holdNote: string | null;
  idempotencyKey: string;
  reversesInstructionId: string | null;
  submittedBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface InstructionEvent {
  event: string;
  actor: string;
  at: string;
  detail: unknown;
}

export interface JournalTransfer {
  id: string;
  phase: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: Money;
  at: string;
}

export interface InstructionDetail extends Instruction {
  events: InstructionEvent[];
  transfers: JournalTransfer[];
}

export interface BalanceByType {
  type: AccountType;
  posted: Money;
  pending: Money;
  accounts: number;
}

export interface CurrencyBalance {
  currency: string;
  balanced: boolean;
  debitsMinor: string;
  creditsMinor: string;
  byType: BalanceByType[];
}

export interface TrialBalance {
  currencies: CurrencyBalance[];
}

export interface Freeze {
  id: string;
  customerId: string | null;
  accountId: string | null;
  scope: 'debits' | 'all';
  reasonCode: string;
  note: string | null;
  caseRef: string | null;
  createdBy: string;
  createdAt: string;
  liftedAt: string | null;
  liftedBy: string | null;
  liftApprovedBy: string | null;
}

export interface Approval {
  id: string;
  platformId: string | null;
  action: string;
  payload: Record<string, unknown>;
  reason: string;
  requestedBy: string;
  status: string;
  decidedBy: string | null;
  decisionReason: string | null;
  expiresAt: string;
  createdAt: string;
  decidedAt: string | null;
}

/** Body of every state-changing console action: a person's reason, kept in the audit log. */
export interface ReasonBody {
  reason: string;
}
