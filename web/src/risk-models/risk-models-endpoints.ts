import { apiRequest, withQuery } from '../api/index.js';
import type {
  MonteCarloRun,
  MonteCarloRunSummary,
  RiskModelView,
  StressRun,
  StressRunSummary,
  StressScenarioView,
} from './risk-models-types.js';

/** One function per risk-model call the console makes; ids are encoded here. */
const segment = encodeURIComponent;
const platformPath = (platformId: string) => `/v1/platforms/${segment(platformId)}`;

export function listRiskModels(
  platformId: string,
  currency: string,
  signal?: AbortSignal,
): Promise<{ items: RiskModelView[] }> {
  return apiRequest(withQuery(`${platformPath(platformId)}/risk-models`, { currency }), { signal });
}

export function listMonteCarloRuns(
  platformId: string,
  signal?: AbortSignal,
): Promise<{ items: MonteCarloRunSummary[] }> {
  return apiRequest(`${platformPath(platformId)}/monte-carlo-runs`, { signal });
}

export function getMonteCarloRun(
  platformId: string,
  runId: string,
  signal?: AbortSignal,
): Promise<MonteCarloRun> {
  return apiRequest(`${platformPath(platformId)}/monte-carlo-runs/${segment(runId)}`, { signal });
}

export function startMonteCarloRun(
  platformId: string,
  body: { currency: string; trials: number; seed?: number },
): Promise<MonteCarloRun> {
  return apiRequest(`${platformPath(platformId)}/monte-carlo-runs`, { method: 'POST', body });
}

export function listStressScenarios(
  platformId: string,
  signal?: AbortSignal,
): Promise<{ items: StressScenarioView[] }> {
  return apiRequest(`${platformPath(platformId)}/stress-scenarios`, { signal });
}

export function runStressScenario(platformId: string, scenarioId: string): Promise<StressRun> {
  return apiRequest(`${platformPath(platformId)}/stress-scenarios/${segment(scenarioId)}/runs`, {
    method: 'POST',
    body: {},
  });
}

export function listStressRuns(
  platformId: string,
  signal?: AbortSignal,
): Promise<{ items: StressRunSummary[] }> {
  return apiRequest(`${platformPath(platformId)}/stress-runs`, { signal });
}

export function getStressRun(
  platformId: string,
  runId: string,
  signal?: AbortSignal,
): Promise<StressRun> {
  return apiRequest(`${platformPath(platformId)}/stress-runs/${segment(runId)}`, { signal });
}
