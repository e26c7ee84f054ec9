import { apiRequest, withQuery } from '../api/index.js';
import type {
  IncidentOpening,
  IncidentReview,
  IncidentSummary,
  IncidentView,
  Playbook,
} from './incident-types.js';

const segment = encodeURIComponent;

export function listPlaybooks(signal?: AbortSignal): Promise<{ items: Playbook[] }> {
  return apiRequest('/v1/playbooks', { signal });
}

export function listIncidents(
  filter: { state: 'open' | 'closed' | ''; drill: 'true' | 'false' | '' },
  signal?: AbortSignal,
): Promise<{ items: IncidentSummary[] }> {
  return apiRequest(withQuery('/v1/incidents', filter), { signal });
}

export function getIncident(incidentId: string, signal?: AbortSignal): Promise<IncidentView> {
  return apiRequest(`/v1/incidents/${segment(incidentId)}`, { signal });
}

/** Opens an incident from its type's playbook, or (drill) rehearses the playbook. */
export function openIncident(
  body: IncidentOpening,
  drill: boolean,
): Promise<{ incidentId: string; steps: number }> {
  return apiRequest(drill ? '/v1/incidents/drills' : '/v1/incidents', { method: 'POST', body });
}

export function completeIncidentStep(
  incidentId: string,
  stepNo: number,
  body: { outcome: 'done' | 'skipped'; note?: string },
): Promise<{ incidentId: string; stepNo: number }> {
  const path = `/v1/incidents/${segment(incidentId)}/steps/${stepNo}`;
  return apiRequest(path, { method: 'POST', body });
}

export function recordIncidentReview(
  incidentId: string,
  body: IncidentReview,
): Promise<{ incidentId: string }> {
  return apiRequest(`/v1/incidents/${segment(incidentId)}/review`, { method: 'POST', body });
}

export function closeIncident(incidentId: string): Promise<{ incidentId: string }> {
  return apiRequest(`/v1/incidents/${segment(incidentId)}/close`, { method: 'POST' });
}
