import type { RelyingParty } from '../../portal/relying-party.js';
import type { Database } from '../../store/index.js';
import { COMPLIANCE_LIMITS } from '../compliance-limits.js';

/** What a control test looks at: one platform's books and logs within a window. */
export interface ControlTestContext {
  db: Database;
  platformId: string;
  nowMs: number;
  windowStartMs: number;
  windowEndMs: number;
  /** The portal's configured WebAuthn relying party, for re-verifying passkey evidence. */
  portalRelyingParty?: RelyingParty;
}

/** A finished test: pass or fail, with the evidence a reviewer can re-check. */
export interface ControlTestResult {
  outcome: 'pass' | 'fail';
  /** Counts, sample ids and whatever the test measured; JSON only. */
  evidence: Record<string, unknown>;
}

export interface ControlTest {
  /** Stable name, referenced by the register's `tests`. */
  kind: string;
  run(context: ControlTestContext): Promise<ControlTestResult>;
}

/** The window as stored in evidence: ISO timestamps. */
export function windowEvidence(context: ControlTestContext): { from: string; to: string } {
  return {
    from: new Date(context.windowStartMs).toISOString(),
    to: new Date(context.windowEndMs).toISOString(),
  };
}

export function sampleIds(ids: readonly string[]): string[] {
  return ids.slice(0, COMPLIANCE_LIMITS.evidenceSampleIdsMax);
}

export function windowParams(context: ControlTestContext): [string, string, string] {
  return [
    context.platformId,
    new Date(context.windowStartMs).toISOString(),
    new Date(context.windowEndMs).toISOString(),
  ];
}

/** Passes when no violations were found; evidence carries the count and a sample of ids. */
export function verdict(
  checked: number,
  violations: { total: number; sample: readonly string[] },
  extra: Record<string, unknown> = {},
): ControlTestResult {
  return {
    outcome: violations.total === 0 ? 'pass' : 'fail',
    evidence: {
      checked,
      violations: violations.total,
      sampleIds: sampleIds(violations.sample),
      ...extra,
    },
  };
}

/**
 * Counts the rows of `violationsSql` (a SELECT whose first column is `id`) and keeps a sorted
 * sample of their ids, in one bounded query.
 */
export async function countViolations(
  context: ControlTestContext,
  violationsSql: string,
  params: readonly unknown[],
): Promise<{ total: number; sample: string[] }> {
  const rows = await context.db.query<{ total: string; sample: string[] | null }>(
    `WITH v AS (${violationsSql})
     SELECT (SELECT count(*) FROM v) AS total,
       ARRAY(SELECT v.id::text FROM v ORDER BY v.id LIMIT ${COMPLIANCE_LIMITS.evidenceSampleIdsMax}) AS sample`,
    params,
  );
  const row = rows[0];
  return { total: Number(row?.total ?? 0), sample: row?.sample ?? [] };
}

export async function countRows(
  context: ControlTestContext,
  sql: string,
  params: readonly unknown[],
): Promise<number> {
  const rows = await context.db.query<{ n: string }>(
    `SELECT count(*) AS n FROM (${sql}) AS c`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}
