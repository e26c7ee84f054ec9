export {
  authorizationDocument,
  authorizationMessage,
  passkeyChallenge,
  passkeyChallengeDocument,
} from './authorization-document.js';
export { authorizationFieldsOf } from './prepare-instruction.js';
export type { PasskeyCheck } from './prepare-instruction.js';
export type { PasskeyVerifier } from './passkey-verifier.js';
export { routeInstruction } from './route-instruction.js';
export type { AuthorizationFields } from './authorization-document.js';
export { CUSTODY_OPTIONS_DEFAULT, Custody } from './custody.js';
export type { CustodyOptions, SubmitResult } from './custody.js';
export { CUSTODY_ERROR_STATUS, UNAUTHORIZED_DEBIT_CODES, failure, success } from './errors.js';
export type { CustodyError, CustodyErrorCode, Result } from './errors.js';
export { FREEZE_REASON_CODES, createFreeze, requestFreezeLift } from './freeze-ops.js';
export type { FreezeInput, FreezeReasonCode } from './freeze-ops.js';
export { QueueFull } from './group-committer.js';
export {
  GATE_UNAVAILABLE_HOLD_REASON,
  MONITORING_HOLD_REASON,
  runGate,
} from './instruction-gate.js';
export type { GateDecision, InstructionGate } from './instruction-gate.js';
export type { PreparedInstruction } from './prepared-instruction.js';
export { hashChannel } from './instruction-channel.js';
export type { ChannelInput, InstructionChannel } from './instruction-channel.js';
export { settleHold } from './hold-ops.js';
export { lockAccounts } from './load-batch-state.js';
export { updateAccounts } from './write-batch.js';
export {
  AUTHORIZATION_LIFETIME_MS_MAX,
  IDEMPOTENCY_KEY_LENGTH_MAX,
  INSTRUCTION_PURPOSE_LENGTH_MAX,
  INSTRUCTION_TYPES,
} from './instruction.js';
export type {
  AuthorizationInput,
  PasskeyAuthorizationInput,
  InstructionInput,
  InstructionStatus,
  InstructionType,
} from './instruction.js';
export {
  getInstruction,
  listApprovals,
  listAuditRecords,
  listFreezes,
  listInstructions,
  listSecurityEvents,
} from './instruction-queries.js';
export type { InstructionView } from './instruction-queries.js';
export {
  createPlatform,
  openCustomerAccount,
  registerBankAccount,
  registerCustomer,
  registerCustomerKey,
  registerMandate,
  revokeCustomerKey,
} from './platform-ops.js';
export type { CustomerInput, MandateDocument } from './platform-ops.js';
export {
  accountStatement,
  getAccount,
  getCustomer,
  listAccounts,
  listCustomers,
  trialBalance,
} from './queries.js';
export type { AccountView, CustomerView, StatementLine, TrialBalance } from './queries.js';
