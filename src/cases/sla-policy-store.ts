import type { Queryable } from '../store/index.js';
import { SEVERITIES, isSeverity, type Severity } from './severity.js';
import { SLA_POLICIES_DEFAULT, type SlaPolicy } from './sla.js';

/** The SLA policy of each severity as stored; a missing row falls back to the default. */
export async function loadSlaPolicies(tx: Queryable): Promise<Record<Severity, SlaPolicy>> {
  const rows = await tx.query<{
    severity: string;
    resolve_within_ms: string;
    warning_basis_points: number;
  }>('SELECT severity, resolve_within_ms, warning_basis_points FROM case_sla_policies');
  const policies: Record<Severity, SlaPolicy> = { ...SLA_POLICIES_DEFAULT };
  for (const row of rows) {
    if (!isSeverity(row.severity)) continue;
    policies[row.severity] = {
      severity: row.severity,
      resolveWithinMs: Number(row.resolve_within_ms),
      warningBasisPoints: Number(row.warning_basis_points),
    };
  }
  for (const severity of SEVERITIES) policies[severity] ??= SLA_POLICIES_DEFAULT[severity];
  return policies;
}
