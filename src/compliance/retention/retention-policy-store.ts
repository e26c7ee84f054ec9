import { appendAuditRecords } from '../../audit/audit-record-store.js';
import type { Queryable } from '../../store/index.js';
import { JURISDICTIONS, type Jurisdiction } from '../register/register-data.js';
import { effectiveRetentionYears, statutoryMinimumYears } from './retention-period.js';

export interface RetentionPolicy {
  platformId: string;
  jurisdictions: Jurisdiction[];
  retentionYearsOverride: number | null;
  /** The period applied: the longest statutory period, or the longer override. */
  retentionYears: number;
  statutoryMinimumYears: number;
  /** False while the platform uses the default (CN only, no override). */
  configured: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

/**
 * The jurisdiction Custos operates from: its record-keeping rule (AML Law Art. 34, ten years)
 * applies to every platform whatever else is chosen, so no single setting can shorten the
 * period below it.
 */
export const HOME_JURISDICTION: Jurisdiction = 'CN';

/** The home jurisdiction applies when a platform has set nothing. */
export const DEFAULT_JURISDICTIONS: readonly Jurisdiction[] = [HOME_JURISDICTION];

export class RetentionPolicyRefused extends Error {
  override name = 'RetentionPolicyRefused';
}

export async function getRetentionPolicy(
  db: Queryable,
  platformId: string,
): Promise<RetentionPolicy> {
  const rows = await db.query<{
    jurisdictions: string[];
    retention_years_override: number | null;
    updated_by: string;
    updated_at: Date;
  }>(
    `SELECT jurisdictions, retention_years_override, updated_by, updated_at
     FROM retention_policies WHERE platform_id = $1`,
    [platformId],
  );
  const row = rows[0];
  // The home jurisdiction applies even to a row stored without it.
  const jurisdictions = [
    ...new Set([HOME_JURISDICTION, ...(row?.jurisdictions ?? DEFAULT_JURISDICTIONS)]),
  ]
    .filter((j): j is Jurisdiction => (JURISDICTIONS as readonly string[]).includes(j))
    .sort();
  const override = row?.retention_years_override ?? null;
  return {
    platformId,
    jurisdictions,
    retentionYearsOverride: override,
    retentionYears: effectiveRetentionYears(jurisdictions, override),
    statutoryMinimumYears: statutoryMinimumYears(jurisdictions),
    configured: row !== undefined,
    updatedBy: row?.updated_by ?? null,
    updatedAt: row === undefined ? null : new Date(row.updated_at).toISOString(),
  };
}

/**
 * Sets which jurisdictions' record-keeping rules apply to a platform and an optional longer
 * period. The home jurisdiction cannot be left out, and an override shorter than the
 * statutory minimum is refused: records may be kept longer than the law asks, never shorter.
 * Audited in the same transaction.
 */
export async function setRetentionPolicy(
  tx: Queryable,
  actor: string,
  platformId: string,
  input: { jurisdictions: readonly Jurisdiction[]; retentionYearsOverride: number | null },
  nowMs = Date.now(),
): Promise<RetentionPolicy> {
  const jurisdictions = [...new Set(input.jurisdictions)].sort();
  if (jurisdictions.length === 0)
    throw new RetentionPolicyRefused('name at least one jurisdiction');
  if (!jurisdictions.includes(HOME_JURISDICTION)) {
    throw new RetentionPolicyRefused(
      `${HOME_JURISDICTION} is the home jurisdiction: its record-keeping rules always apply and it cannot be removed`,
    );
  }
  const minimum = statutoryMinimumYears(jurisdictions);
  const override = input.retentionYearsOverride;
  if (override !== null && override < minimum) {
    throw new RetentionPolicyRefused(
      `retention of ${override} years is shorter than the statutory ${minimum} years for ${jurisdictions.join(', ')}`,
    );
  }
  await tx.query(
    `INSERT INTO retention_policies (platform_id, jurisdictions, retention_years_override, updated_by, updated_at)
     VALUES ($1, $2::text[], $3, $4, $5)
     ON CONFLICT (platform_id) DO UPDATE SET jurisdictions = EXCLUDED.jurisdictions,
       retention_years_override = EXCLUDED.retention_years_override,
       updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [platformId, jurisdictions, override, actor, new Date(nowMs).toISOString()],
  );
  const policy = await getRetentionPolicy(tx, platformId);
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: 'retention.policy_set',
      subjectType: 'retention_policy',
      subjectId: platformId,
      payload: {
        jurisdictions,
        retentionYearsOverride: override,
        retentionYears: policy.retentionYears,
      },
      atMs: nowMs,
    },
  ]);
  return policy;
}
