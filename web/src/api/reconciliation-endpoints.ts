import { apiRequest, withQuery } from './api-client.js';
import { readApiKey } from './api-key-store.js';
import { asApiProblem, problemFromResponse } from './api-problem.js';
import type {
  BreakFilter,
  BreakResolution,
  BreakResolutionReply,
  MatchState,
  ReconBreak,
  ReconRun,
  SafeguardingCheck,
  StatementImport,
  BankStatementLine,
  StatementUpload,
  StatementUploadReply,
  StoredMatch,
} from './reconciliation-types.js';

/** One function per reconciliation call the console makes; ids are encoded here. */
const segment = encodeURIComponent;
const reconPath = (platformId: string) => `/v1/platforms/${segment(platformId)}/reconciliation`;

export const RECON_LIST_LIMIT = 200;

export function listStatementImports(
  platformId: string,
  signal?: AbortSignal,
): Promise<{ items: StatementImport[] }> {
  const path = withQuery(`${reconPath(platformId)}/imports`, { limit: RECON_LIST_LIMIT });
  return apiRequest(path, { signal });
}

export function uploadStatement(
  platformId: string,
  upload: StatementUpload,
): Promise<StatementUploadReply> {
  return apiRequest(`${reconPath(platformId)}/imports`, { method: 'POST', body: upload });
}

export function listUnmatchedLines(
  platformId: string,
  signal?: AbortSignal,
): Promise<{ items: BankStatementLine[] }> {
  const query = { unmatched: 'true', limit: RECON_LIST_LIMIT };
  return apiRequest(withQuery(`${reconPath(platformId)}/lines`, query), { signal });
}

export function runReconciliation(
  platformId: string,
  body: { asOf: string; dryRun: boolean },
): Promise<ReconRun> {
  return apiRequest(`${reconPath(platformId)}/runs`, { method: 'POST', body });
}

export function listMatches(
  platformId: string,
  state: MatchState | '',
  signal?: AbortSignal,
): Promise<{ items: StoredMatch[] }> {
  const query = { state, limit: RECON_LIST_LIMIT };
  return apiRequest(withQuery(`${reconPath(platformId)}/matches`, query), { signal });
}

export type MatchDecision = 'confirm' | 'reject';

export function decideMatch(
  platformId: string,
  matchId: string,
  decision: MatchDecision,
): Promise<{ id: string; state: string }> {
  const path = `${reconPath(platformId)}/matches/${segment(matchId)}/${decision}`;
  return apiRequest(path, { method: 'POST' });
}

export function listBreaks(
  platformId: string,
  state: BreakFilter,
  signal?: AbortSignal,
): Promise<{ items: ReconBreak[] }> {
  const query = { state, limit: RECON_LIST_LIMIT };
  return apiRequest(withQuery(`${reconPath(platformId)}/breaks`, query), { signal });
}

export function resolveBreak(
  platformId: string,
  breakId: string,
  body: BreakResolution,
): Promise<BreakResolutionReply> {
  const path = `${reconPath(platformId)}/breaks/${segment(breakId)}/resolve`;
  return apiRequest(path, { method: 'POST', body });
}

export function runSafeguardingCheck(platformId: string): Promise<{ items: SafeguardingCheck[] }> {
  return apiRequest(`${reconPath(platformId)}/safeguarding`, { method: 'POST', body: {} });
}

export function listSafeguardingChecks(
  platformId: string,
  signal?: AbortSignal,
): Promise<{ items: SafeguardingCheck[] }> {
  const path = withQuery(`${reconPath(platformId)}/safeguarding`, { limit: RECON_LIST_LIMIT });
  return apiRequest(path, { signal });
}

/** Where the monthly return (CSV) lives; it needs the API key, so it is fetched, not linked. */
export function safeguardingReturnPath(platformId: string, month: string): string {
  return `${reconPath(platformId)}/safeguarding-return/${segment(month)}?format=csv`;
}

/** Fetches the monthly safeguarding return as CSV; rejects with an ApiProblem. */
export async function fetchSafeguardingReturnCsv(platformId: string, month: string): Promise<Blob> {
  const headers: Record<string, string> = { Accept: 'text/csv' };
  const apiKey = readApiKey();
  if (apiKey !== null) headers.Authorization = `Bearer ${apiKey}`;
  let response: Response;
  try {
    response = await fetch(safeguardingReturnPath(platformId, month), {
      headers,
      credentials: 'same-origin',
    });
  } catch (error) {
    throw asApiProblem(error);
  }
  if (!response.ok) throw await problemFromResponse(response);
  return response.blob();
}
