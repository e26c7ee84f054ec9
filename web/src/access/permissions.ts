/**
 * What each role may do, as the server decides it (src/security/permissions.ts). The console
 * only uses this to hide what a role cannot use; the server still refuses on its own. A test
 * compares this table with the server's, so the two cannot drift apart unnoticed.
 */
export const STAFF_ROLES = [
  'admin',
  'operator',
  'risk_analyst',
  'compliance_officer',
  'auditor',
  'regulator',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const EVERYONE = [...STAFF_ROLES, 'platform'] as const;
const ALL_STAFF = STAFF_ROLES;
const DECIDERS = ['admin', 'operator', 'risk_analyst', 'compliance_officer'] as const;

export const PERMISSIONS = {
  'session.self': EVERYONE,
  'platforms.read': EVERYONE,
  'platforms.manage': ['admin'],
  'books.read': EVERYONE,
  'personal_data.read': ['admin', 'operator', 'compliance_officer', 'platform'],
  'customers.write': ['admin', 'operator', 'platform'],
  'instructions.submit': ['admin', 'operator', 'platform'],
  'holds.settle': ['admin', 'operator'],
  'freezes.create': ['admin', 'operator', 'risk_analyst', 'compliance_officer', 'platform'],
  'freezes.lift_request': DECIDERS,
  'approvals.read': ALL_STAFF,
  'approvals.decide': DECIDERS,
  'records.read': EVERYONE,
  'security_events.read': ['admin', 'risk_analyst', 'compliance_officer', 'auditor', 'regulator'],
  'audit_log.read': EVERYONE,
  'audit_log.manage': ['admin'],
  'recon.read': ALL_STAFF,
  'recon.write': ['admin', 'operator'],
  'monitoring.read': ALL_STAFF,
  'rules.write': ['admin', 'risk_analyst'],
  'alerts.read': ALL_STAFF,
  'cases.work': DECIDERS,
  'incidents.manage': DECIDERS,
  'notifications.manage': ['admin'],
  'compliance.read': ['admin', 'compliance_officer', 'auditor', 'regulator'],
  'compliance.write': ['admin', 'compliance_officer'],
  'users.read': ['admin', 'auditor'],
  'users.manage': ['admin'],
  'keys.manage': ['admin'],
} as const satisfies Record<string, readonly string[]>;
export type Permission = keyof typeof PERMISSIONS;

/** The permission the second person needs to decide each four-eyes action. */
export const APPROVAL_DECIDER_PERMISSION = {
  'freeze.lift': 'approvals.decide',
  'recon.adjust': 'recon.write',
  'instruction.release': 'holds.settle',
  'principal.role_grant': 'users.manage',
  'api_key.activate': 'keys.manage',
  'data_keys.rotate': 'keys.manage',
  'rule.activate': 'rules.write',
  'report.submit': 'compliance.write',
  'case.close': 'cases.work',
} as const satisfies Record<string, Permission>;

export function roleHasPermission(role: string, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).includes(role);
}

/** Whether `role` may approve or reject a request for `action` (the requester never may). */
export function roleMayDecide(role: string, action: string): boolean {
  if (!roleHasPermission(role, 'approvals.decide')) return false;
  const needed = Object.hasOwn(APPROVAL_DECIDER_PERMISSION, action)
    ? APPROVAL_DECIDER_PERMISSION[action as keyof typeof APPROVAL_DECIDER_PERMISSION]
    : null;
  return needed !== null && roleHasPermission(role, needed);
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
