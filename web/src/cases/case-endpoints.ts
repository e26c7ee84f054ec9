import { apiRequest, asApiProblem, readApiKey, withQuery } from '../api/index.js';
import { problemFromResponse } from '../api/api-problem.js';
import type {
  CaseFilter,
  CaseList,
  CaseMetrics,
  CaseMove,
  CaseState,
  CaseWorkspace,
  CloseReply,
  Disposition,
  EvidenceUpload,
} from './case-types.js';

/** One function per cases call the console makes; ids are encoded here. */
const segment = encodeURIComponent;
const platformPath = (platformId: string) => `/v1/platforms/${segment(platformId)}`;
const casePath = (platformId: string, caseId: string) =>
  `${platformPath(platformId)}/cases/${segment(caseId)}`;

/** Cases one queue page shows; the server allows up to 500. */
export const CASES_PAGE_LIMIT = 100;

export function listCases(
  platformId: string,
  filter: CaseFilter,
  assigneeId: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<CaseList> {
  const query = {
    open: filter.state === '' ? 'true' : undefined,
    state: filter.state,
    queue: filter.queue,
    severity: filter.severity,
    assigneeId: filter.mine ? assigneeId : undefined,
    limit: CASES_PAGE_LIMIT,
    cursor,
  };
  return apiRequest(withQuery(`${platformPath(platformId)}/cases`, query), { signal });
}

export function getCaseMetrics(platformId: string, signal?: AbortSignal): Promise<CaseMetrics> {
  return apiRequest(`${platformPath(platformId)}/case-metrics`, { signal });
}

export function getCaseWorkspace(
  platformId: string,
  caseId: string,
  signal?: AbortSignal,
): Promise<CaseWorkspace> {
  return apiRequest(casePath(platformId, caseId), { signal });
}

export function moveCase(
  platformId: string,
  caseId: string,
  move: CaseMove,
  note?: string,
): Promise<{ caseId: string; state: CaseState }> {
  const body = note === undefined || note === '' ? { move } : { move, note };
  return apiRequest(`${casePath(platformId, caseId)}/moves`, { method: 'POST', body });
}

export type AssignTarget = { principalId: string } | { role: string };

export function assignCase(
  platformId: string,
  caseId: string,
  target: AssignTarget,
): Promise<{ caseId: string; assigneeId: string }> {
  return apiRequest(`${casePath(platformId, caseId)}/assignment`, {
    method: 'POST',
    body: target,
  });
}

export function addCaseNote(
  platformId: string,
  caseId: string,
  text: string,
): Promise<{ caseId: string }> {
  return apiRequest(`${casePath(platformId, caseId)}/notes`, { method: 'POST', body: { text } });
}

export function addCaseEvidence(
  platformId: string,
  caseId: string,
  upload: EvidenceUpload,
): Promise<{ id: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string }> {
  return apiRequest(`${casePath(platformId, caseId)}/evidence`, { method: 'POST', body: upload });
}

/** Fetches an evidence file (with the API key when signed in by key); rejects with ApiProblem. */
export async function fetchCaseEvidence(
  platformId: string,
  caseId: string,
  evidenceId: string,
): Promise<Blob> {
  const headers: Record<string, string> = {};
  const apiKey = readApiKey();
  if (apiKey !== null) headers.Authorization = `Bearer ${apiKey}`;
  let response: Response;
  try {
    response = await fetch(`${casePath(platformId, caseId)}/evidence/${segment(evidenceId)}`, {
      headers,
      credentials: 'same-origin',
    });
  } catch (error) {
    throw asApiProblem(error);
  }
  if (!response.ok) throw await problemFromResponse(response);
  return response.blob();
}

export function closeCase(
  platformId: string,
  caseId: string,
  body: { disposition: Disposition; reason: string },
): Promise<CloseReply> {
  return apiRequest(`${casePath(platformId, caseId)}/close`, { method: 'POST', body });
}

export function settleCaseHold(
  platformId: string,
  caseId: string,
  instructionId: string,
  body: { decision: 'release' | 'void'; reason: string },
): Promise<{ instructionId: string; status: 'posted' | 'voided' }> {
  const path = `${casePath(platformId, caseId)}/holds/${segment(instructionId)}`;
  return apiRequest(path, { method: 'POST', body });
}

export interface CaseFreezeBody {
  scope: 'debits' | 'all';
  reasonCode: string;
  note?: string;
}

export function freezeFromCase(
  platformId: string,
  caseId: string,
  body: CaseFreezeBody,
): Promise<{ freezeId: string }> {
  return apiRequest(`${casePath(platformId, caseId)}/freezes`, { method: 'POST', body });
}

export function requestCaseUnfreeze(
  platformId: string,
  caseId: string,
  freezeId: string,
  reason: string,
): Promise<{ approvalId: string }> {
  const path = `${casePath(platformId, caseId)}/freezes/${segment(freezeId)}/lift`;
  return apiRequest(path, { method: 'POST', body: { reason } });
}

export function startStrDraft(
  platformId: string,
  caseId: string,
): Promise<{ draftId: string; facts: Record<string, unknown> }> {
  return apiRequest(`${casePath(platformId, caseId)}/str-drafts`, { method: 'POST' });
}

export function requestCaseInformation(
  platformId: string,
  caseId: string,
  question: string,
): Promise<{ requestId: string }> {
  return apiRequest(`${casePath(platformId, caseId)}/information-requests`, {
    method: 'POST',
    body: { question },
  });
}
