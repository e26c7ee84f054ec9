import type { Permission } from '../security/permissions.js';

/**
 * Every action that needs a second person, and the permission that person must hold. One table
 * (`approvals`), one decision path (`decideApproval`), one rule: never the requester.
 */
export const APPROVAL_ACTIONS = {
  'freeze.lift': 'approvals.decide',
  'recon.adjust': 'recon.write',
  'instruction.release': 'holds.settle',
  'principal.role_grant': 'users.manage',
  'api_key.activate': 'keys.manage',
  'data_keys.rotate': 'keys.manage',
  'rule.activate': 'rules.write',
  'kri.thresholds': 'rules.write',
  'report.submit': 'compliance.write',
  'case.close': 'cases.work',
  'risk_rating.override': 'compliance.write',
  'risk_rating.input_change': 'compliance.write',
  'risk_rating.model': 'compliance.write',
  'retention.execute': 'compliance.write',
  'retention.hold_release': 'compliance.write',
} as const satisfies Record<string, Permission>;
export type ApprovalAction = keyof typeof APPROVAL_ACTIONS;

export function isApprovalAction(value: string): value is ApprovalAction {
  return Object.hasOwn(APPROVAL_ACTIONS, value);
}

export const APPROVAL_LIFETIME_MS = 72 * 60 * 60 * 1000;
export const APPROVAL_REASON_LENGTH_MAX = 500;

/** An approval row as executors receive it. */
export type ApprovalRow = {
  id: string;
  platform_id: string | null;
  action: string;
  payload: Record<string, unknown>;
  /** The requester's reason. */
  reason: string;
  requested_by: string;
};
