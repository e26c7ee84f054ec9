/** Who is acting: a platform's API client, or a member of staff. */
export interface Principal {
  id: string;
  kind: 'platform' | 'staff';
  platformId: string | null;
  role: string;
  name: string;
}

export const STAFF_ROLES = ['admin', 'operator'] as const;

/** A platform principal acts only on its own platform; staff act on any. */
export function canActOnPlatform(principal: Principal, platformId: string): boolean {
  if (principal.kind === 'staff') return true;
  return principal.platformId === platformId;
}
