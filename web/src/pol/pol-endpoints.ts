import { ApiProblem, apiRequest, withQuery } from '../api/index.js';
import type { PolOpening, PolRoot, TransparencyReport } from './pol-types.js';

const segment = encodeURIComponent;
const base = (platformId: string) => `/v1/platforms/${segment(platformId)}/pol`;

export function listPolRoots(
  platformId: string,
  currency: string,
  signal?: AbortSignal,
): Promise<{ roots: PolRoot[] }> {
  return apiRequest(
    withQuery(`${base(platformId)}/roots`, {
      currency: currency === '' ? null : currency,
      limit: 200,
    }),
    {
      signal,
    },
  );
}

export function buildPolRoots(platformId: string): Promise<{ roots: PolRoot[] }> {
  return apiRequest(`${base(platformId)}/build`, { method: 'POST', body: {} });
}

export function openPolTotal(platformId: string, treeId: string): Promise<PolOpening> {
  return apiRequest(`${base(platformId)}/trees/${segment(treeId)}/open`, {
    method: 'POST',
    body: {},
  });
}

/** The public report, fetched without credentials: the page works signed out. */
export async function getTransparencyReport(
  platformId: string,
  signal?: AbortSignal,
): Promise<TransparencyReport> {
  const response = await fetch(`/v1/transparency/${segment(platformId)}`, {
    signal,
    credentials: 'omit',
    headers: { accept: 'application/json' },
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new ApiProblem({
      status: response.status,
      title: typeof body.title === 'string' ? body.title : `HTTP ${response.status}`,
      detail: typeof body.detail === 'string' ? body.detail : null,
    });
  return body as unknown as TransparencyReport;
}
