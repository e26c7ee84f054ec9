import { ApiProblem, problemFromResponse } from '../../api/api-problem.js';
import { portalRequest } from '../portal-api.js';
import type {
  ComplaintInput,
  CorrectableField,
  LodgedComplaint,
  PortalComplaint,
  PortalComplaintDetail,
  PortalPrivacyRequest,
  PortalRiskNotice,
  PrivacyKind,
} from './self-service-types.js';

const segment = encodeURIComponent;
const withSignal = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });

export const listMyComplaints = (signal: AbortSignal) =>
  portalRequest<{ items: PortalComplaint[] }>('/v1/portal/complaints', { signal });

export const getMyComplaint = (complaintId: string, signal: AbortSignal) =>
  portalRequest<PortalComplaintDetail>(`/v1/portal/complaints/${segment(complaintId)}`, {
    signal,
  });

export const lodgeComplaint = (input: ComplaintInput) =>
  portalRequest<LodgedComplaint>('/v1/portal/complaints', {
    method: 'POST',
    body: input,
  });

export const listMyPrivacyRequests = (signal: AbortSignal) =>
  portalRequest<{ items: PortalPrivacyRequest[] }>('/v1/portal/privacy-requests', { signal });

export const openPrivacyRequest = (
  kind: PrivacyKind,
  correction?: Partial<Record<CorrectableField, string>>,
) =>
  portalRequest<PortalPrivacyRequest>('/v1/portal/privacy-requests', {
    method: 'POST',
    body: correction === undefined ? { kind } : { kind, correction },
  });

/** The export file, fetched once: the server answers 410 to any later download. */
export async function downloadMyExport(requestId: string, signal?: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`/v1/portal/privacy-requests/${segment(requestId)}/export`, {
      credentials: 'same-origin',
      ...withSignal(signal),
    });
  } catch (error) {
    throw new ApiProblem({ status: 0, title: 'Network failure', detail: String(error) });
  }
  if (!response.ok) throw await problemFromResponse(response);
  return response.blob();
}

export const listMyRiskNotices = (signal: AbortSignal) =>
  portalRequest<{ items: PortalRiskNotice[] }>('/v1/portal/risk-notices', { signal });

export const acknowledgeRiskNotice = (body: {
  productCode: string;
  version: number;
  language: 'en' | 'zh-CN';
  shownSha256: string;
}) =>
  portalRequest<{ replayed: boolean }>('/v1/portal/risk-notices/acknowledgements', {
    method: 'POST',
    body,
  });
