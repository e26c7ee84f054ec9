import type { Queryable } from '../store/index.js';
import { riskFailure, riskSuccess, type RiskResult } from './risk-result.js';

/** Roles that only read may not own a risk or a partner: an owner acts on what they own. */
const OWNER_ROLES = ['admin', 'operator', 'risk_analyst', 'compliance_officer'];

/**
 * An owner (seed §2.2.2) is an active member of staff who can act: not a platform's API
 * client, not disabled, not a read-only role.
 */
export async function checkOwner(db: Queryable, ownerId: string): Promise<RiskResult<string>> {
  const rows = await db.query<{ kind: string; role: string; disabled_at: Date | null }>(
    'SELECT kind, role, disabled_at FROM principals WHERE id = $1',
    [ownerId],
  );
  const row = rows[0];
  if (row === undefined) return riskFailure('unknown_principal', `no principal ${ownerId}`);
  if (row.kind !== 'staff' || row.disabled_at !== null || !OWNER_ROLES.includes(row.role))
    return riskFailure(
      'validation_failed',
      `${ownerId} cannot own risks: owners are active staff who act (${OWNER_ROLES.join(', ')})`,
    );
  return riskSuccess(ownerId);
}

export async function ownerNames(
  db: Queryable,
  ownerIds: readonly string[],
): Promise<Map<string, string>> {
  if (ownerIds.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM principals WHERE id = ANY($1::text[])',
    [[...new Set(ownerIds)]],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
