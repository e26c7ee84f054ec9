import { apiRequest, withQuery } from '../api/index.js';
import type {
  HeatMap,
  LossEvent,
  LossTotals,
  Partner,
  Qualification,
  Responsibilities,
  Risk,
  RiskDetail,
} from './risk-types.js';

/** One function per risk-register call the console makes; ids are encoded here. */
const segment = encodeURIComponent;
const platformPath = (platformId: string) => `/v1/platforms/${segment(platformId)}`;

export function listRisks(
  platformId: string,
  query: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<{ items: Risk[] }> {
  return apiRequest(withQuery(`${platformPath(platformId)}/risks`, query), { signal });
}

export function getRisk(
  platformId: string,
  riskId: string,
  signal?: AbortSignal,
): Promise<RiskDetail> {
  return apiRequest(`${platformPath(platformId)}/risks/${segment(riskId)}`, { signal });
}

export function assessRisk(
  platformId: string,
  riskId: string,
  body: { likelihood: number; impact: number; note: string },
): Promise<unknown> {
  return apiRequest(`${platformPath(platformId)}/risks/${segment(riskId)}/assessments`, {
    method: 'POST',
    body,
  });
}

export function getHeatMap(platformId: string, signal?: AbortSignal): Promise<HeatMap> {
  return apiRequest(`${platformPath(platformId)}/risk-heat-map`, { signal });
}

export function seedRegister(platformId: string): Promise<{ created: string[] }> {
  return apiRequest(`${platformPath(platformId)}/risks/seed`, { method: 'POST', body: {} });
}

export function listLossEvents(
  platformId: string,
  signal?: AbortSignal,
): Promise<{ items: LossEvent[]; totals: LossTotals[] }> {
  return apiRequest(`${platformPath(platformId)}/loss-events`, { signal });
}

export function listPartners(
  platformId: string,
  signal?: AbortSignal,
): Promise<{ items: Partner[] }> {
  return apiRequest(`${platformPath(platformId)}/partners`, { signal });
}

export function getPartner(
  platformId: string,
  partnerId: string,
  signal?: AbortSignal,
): Promise<{ partner: Partner; qualifications: Qualification[] }> {
  return apiRequest(`${platformPath(platformId)}/partners/${segment(partnerId)}`, { signal });
}

export function getResponsibilities(signal?: AbortSignal): Promise<Responsibilities> {
  return apiRequest('/v1/me/responsibilities', { signal });
}
