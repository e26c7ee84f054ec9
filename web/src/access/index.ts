export {
  APPROVAL_DECIDER_PERMISSION,
  PERMISSIONS,
  STAFF_ROLES,
  isStaffRole,
  roleHasPermission,
  roleMayDecide,
} from './permissions.js';
export type { Permission, StaffRole } from './permissions.js';
export { useCan } from './use-can.js';
export { apiKeyIsLive, apiKeyStatus, staffStatus } from './staff-status.js';
export type { ApiKeyStatus, StaffStatus } from './staff-status.js';
export { newPasswordProblem, PASSWORD_LENGTH_MIN } from './password-rules.js';
export type { PasswordProblem } from './password-rules.js';
