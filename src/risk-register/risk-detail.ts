import type { Queryable } from '../store/index.js';
import { heatMapOf, type HeatMap } from './heat-map.js';
import { loadLinkedControls, type LinkedControl } from './linked-controls.js';
import { listLossEvents } from './loss-event-store.js';
import type { LossTotals } from './loss-amounts.js';
import { findRisk, listRisks, riskHistory, type AssessmentRow } from './risk-queries.js';
import type { RiskView } from './risk-view.js';

export interface RiskDetail {
  risk: RiskView;
  controls: LinkedControl[];
  history: AssessmentRow[];
  partners: { id: string; name: string; kind: string }[];
  lossTotals: LossTotals[];
}

/** A risk with its controls (and their latest tests), assessments, partners and losses. */
export async function riskDetail(
  db: Queryable,
  platformId: string,
  riskId: string,
  nowMs = Date.now(),
): Promise<RiskDetail | null> {
  const risk = await findRisk(db, platformId, riskId, { nowMs });
  if (risk === null) return null;
  const partners = await db.query<{ id: string; name: string; kind: string }>(
    `SELECT p.id, p.name, p.kind FROM partner_risks r JOIN partners p ON p.id = r.partner_id
     WHERE r.risk_id = $1 ORDER BY p.name`,
    [riskId],
  );
  const losses = await listLossEvents(db, platformId, { riskId, limit: 1 });
  return {
    risk,
    controls: await loadLinkedControls(db, platformId, riskId),
    history: await riskHistory(db, riskId),
    partners,
    lossTotals: losses.totals,
  };
}

/** Counts per cell of the platform's active risks, inherent and residual. */
export async function riskHeatMap(
  db: Queryable,
  platformId: string,
  nowMs = Date.now(),
): Promise<HeatMap> {
  const risks = await listRisks(db, platformId, {}, nowMs);
  return heatMapOf(risks);
}
