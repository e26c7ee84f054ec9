import { toBigInt } from '../store/index.js';
import type { LossKind, RiskCategory } from './risk-types.js';

export interface LossEventView {
  id: string;
  platformId: string;
  title: string;
  description: string;
  kind: LossKind;
  causeCategory: RiskCategory;
  cause: string;
  occurredOn: string;
  discoveredOn: string;
  bookedOn: string | null;
  currency: string;
  grossLossMinor: bigint;
  potentialLossMinor: bigint;
  recoveryInsuranceMinor: bigint;
  recoveryGuaranteeMinor: bigint;
  recoveryOtherMinor: bigint;
  netLossMinor: bigint;
  riskIds: string[];
  caseIds: string[];
  incidentIds: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const LOSS_EVENT_COLUMNS = `e.id, e.platform_id, e.title, e.description, e.kind,
  e.cause_category, e.cause, to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on,
  to_char(e.discovered_on, 'YYYY-MM-DD') AS discovered_on,
  to_char(e.booked_on, 'YYYY-MM-DD') AS booked_on, e.currency, e.gross_loss_minor,
  e.potential_loss_minor, e.recovery_insurance_minor, e.recovery_guarantee_minor,
  e.recovery_other_minor, e.net_loss_minor, e.created_by, e.created_at, e.updated_at,
  COALESCE((SELECT json_agg(json_build_array(l.target_type, l.target_id) ORDER BY l.target_id)
    FROM loss_event_links l WHERE l.loss_event_id = e.id), '[]'::json) AS links`;

export function lossEventView(row: Record<string, unknown>): LossEventView {
  const links = (typeof row.links === 'string' ? JSON.parse(row.links) : row.links) as [
    string,
    string,
  ][];
  const of = (type: string) => links.filter(([t]) => t === type).map(([, id]) => id);
  return {
    id: String(row.id),
    platformId: String(row.platform_id),
    title: String(row.title),
    description: String(row.description),
    kind: row.kind as LossKind,
    causeCategory: row.cause_category as RiskCategory,
    cause: String(row.cause),
    occurredOn: String(row.occurred_on),
    discoveredOn: String(row.discovered_on),
    bookedOn: row.booked_on === null ? null : String(row.booked_on),
    currency: String(row.currency),
    grossLossMinor: toBigInt(row.gross_loss_minor),
    potentialLossMinor: toBigInt(row.potential_loss_minor),
    recoveryInsuranceMinor: toBigInt(row.recovery_insurance_minor),
    recoveryGuaranteeMinor: toBigInt(row.recovery_guarantee_minor),
    recoveryOtherMinor: toBigInt(row.recovery_other_minor),
    netLossMinor: toBigInt(row.net_loss_minor),
    riskIds: of('risk'),
    caseIds: of('case'),
    incidentIds: of('incident'),
    createdBy: String(row.created_by),
    createdAt: new Date(row.created_at as string).toISOString(),
    updatedAt: new Date(row.updated_at as string).toISOString(),
  };
}
