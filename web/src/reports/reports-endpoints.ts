import { apiRequest, asApiProblem, readApiKey, withQuery } from '../api/index.js';
import { problemFromResponse } from '../api/api-problem.js';
import type {
  ActiveRiskModel,
  AttributesOutcome,
  BeneficialOwner,
  RatingDetail,
  RatingListItem,
  ReportDetail,
  ReportKind,
  ReportList,
  ReportStatus,
  RiskAttributesBody,
  RiskLevel,
} from './reports-types.js';

const segment = encodeURIComponent;
const platformPath = (platformId: string) => `/v1/platforms/${segment(platformId)}`;
const reportPath = (platformId: string, reportId: string) =>
  `${platformPath(platformId)}/reports/${segment(reportId)}`;
const ratingPath = (platformId: string, customerId: string) =>
  `${platformPath(platformId)}/risk-ratings/${segment(customerId)}`;

export const REPORTS_PAGE_LIMIT = 100;

export interface ReportFilter {
  kind: ReportKind | '';
  status: ReportStatus | '';
  overdue: boolean;
}

export function listReports(
  platformId: string,
  filter: ReportFilter,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<ReportList> {
  const query = {
    kind: filter.kind,
    status: filter.status,
    overdue: filter.overdue ? 'true' : undefined,
    limit: REPORTS_PAGE_LIMIT,
    cursor,
  };
  return apiRequest(withQuery(`${platformPath(platformId)}/reports`, query), { signal });
}

export function getReport(
  platformId: string,
  reportId: string,
  version: number | null,
  signal?: AbortSignal,
): Promise<ReportDetail> {
  return apiRequest(withQuery(reportPath(platformId, reportId), { version }), { signal });
}

export interface StrEdit {
  reason: string;
  action: string;
  indicators: string[];
  subjects: { customerId: string }[];
  transactions: { instructionId: string }[];
  note?: string;
}

export function editStr(
  platformId: string,
  reportId: string,
  edit: StrEdit,
): Promise<{ version: number }> {
  return apiRequest(`${reportPath(platformId, reportId)}/versions`, { method: 'POST', body: edit });
}

export function requestSubmission(
  platformId: string,
  reportId: string,
  reason: string,
): Promise<{ approvalId: string; version: number }> {
  return apiRequest(`${reportPath(platformId, reportId)}/submission`, {
    method: 'POST',
    body: { reason },
  });
}

/** Withdraws a report never approved; an open submission request is closed with it. */
export function withdrawReport(
  platformId: string,
  reportId: string,
  reason: string,
): Promise<{ reportId: string; withdrawnAt: string; closedApprovalId: string | null }> {
  return apiRequest(`${reportPath(platformId, reportId)}/withdrawal`, {
    method: 'POST',
    body: { reason },
  });
}

async function send(path: string, method: 'GET' | 'PUT', body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  const apiKey = readApiKey();
  if (apiKey !== null) headers.Authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw asApiProblem(error);
  }
  if (!response.ok) throw await problemFromResponse(response);
  return response;
}

/** The export as a file: goAML or CAMLMAC XML, with the server's file name. */
export async function downloadExport(
  platformId: string,
  reportId: string,
  standard: 'goaml' | 'camlmac',
): Promise<{ blob: Blob; fileName: string }> {
  const response = await send(
    withQuery(`${reportPath(platformId, reportId)}/export`, { standard }),
    'GET',
  );
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${reportId}-${standard}.xml`;
  return { blob: await response.blob(), fileName };
}

export function listRatings(
  platformId: string,
  filter: { level: RiskLevel | ''; overdue: boolean },
  cursor: string | null,
  signal?: AbortSignal,
): Promise<{ items: RatingListItem[]; nextCursor: string | null }> {
  const query = {
    level: filter.level,
    reviewOverdue: filter.overdue ? 'true' : undefined,
    limit: REPORTS_PAGE_LIMIT,
    cursor,
  };
  return apiRequest(withQuery(`${platformPath(platformId)}/risk-ratings`, query), { signal });
}

export function getRating(
  platformId: string,
  customerId: string,
  signal?: AbortSignal,
): Promise<RatingDetail> {
  return apiRequest(ratingPath(platformId, customerId), { signal });
}

export function rerate(platformId: string, customerId: string): Promise<{ level: RiskLevel }> {
  return apiRequest(`${ratingPath(platformId, customerId)}/rerate`, { method: 'POST', body: {} });
}

export function overrideLevel(
  platformId: string,
  customerId: string,
  level: RiskLevel | null,
  reason: string,
): Promise<{ status: 'applied' | 'pending_approval'; approvalId?: string }> {
  return apiRequest(`${ratingPath(platformId, customerId)}/override`, {
    method: 'POST',
    body: { level, reason },
  });
}

/** Replaces a customer's risk attributes and re-rates it (or asks a second person). */
export function setRiskAttributes(
  platformId: string,
  customerId: string,
  attributes: RiskAttributesBody,
): Promise<AttributesOutcome> {
  return apiRequest(`${ratingPath(platformId, customerId)}/attributes`, {
    method: 'PUT',
    body: attributes,
  });
}

/** The scoring model in force: its code lists are what the attributes are chosen from. */
export function getRiskModel(platformId: string, signal?: AbortSignal): Promise<ActiveRiskModel> {
  return apiRequest(`${platformPath(platformId)}/risk-model`, { signal });
}

export function addOwner(
  platformId: string,
  customerId: string,
  owner: Omit<BeneficialOwner, 'id' | 'isUbo'>,
): Promise<{ ownerId: string }> {
  return apiRequest(`${ratingPath(platformId, customerId)}/beneficial-owners`, {
    method: 'POST',
    body: owner,
  });
}

export function removeOwner(
  platformId: string,
  customerId: string,
  ownerId: string,
): Promise<{ removed: string }> {
  return apiRequest(`${ratingPath(platformId, customerId)}/beneficial-owners/${segment(ownerId)}`, {
    method: 'DELETE',
  });
}

export async function recordEddItem(
  platformId: string,
  customerId: string,
  item: string,
  status: string,
  note: string,
): Promise<void> {
  await send(`${ratingPath(platformId, customerId)}/edd/${segment(item)}`, 'PUT', { status, note });
}
