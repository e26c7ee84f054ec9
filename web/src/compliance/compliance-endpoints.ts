import { ApiProblem, apiRequest, withQuery, type Approval } from '../api/index.js';
import type {
  HoldReleaseRequest,
  ControlHistory,
  ControlRun,
  ObligationView,
  RetentionHold,
  RetentionHoldSubject,
  RetentionPolicy,
  RetentionRequest,
  RetentionRun,
  RetentionRunDetail,
  RetentionRunSummary,
} from './compliance-types.js';

/** One function per compliance call the console makes; ids are encoded here. */
const segment = encodeURIComponent;
const platformPath = (platformId: string) => `/v1/platforms/${segment(platformId)}`;

export function listObligations(
  platformId: string,
  signal?: AbortSignal,
): Promise<{ items: ObligationView[] }> {
  return apiRequest(`${platformPath(platformId)}/compliance/obligations`, { signal });
}

export function runControlsNow(
  platformId: string,
  codes?: string[],
): Promise<{ items: (ControlRun & { code: string })[] }> {
  return apiRequest(`${platformPath(platformId)}/compliance/controls/runs`, {
    method: 'POST',
    body: codes === undefined ? {} : { codes },
  });
}

export function getControlHistory(
  platformId: string,
  code: string,
  days: number,
  signal?: AbortSignal,
): Promise<ControlHistory> {
  return apiRequest(
    withQuery(`${platformPath(platformId)}/compliance/controls/${segment(code)}/history`, {
      days: String(days),
      limit: '20',
    }),
    { signal },
  );
}

export function getRetentionPolicy(
  platformId: string,
  signal?: AbortSignal,
): Promise<RetentionPolicy> {
  return apiRequest(`${platformPath(platformId)}/retention/policy`, { signal });
}

export function previewRetention(platformId: string): Promise<RetentionRun> {
  return apiRequest(`${platformPath(platformId)}/retention/runs`, {
    method: 'POST',
    body: { dryRun: true },
  });
}

/**
 * Asks a second person to approve anonymizing the customers and purging the content of the
 * report files due now (four-eyes).
 */
export function requestRetention(platformId: string, reason: string): Promise<RetentionRequest> {
  return apiRequest(`${platformPath(platformId)}/retention/runs`, {
    method: 'POST',
    body: { dryRun: false, reason },
  });
}

/** Runs the retention page lists. */
export const RETENTION_RUNS_SHOWN = 20;

/** The retention executions that anonymized or purged something, newest first. */
export async function listRetentionRuns(
  platformId: string,
  signal?: AbortSignal,
): Promise<RetentionRunSummary[]> {
  const { runs } = await apiRequest<{ runs: RetentionRunSummary[] }>(
    withQuery(`${platformPath(platformId)}/retention/runs`, { limit: RETENTION_RUNS_SHOWN }),
    { signal },
  );
  return runs;
}

/**
 * What one run carried out (an approved request's under its approval id), or null when no run
 * of that id anonymized or purged anything.
 */
export async function getRetentionRun(
  platformId: string,
  runId: string,
): Promise<RetentionRunDetail | null> {
  try {
    return await apiRequest<RetentionRunDetail>(
      `${platformPath(platformId)}/retention/runs/${encodeURIComponent(runId)}`,
    );
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return null;
    throw error;
  }
}

/** The platform's active retention holds, newest first; only one subject's when given. */
export async function listRetentionHolds(
  platformId: string,
  signal?: AbortSignal,
  subject?: { subjectType: RetentionHoldSubject; subjectId: string },
): Promise<RetentionHold[]> {
  const { holds } = await apiRequest<{ holds: RetentionHold[] }>(
    withQuery(`${platformPath(platformId)}/retention/holds`, { ...subject }),
    { signal },
  );
  return holds;
}

/** Keeps a customer's personal data or a report's stored files until released. */
export function placeRetentionHold(
  platformId: string,
  body: { subjectType: RetentionHoldSubject; subjectId: string; reason: string },
): Promise<RetentionHold> {
  return apiRequest(`${platformPath(platformId)}/retention/holds`, { method: 'POST', body });
}

/** Asks to release a hold; a second person approves (the hold stays until then). */
export function requestHoldRelease(
  platformId: string,
  holdId: string,
  reason: string,
): Promise<HoldReleaseRequest> {
  return apiRequest(`${platformPath(platformId)}/retention/holds/${segment(holdId)}/release`, {
    method: 'POST',
    body: { reason },
  });
}

/**
 * A request's approval as the approvals inbox lists it (the newest 500 of every status), or
 * null once it is no longer among them.
 */
export async function findApproval(approvalId: string): Promise<Approval | null> {
  const { items } = await apiRequest<{ items: Approval[] }>('/v1/approvals');
  return items.find((item) => item.id === approvalId) ?? null;
}
