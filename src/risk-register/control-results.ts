import { latestControlResults } from '../compliance/index.js';
import type { Queryable } from '../store/index.js';
import type { ControlOutcome } from './risk-types.js';

/**
 * The one place the risk register reads the compliance module: its control catalogue
 * (compliance_controls) and the latest automated test of each control on a platform.
 */
export interface ControlSummary {
  controlId: string;
  code: string;
  title: string;
  /** How often the control is meant to run (daily, weekly, monthly, quarterly). */
  frequency: string;
}

export interface ControlTestResult {
  controlId: string;
  outcome: ControlOutcome;
  ranAt: string;
}

export async function findControls(
  db: Queryable,
  controlIds: readonly string[],
): Promise<Map<string, ControlSummary>> {
  if (controlIds.length === 0) return new Map();
  const rows = await db.query<{ id: string; code: string; title: string; frequency: string }>(
    'SELECT id, code, title, frequency FROM compliance_controls WHERE id = ANY($1::text[])',
    [controlIds],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { controlId: r.id, code: r.code, title: r.title, frequency: r.frequency },
    ]),
  );
}

/** The latest automated test of each control on a platform; controls never run are absent. */
export async function latestTestResults(
  db: Queryable,
  platformId: string,
  controlIds: readonly string[],
): Promise<Map<string, ControlTestResult>> {
  const results = await latestControlResults(db, platformId, controlIds);
  return new Map(
    [...results].map(([controlId, r]) => [
      controlId,
      { controlId, outcome: r.outcome, ranAt: r.ranAt },
    ]),
  );
}
