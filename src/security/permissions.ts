/**
 * Roles and what each may do. Every HTTP route names one permission (route option
 * `config.permission`); the server refuses any route that names none, and refuses a caller
 * whose role lacks it. Tenant scope is checked separately (see `tenant-scope.ts`).
 */
export const ROLES = [
  'admin',
  'operator',
  'risk_analyst',
  'compliance_officer',
  'auditor',
  'regulator',
  'platform',
  /** A platform's customer in the portal (passkey session): self-service permissions only. */
  'customer',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles held by people who sign in to the console; `platform` is an API client's role. */
export const STAFF_ROLES = [
  'admin',
  'operator',
  'risk_analyst',
  'compliance_officer',
  'auditor',
  'regulator',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles that only ever read. */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor', 'regulator'];

/** Role sets the permission table repeats. */
/** Every staff role and the platform client; customers hold only the portal permissions. */
const EVERYONE = [...STAFF_ROLES, 'platform'] as const;
const ALL_STAFF = STAFF_ROLES;
/** Staff who act on the books and decide requests (not the read-only roles). */
const DECIDERS = ['admin', 'operator', 'risk_analyst', 'compliance_officer'] as const;

export const PERMISSIONS = {
  /** Anyone signed in: who am I, sign out. */
  'session.self': EVERYONE,
  'platforms.read': EVERYONE,
  'platforms.manage': ['admin'],
  /** Customers, accounts, balances, statements, instructions, freezes: reading. */
  'books.read': EVERYONE,
  /** Personal data in clear (names, ID numbers, bank accounts); others see it masked. */
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
  /** The tamper-evident log: checkpoints and proofs are public to any signed-in caller. */
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
  /** Regulatory reports as filed (goAML, CAMLMAC): they carry personal data in clear. */
  'reports.export': ['admin', 'compliance_officer'],
  /** Complaints: read by all staff and by the platform that lodged them. */
  'complaints.read': [...ALL_STAFF, 'platform'],
  'complaints.manage': ['admin', 'operator', 'compliance_officer'],
  /** Lodging complaints and privacy requests on a customer's behalf. */
  'complaints.submit': ['admin', 'operator', 'platform'],
  /** Carrying out PIPL requests: exports, corrections, deletions. */
  'privacy.manage': ['admin', 'compliance_officer'],
  /** Publishing product risk notices. */
  'notices.manage': ['admin', 'compliance_officer'],
  /** Customer risk ratings, beneficial owners and EDD checklists (overrides: compliance.write). */
  'risk_rating.read': ['admin', 'risk_analyst', 'compliance_officer', 'auditor', 'regulator'],
  'risk_rating.write': ['admin', 'risk_analyst', 'compliance_officer'],
  /** The risk register, loss events, partners and owners' responsibilities. */
  'risk.read': ALL_STAFF,
  'risk.write': ['admin', 'risk_analyst', 'compliance_officer'],
  'users.read': ['admin', 'auditor'],
  'users.manage': ['admin'],
  'keys.manage': ['admin'],
  /** Sanctions and watchlist screening: list versions, ad-hoc screening, results, reviews. */
  'screening.read': [
    'admin',
    'operator',
    'risk_analyst',
    'compliance_officer',
    'auditor',
    'regulator',
  ],
  /** Importing lists, rescreening, deciding screening reviews. */
  'screening.manage': ['admin', 'compliance_officer'],
  /** Proof of liabilities: published roots and customers' inclusion proofs. */
  'pol.read': EVERYONE,
  'pol.manage': ['admin', 'operator'],
  /** Reading a tree's opened total (and the sum of its masks) for supervision. */
  'pol.total.read': ['admin', 'auditor', 'regulator'],
  /** A customer's own portal: balances, statements, pending instructions, passkeys. */
  'portal.self': ['customer'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);
}

export function roleHasPermission(role: string, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
