import { appendAuditRecords } from '../audit/audit-record-store.js';
import { failure, success, type Result } from '../custody/errors.js';
import { newId, type Database } from '../store/index.js';
import { reserveBalances } from './books-position.js';
import { compoundMoments, portfolioMoments } from './compound-moments.js';
import { lossStatistics } from './loss-statistics.js';
import {
  fitsInt8,
  minorString,
  monteCarloFigures,
  type MonteCarloFigures,
} from './monte-carlo-report.js';
import { simulateAggregateLoss, validateSimulationSize } from './monte-carlo-runner.js';
import { SEED_MAX } from './prng.js';
import { RISK_MODEL_LIMITS } from './risk-model-limits.js';
import { listRiskModels } from './risk-model-store.js';
import type { RiskModel } from './risk-model-types.js';

export const TAIL_LEVELS = [0.99, 0.999] as const;

export interface MonteCarloRequest {
  currency: string;
  trials: number;
  seed: number;
  workers: number;
  /** Only these risks; all of the currency's models when absent. */
  riskIds?: string[];
  /** Compare losses with this reserve instead of the books' reserve balance. */
  reserveMinor?: bigint;
  histogramBins?: number;
  onProgress?: (done: number) => void;
}

export interface MonteCarloRun {
  id: string;
  platformId: string;
  currency: string;
  trials: number;
  seed: number;
  workers: number;
  elapsedMs: number;
  inputs: { models: RiskModel[]; reserveSource: 'books' | 'given' };
  figures: MonteCarloFigures;
  createdBy: string;
  createdAt: string;
}

/**
 * Runs the aggregate-loss simulation over the stored models of a currency, compares it with
 * the reserve in the books, and stores the run with its inputs and an audit record.
 */
export async function runMonteCarlo(
  db: Database,
  platformId: string,
  request: MonteCarloRequest,
  actor: string,
): Promise<Result<MonteCarloRun>> {
  if (!Number.isSafeInteger(request.seed) || request.seed < 0 || request.seed > SEED_MAX) {
    return failure('validation_failed', 'seed must be a non-negative safe integer');
  }
  const stored = (await listRiskModels(db, platformId, request.currency)).filter(
    (m) => request.riskIds === undefined || request.riskIds.includes(m.riskId),
  );
  const missing = (request.riskIds ?? []).filter((id) => !stored.some((m) => m.riskId === id));
  if (missing.length > 0) {
    return failure('not_found', `no ${request.currency} model for ${missing.join(', ')}`);
  }
  const models: RiskModel[] = stored.map((m) => ({ riskId: m.riskId, ...m.model }));
  const sizeProblem = validateSimulationSize(models, request.trials);
  if (sizeProblem !== null) return failure('validation_failed', sizeProblem);
  const reserve =
    request.reserveMinor ?? (await reserveBalances(db, platformId)).get(request.currency) ?? 0n;
  const out = await simulateAggregateLoss({
    models,
    trials: request.trials,
    seed: request.seed,
    workers: request.workers,
    ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
  });
  const stats = lossStatistics(out.losses, {
    levels: TAIL_LEVELS,
    reserve: Number(reserve),
    histogramBins: request.histogramBins ?? RISK_MODEL_LIMITS.histogramBinsDefault,
    convergenceCheckpoints: 40,
  });
  if (!fitsInt8(stats.maximum)) {
    return failure('validation_failed', 'simulated losses exceed 2^63 minor units: cap the events');
  }
  const figures = monteCarloFigures(
    stats,
    portfolioMoments(models),
    stored.map((m, index) => {
      const closed = compoundMoments({ riskId: m.riskId, ...m.model });
      return {
        riskId: m.riskId,
        riskCode: m.riskCode,
        riskTitle: m.riskTitle,
        meanLossMinor: minorString(out.riskMeans[index] ?? 0),
        closedFormMeanMinor:
          closed === null || !Number.isFinite(closed.mean) ? null : minorString(closed.mean),
      };
    }),
  );
  const run: MonteCarloRun = {
    id: newId('mcr'),
    platformId,
    currency: request.currency,
    trials: request.trials,
    seed: request.seed,
    workers: request.workers,
    elapsedMs: Math.round(out.elapsedMs),
    inputs: { models, reserveSource: request.reserveMinor === undefined ? 'books' : 'given' },
    figures,
    createdBy: actor,
    createdAt: new Date().toISOString(),
  };
  await storeRun(db, run, reserve);
  return success(run);
}

async function storeRun(db: Database, run: MonteCarloRun, reserve: bigint): Promise<void> {
  const tail = (level: number) => run.figures.tail.find((t) => t.level === level);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO monte_carlo_runs (id, platform_id, currency, trials, seed, workers, inputs,
         reserve_minor, expected_loss_minor, var_99_minor, var_999_minor, es_99_minor,
         es_999_minor, reserve_exceedance_probability, results, elapsed_ms, created_by,
         created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        run.id,
        run.platformId,
        run.currency,
        run.trials,
        run.seed,
        run.workers,
        JSON.stringify(run.inputs),
        reserve.toString(),
        run.figures.expectedLossMinor,
        tail(0.99)?.valueAtRiskMinor,
        tail(0.999)?.valueAtRiskMinor,
        tail(0.99)?.expectedShortfallMinor,
        tail(0.999)?.expectedShortfallMinor,
        run.figures.reserveExceedance?.probability ?? null,
        JSON.stringify(run.figures),
        run.elapsedMs,
        run.createdBy,
        run.createdAt,
      ],
    );
    await appendAuditRecords(tx, [
      {
        platformId: run.platformId,
        actor: run.createdBy,
        action: 'monte_carlo.run',
        subjectType: 'monte_carlo_run',
        subjectId: run.id,
        payload: {
          currency: run.currency,
          trials: run.trials,
          seed: run.seed,
          risks: run.inputs.models.map((m) => m.riskId),
          expectedLossMinor: run.figures.expectedLossMinor,
        },
        atMs: Date.parse(run.createdAt),
      },
    ]);
  });
}
