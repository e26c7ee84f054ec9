import { apiRequest, withQuery } from '../api/index.js';
import type {
  ComplaintCommand,
  ComplaintDetail,
  ComplaintList,
  PrivacyRequestView,
  RiskNotice,
  StatisticsRow,
} from './complaint-types.js';

const segment = encodeURIComponent;
const platformPath = (platformId: string) => `/v1/platforms/${segment(platformId)}`;

export const COMPLAINTS_PAGE_LIMIT = 100;

export function listComplaints(
  platformId: string,
  filter: { state: string; category: string; overdue: boolean },
  cursor: string | null,
  signal?: AbortSignal,
): Promise<ComplaintList> {
  const query = {
    open: filter.state === '' ? 'true' : undefined,
    state: filter.state,
    category: filter.category,
    overdue: filter.overdue ? 'true' : undefined,
    limit: COMPLAINTS_PAGE_LIMIT,
    cursor,
  };
  return apiRequest(withQuery(`${platformPath(platformId)}/complaints`, query), { signal });
}

export function getComplaint(
  platformId: string,
  complaintId: string,
  signal?: AbortSignal,
): Promise<ComplaintDetail> {
  return apiRequest(`${platformPath(platformId)}/complaints/${segment(complaintId)}`, { signal });
}

export function moveComplaint(
  platformId: string,
  complaintId: string,
  command: ComplaintCommand,
  text: string,
) {
  return apiRequest<{ state: string }>(
    `${platformPath(platformId)}/complaints/${segment(complaintId)}/moves`,
    {
      method: 'POST',
      body: text === '' ? { command } : { command, text },
    },
  );
}

export function linkComplaintCase(platformId: string, complaintId: string, caseId: string) {
  return apiRequest(`${platformPath(platformId)}/complaints/${segment(complaintId)}/links`, {
    method: 'POST',
    body: { caseId },
  });
}

export function complaintStatistics(platformId: string, months: number, signal?: AbortSignal) {
  return apiRequest<{ rows: StatisticsRow[]; since: string; complaints: number }>(
    withQuery(`${platformPath(platformId)}/complaint-statistics`, { months }),
    { signal },
  );
}

export function listPrivacyRequests(platformId: string, state: string, signal?: AbortSignal) {
  return apiRequest<{ items: PrivacyRequestView[]; nextCursor: string | null }>(
    withQuery(`${platformPath(platformId)}/privacy-requests`, { state, limit: 200 }),
    { signal },
  );
}

export function completePrivacyRequest(platformId: string, requestId: string) {
  return apiRequest<{ kind: string; answer: unknown }>(
    `${platformPath(platformId)}/privacy-requests/${segment(requestId)}/complete`,
    { method: 'POST', body: {} },
  );
}

export function refusePrivacyRequest(platformId: string, requestId: string, reason: string) {
  return apiRequest(`${platformPath(platformId)}/privacy-requests/${segment(requestId)}/refuse`, {
    method: 'POST',
    body: { reason },
  });
}

export function listRiskNotices(platformId: string, signal?: AbortSignal) {
  return apiRequest<{ items: RiskNotice[] }>(`${platformPath(platformId)}/risk-notices`, {
    signal,
  });
}

export function publishRiskNotice(
  platformId: string,
  notice: Pick<
    RiskNotice,
    'productCode' | 'riskLevel' | 'titleEn' | 'bodyEn' | 'titleZh' | 'bodyZh'
  >,
) {
  return apiRequest<RiskNotice>(`${platformPath(platformId)}/risk-notices`, {
    method: 'POST',
    body: notice,
  });
}
