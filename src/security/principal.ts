/** Who is acting: a platform's API client, or a member of staff. */
export interface Principal {
  id: string;
  kind: 'platform' | 'staff' | 'customer';
  platformId: string | null;
  /** For customers (portal sessions): the customer they are, on `platformId`. */
  customerId?: string;
  role: string;
  name: string;
  /** For regulators: the platforms they supervise (they read only those). */
  supervisedPlatformIds?: readonly string[];
}

/**
 * Tenant scope. A platform client acts on its own platform only; a regulator reads the
 * platforms it supervises; other staff act on any platform (their role limits what they do).
 */
export function canActOnPlatform(principal: Principal, platformId: string): boolean {
  if (principal.kind === 'platform') return principal.platformId === platformId;
  if (principal.kind === 'customer') return principal.platformId === platformId;
  if (principal.role === 'regulator')
    return principal.supervisedPlatformIds?.includes(platformId) ?? false;
  return true;
}

/** The platforms a principal may see in cross-platform lists, or null for all of them. */
export function platformScope(principal: Principal): readonly string[] | null {
  if (principal.kind === 'platform' || principal.kind === 'customer')
    return principal.platformId === null ? [] : [principal.platformId];
  if (principal.role === 'regulator') return principal.supervisedPlatformIds ?? [];
  return null;
}
