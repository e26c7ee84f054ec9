export { ACCOUNT_TYPES, BALANCE_POLICIES, balanceOf, zeroCounters } from './account.js';
export type {
  AccountCounters,
  AccountType,
  Balance,
  BalancePolicy,
  LedgerAccount,
} from './account.js';
export { PostingPlan } from './posting-plan.js';
export type {
  TransferOutcome,
  TransferPhase,
  TransferRejection,
  TransferRequest,
} from './posting-plan.js';
