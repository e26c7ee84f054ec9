import { assert } from '../assert.js';
import type { Queryable } from '../store/index.js';
import { COMPLIANCE_LIMITS } from './compliance-limits.js';

export type ControlOutcome = 'pass' | 'fail' | 'error';
export const CONTROL_OUTCOMES = ['pass', 'fail', 'error'] as const;

export interface LatestControlResult {
  outcome: ControlOutcome;
  ranAt: string;
}

/**
 * The newest run of each of `controlIds` for one platform. Controls that never ran for it are
 * absent from the map. One query; the (platform_id, control_id, ran_at) index serves it.
 */
export async function latestControlResults(
  db: Queryable,
  platformId: string,
  controlIds: readonly string[],
): Promise<Map<string, LatestControlResult>> {
  assert(
    controlIds.length <= COMPLIANCE_LIMITS.controlIdsPerLookupMax,
    `at most ${COMPLIANCE_LIMITS.controlIdsPerLookupMax} control ids per lookup`,
  );
  const results = new Map<string, LatestControlResult>();
  if (controlIds.length === 0) return results;
  const rows = await db.query<{ control_id: string; outcome: ControlOutcome; ran_at: Date }>(
    `SELECT DISTINCT ON (control_id) control_id, outcome, ran_at
     FROM compliance_control_runs
     WHERE platform_id = $1 AND control_id = ANY($2::text[])
     ORDER BY control_id, ran_at DESC, id DESC`,
    [platformId, [...new Set(controlIds)]],
  );
  for (const row of rows) {
    results.set(row.control_id, {
      outcome: row.outcome,
      ranAt: new Date(row.ran_at).toISOString(),
    });
  }
  return results;
}
