import type { Queryable } from '../store/index.js';
import { findControls, latestTestResults } from './control-results.js';
import { currentOutcome, effectivenessAfterTest } from './scoring.js';
import type { ControlKind, ControlOutcome, Effectiveness } from './risk-types.js';

export interface LinkedControl {
  controlId: string;
  code: string;
  title: string;
  kind: ControlKind;
  declaredEffectiveness: Effectiveness;
  /** The latest test's outcome, null when never tested or older than twice the frequency. */
  latestOutcome: ControlOutcome | null;
  latestRanAt: string | null;
  /** The rating used for the residual score: declared, downgraded by the latest test. */
  effectiveness: Effectiveness;
  linkedBy: string;
  linkedAt: string;
}

/** A risk's controls, each with its latest automated test on the risk's platform. */
export async function loadLinkedControls(
  db: Queryable,
  platformId: string,
  riskId: string,
  nowMs = Date.now(),
): Promise<LinkedControl[]> {
  const links = await db.query<{
    control_id: string;
    control_kind: ControlKind;
    declared_effectiveness: Effectiveness;
    linked_by: string;
    linked_at: Date;
  }>(
    `SELECT control_id, control_kind, declared_effectiveness, linked_by, linked_at
     FROM risk_controls WHERE risk_id = $1 ORDER BY control_id`,
    [riskId],
  );
  const ids = links.map((l) => l.control_id);
  const controls = await findControls(db, ids);
  const results = await latestTestResults(db, platformId, ids);
  return links.map((link) => {
    const result = results.get(link.control_id);
    const control = controls.get(link.control_id);
    const latestOutcome = currentOutcome(
      result === undefined
        ? null
        : { outcome: result.outcome, ranAtMs: new Date(result.ranAt).getTime() },
      control?.frequency ?? null,
      nowMs,
    );
    return {
      controlId: link.control_id,
      code: control?.code ?? link.control_id,
      title: control?.title ?? '',
      kind: link.control_kind,
      declaredEffectiveness: link.declared_effectiveness,
      latestOutcome,
      latestRanAt: result?.ranAt ?? null,
      effectiveness: effectivenessAfterTest(link.declared_effectiveness, latestOutcome),
      linkedBy: link.linked_by,
      linkedAt: new Date(link.linked_at).toISOString(),
    };
  });
}
