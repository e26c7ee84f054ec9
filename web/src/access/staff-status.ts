import type { ApiKeyInfo, StaffMember } from '../api/staff-types.js';

/** Where a member of staff stands, most restrictive first. */
export type StaffStatus =
  'disabled' | 'awaitingApproval' | 'locked' | 'apiKeyOnly' | 'enrolmentPending' | 'active';

export function staffStatus(member: StaffMember, nowMs: number): StaffStatus {
  if (member.disabledAt !== null) return 'disabled';
  if (member.activatedAt === null) return 'awaitingApproval';
  if (member.lockedUntil !== null && Date.parse(member.lockedUntil) > nowMs) return 'locked';
  // Staff automation has a principal and API keys but no login to sign in with.
  if (member.login === null) return 'apiKeyOnly';
  if (member.totpEnrolledAt === null) return 'enrolmentPending';
  return 'active';
}

/**
 * Where an API key stands: a rotated key waits for a second person's approval; once it is
 * approved the older keys keep working until their expiry (the overlap), then stop.
 */
export type ApiKeyStatus = 'revoked' | 'awaitingApproval' | 'expired' | 'expiring' | 'active';

export function apiKeyStatus(key: ApiKeyInfo, nowMs: number): ApiKeyStatus {
  if (key.revokedAt !== null) return 'revoked';
  if (key.activatedAt === null) return 'awaitingApproval';
  if (key.expiresAt !== null) return Date.parse(key.expiresAt) <= nowMs ? 'expired' : 'expiring';
  return 'active';
}

/** Keys that can still be revoked (revoking is refused for keys already revoked). */
export function apiKeyIsLive(key: ApiKeyInfo): boolean {
  return key.revokedAt === null;
}
