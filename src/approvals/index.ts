export {
  APPROVAL_ACTIONS,
  APPROVAL_LIFETIME_MS,
  APPROVAL_REASON_LENGTH_MAX,
  isApprovalAction,
} from './approval-actions.js';
export type { ApprovalAction, ApprovalRow } from './approval-actions.js';
export { ApprovalExecutionRefused } from './approval-execution-refused.js';
export { decideApproval, expireApprovals, openApproval } from './approvals.js';
export type { ApprovalRequest } from './approvals.js';
