/**
 * What each role may do: the server's own table (src/security/permissions.ts) and its four-eyes
 * actions (src/approvals/approval-actions.ts), imported as they are — both are plain data with
 * no server dependencies. The console uses them only to hide what a role cannot use; the server
 * still refuses on its own.
 */
import { APPROVAL_ACTIONS } from '../../../src/approvals/approval-actions.js';
import {
  roleHasPermission,
  STAFF_ROLES,
  type StaffRole,
} from '../../../src/security/permissions.js';

export { PERMISSIONS, roleHasPermission, STAFF_ROLES } from '../../../src/security/permissions.js';
export type { Permission, StaffRole } from '../../../src/security/permissions.js';

/** The permission the second person needs to decide each four-eyes action. */
export const APPROVAL_DECIDER_PERMISSION = APPROVAL_ACTIONS;

/** Whether `role` may approve or reject a request for `action` (the requester never may). */
export function roleMayDecide(role: string, action: string): boolean {
  if (!roleHasPermission(role, 'approvals.decide')) return false;
  const needed = Object.hasOwn(APPROVAL_ACTIONS, action)
    ? APPROVAL_ACTIONS[action as keyof typeof APPROVAL_ACTIONS]
    : null;
  return needed !== null && roleHasPermission(role, needed);
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
