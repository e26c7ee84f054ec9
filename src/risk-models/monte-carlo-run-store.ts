import { toBigInt, type Queryable } from '../store/index.js';
import type { MonteCarloFigures } from './monte-carlo-report.js';
import type { MonteCarloRun } from './monte-carlo-service.js';
import { RISK_MODEL_LIMITS } from './risk-model-limits.js';

export interface MonteCarloRunSummary {
  id: string;
  currency: string;
  trials: number;
  seed: number;
  risks: number;
  expectedLossMinor: string;
  var99Minor: string;
  var999Minor: string;
  es99Minor: string;
  es999Minor: string;
  reserveMinor: string | null;
  reserveExceedanceProbability: number | null;
  elapsedMs: number;
  createdBy: string;
  createdAt: string;
}

export async function listMonteCarloRuns(
  db: Queryable,
  platformId: string,
  limit: number = RISK_MODEL_LIMITS.runsListMax,
): Promise<MonteCarloRunSummary[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, currency, trials, seed, jsonb_array_length(inputs->'models') AS risks,
       expected_loss_minor, var_99_minor, var_999_minor, es_99_minor, es_999_minor,
       reserve_minor, reserve_exceedance_probability, elapsed_ms, created_by, created_at
     FROM monte_carlo_runs WHERE platform_id = $1 ORDER BY id DESC LIMIT $2`,
    [platformId, Math.min(limit, RISK_MODEL_LIMITS.runsListMax)],
  );
  return rows.map((r) => ({
    id: String(r.id),
    currency: String(r.currency),
    trials: Number(r.trials),
    seed: Number(toBigInt(r.seed)),
    risks: Number(r.risks),
    expectedLossMinor: toBigInt(r.expected_loss_minor).toString(),
    var99Minor: toBigInt(r.var_99_minor).toString(),
    var999Minor: toBigInt(r.var_999_minor).toString(),
    es99Minor: toBigInt(r.es_99_minor).toString(),
    es999Minor: toBigInt(r.es_999_minor).toString(),
    reserveMinor: r.reserve_minor === null ? null : toBigInt(r.reserve_minor).toString(),
    reserveExceedanceProbability:
      r.reserve_exceedance_probability === null ? null : Number(r.reserve_exceedance_probability),
    elapsedMs: Number(r.elapsed_ms),
    createdBy: String(r.created_by),
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}

export async function findMonteCarloRun(
  db: Queryable,
  platformId: string,
  runId: string,
): Promise<MonteCarloRun | null> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, platform_id, currency, trials, seed, workers, elapsed_ms, inputs, results,
       created_by, created_at FROM monte_carlo_runs WHERE platform_id = $1 AND id = $2`,
    [platformId, runId],
  );
  const r = rows[0];
  if (r === undefined) return null;
  return {
    id: String(r.id),
    platformId: String(r.platform_id),
    currency: String(r.currency),
    trials: Number(r.trials),
    seed: Number(toBigInt(r.seed)),
    workers: Number(r.workers),
    elapsedMs: Number(r.elapsed_ms),
    inputs: r.inputs as MonteCarloRun['inputs'],
    figures: r.results as MonteCarloFigures,
    createdBy: String(r.created_by),
    createdAt: new Date(r.created_at as string).toISOString(),
  };
}
