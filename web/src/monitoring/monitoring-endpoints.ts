import { ApiProblem, apiRequest, asApiProblem, readApiKey, withQuery } from '../api/index.js';
import type {
  BacktestReport,
  Definition,
  DefinitionIssue,
  Kri,
  MonitoringOverview,
  RuleKind,
  RulePackView,
} from './monitoring-types.js';

/** One function per monitoring call the console makes; ids are encoded here. */
const segment = encodeURIComponent;
const monitoringPath = (platformId: string) => `/v1/platforms/${segment(platformId)}/monitoring`;
const versionPath = (platformId: string, ruleId: string, version: number) =>
  `${monitoringPath(platformId)}/rules/${segment(ruleId)}/versions/${version}`;

/** The server keeps at most 90 days of the dashboard's alert counts per request. */
export const OVERVIEW_DAYS_MAX = 90;

export function getMonitoringOverview(
  platformId: string,
  days: number,
  signal?: AbortSignal,
): Promise<MonitoringOverview> {
  const path = withQuery(`${monitoringPath(platformId)}/overview`, { days });
  return apiRequest(path, { signal });
}

export function listKris(platformId: string, signal?: AbortSignal): Promise<{ items: Kri[] }> {
  return apiRequest(`${monitoringPath(platformId)}/kris`, { signal });
}

export function readKrisNow(platformId: string): Promise<{ items: unknown[] }> {
  return apiRequest(`${monitoringPath(platformId)}/kris/read`, { method: 'POST' });
}

/**
 * Asks a second person to set a KRI's thresholds for the platform, or (null) to go back to the
 * defaults.
 */
export function requestKriThresholds(
  platformId: string,
  kriId: string,
  thresholds: { amberAt: number; redAt: number } | null,
  reason: string,
): Promise<{ approvalId: string }> {
  return apiRequest(`${monitoringPath(platformId)}/kris/${segment(kriId)}/thresholds`, {
    method: 'PUT',
    body: { thresholds, reason },
  });
}

export function getRulePack(platformId: string, signal?: AbortSignal): Promise<RulePackView> {
  return apiRequest(`${monitoringPath(platformId)}/rules`, { signal });
}

export type DraftOutcome =
  | { ok: true; ruleId: string; version: number }
  | { ok: false; problem: ApiProblem; issues: DefinitionIssue[] };

/** Issues a refusal lists, each with the dotted path of the field at fault. */
export function issuesOf(body: unknown): DefinitionIssue[] {
  if (typeof body !== 'object' || body === null) return [];
  const issues = (body as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    return [{ path: typeof path === 'string' ? path : '', message }];
  });
}

/**
 * Saves a draft version. Unlike the other calls it reads the refusal's `issues` member (one
 * per field at fault), which the shared request helper does not keep, so it makes the request
 * itself, with the same credentials.
 */
export async function saveRuleDraft(
  platformId: string,
  kind: RuleKind,
  definition: Definition,
): Promise<DraftOutcome> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'application/json',
  };
  const apiKey = readApiKey();
  if (apiKey !== null) headers.Authorization = `Bearer ${apiKey}`;
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(`${monitoringPath(platformId)}/rules`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ kind, definition }),
      credentials: 'same-origin',
    });
    body = await response.json().catch(() => null);
  } catch (error) {
    return { ok: false, problem: asApiProblem(error), issues: [] };
  }
  if (response.ok) {
    const saved = body as { ruleId: string; version: number };
    return { ok: true, ruleId: saved.ruleId, version: saved.version };
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problem = new ApiProblem({
    status: response.status,
    title: typeof fields.title === 'string' ? fields.title : response.statusText,
    detail: typeof fields.detail === 'string' ? fields.detail : null,
    code: typeof fields.code === 'string' ? fields.code : null,
  });
  return { ok: false, problem, issues: issuesOf(body) };
}

export function requestRuleActivation(
  platformId: string,
  ruleId: string,
  version: number,
  reason: string,
): Promise<{ approvalId: string }> {
  return apiRequest(`${versionPath(platformId, ruleId, version)}/activate`, {
    method: 'POST',
    body: { reason },
  });
}

export function runRuleBacktest(
  platformId: string,
  ruleId: string,
  version: number,
  period: { from: string; to: string },
): Promise<BacktestReport> {
  return apiRequest(`${versionPath(platformId, ruleId, version)}/backtest`, {
    method: 'POST',
    body: period,
  });
}
