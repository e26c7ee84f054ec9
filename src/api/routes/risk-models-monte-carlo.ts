import os from 'node:os';
import { z } from 'zod';
import { parseAmount } from '../../money/index.js';
import {
  findMonteCarloRun,
  listMonteCarloRuns,
  RISK_MODEL_LIMITS,
  runMonteCarlo,
  SEED_MAX,
} from '../../risk-models/index.js';
import { monteCarloGate } from '../../risk-models/monte-carlo-gate.js';
import {
  MonteCarloRunSchema,
  MonteCarloRunSummarySchema,
} from '../../risk-models/risk-model-api-schemas.js';
import { requirePlatform } from '../context.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { CurrencySchema, IdSchema, PlatformParams } from '../schemas.js';
import { RunParams, type App, type Db } from './risk-models-schemas.js';

/** A run's worker threads: two when the machine has them; never the request's thread. */
const MONTE_CARLO_WORKERS = Math.max(1, Math.min(2, os.availableParallelism()));
/** Seconds a caller turned away by a running simulation is told to wait. */
const MONTE_CARLO_RETRY_AFTER_S = 5;

/** Monte Carlo simulations of the annual aggregate loss: run one, list them, read one. */
export function registerMonteCarloRoutes(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/monte-carlo-runs',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags: ['risk-models'],
        summary: 'Simulate the annual aggregate loss; the run is stored with its inputs',
        params: PlatformParams,
        body: z
          .object({
            currency: CurrencySchema,
            trials: z
              .number()
              .int()
              .min(RISK_MODEL_LIMITS.trialsMin)
              .max(RISK_MODEL_LIMITS.apiTrialsMax)
              .default(100_000),
            seed: z.number().int().min(0).max(SEED_MAX).optional(),
            riskIds: z.array(IdSchema).min(1).max(RISK_MODEL_LIMITS.risksMax).optional(),
            reserve: z.string().max(32).optional(),
            histogramBins: z
              .number()
              .int()
              .min(5)
              .max(RISK_MODEL_LIMITS.histogramBinsMax)
              .optional(),
          })
          .strict(),
        response: { 201: MonteCarloRunSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const { reserve, seed, riskIds, histogramBins, ...rest } = request.body;
      let reserveMinor: bigint | undefined;
      if (reserve !== undefined) {
        const parsed = parseAmount(reserve, rest.currency);
        if (!parsed.ok)
          return sendProblem(
            reply,
            problem(parsed.error.code, `reserve: ${JSON.stringify(parsed.error)}`),
          );
        reserveMinor = parsed.amountMinor;
      }
      const running = monteCarloGate.tryRun(() =>
        runMonteCarlo(
          db,
          request.params.platformId,
          {
            ...rest,
            seed: seed ?? Math.floor(Math.random() * 2 ** 32),
            workers: MONTE_CARLO_WORKERS,
            ...(riskIds === undefined ? {} : { riskIds }),
            ...(reserveMinor === undefined ? {} : { reserveMinor }),
            ...(histogramBins === undefined ? {} : { histogramBins }),
          },
          principal.id,
        ),
      );
      if (running === undefined) {
        reply.header('retry-after', String(MONTE_CARLO_RETRY_AFTER_S));
        return sendProblem(
          reply,
          problem(
            'rate_limited',
            'a Monte Carlo run is already in progress on this server; try again when it has finished',
          ),
        );
      }
      const run = await running;
      if (!run.ok) return sendProblem(reply, custodyProblem(run.error));
      return reply.code(201).send(run.value);
    },
  );

  app.get(
    '/v1/platforms/:platformId/monte-carlo-runs',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk-models'],
        summary: 'Monte Carlo runs, newest first',
        params: PlatformParams,
        response: { 200: z.object({ items: z.array(MonteCarloRunSummarySchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return { items: await listMonteCarloRuns(db, request.params.platformId) };
    },
  );

  app.get(
    '/v1/platforms/:platformId/monte-carlo-runs/:runId',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk-models'],
        summary: 'A Monte Carlo run: inputs, figures, histogram and convergence',
        params: RunParams,
        response: { 200: MonteCarloRunSchema },
      },
    },
    async (request, reply) => {
      const { platformId, runId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const run = await findMonteCarloRun(db, platformId, runId);
      if (run === null) return sendProblem(reply, problem('not_found', `run ${runId} not found`));
      return run;
    },
  );
}
