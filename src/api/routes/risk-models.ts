import os from 'node:os';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatAmount, isKnownCurrency, parseAmount } from '../../money/index.js';
import {
  addLiquidityFlows,
  deleteLiquidityFlow,
  deleteStressScenario,
  findMonteCarloRun,
  findRiskModel,
  findStressRun,
  findStressScenario,
  fitAndStoreModel,
  listLiquidityFlows,
  listMonteCarloRuns,
  listRiskModels,
  listStressRuns,
  listStressScenarios,
  ModelParametersSchema,
  RISK_MODEL_LIMITS,
  riskRegisterPort,
  runMonteCarlo,
  runStressScenario,
  saveStressScenario,
  SEED_MAX,
  setExpertModel,
  StressScenarioSchema,
} from '../../risk-models/index.js';
import { monteCarloGate } from '../../risk-models/monte-carlo-gate.js';
import {
  LiquidityFlowSchema,
  MonteCarloRunSchema,
  MonteCarloRunSummarySchema,
  RiskModelViewSchema,
  StressRunSchema,
  StressRunSummarySchema,
  StressScenarioViewSchema,
} from '../../risk-models/risk-model-api-schemas.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { CurrencySchema, IdSchema, PlatformParams } from '../schemas.js';

const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real YYYY-MM-DD date');
const RiskParams = PlatformParams.extend({ riskId: IdSchema });
const RunParams = PlatformParams.extend({ runId: IdSchema });
const ScenarioIdSchema = z.union([IdSchema, z.string().regex(/^builtin:[a-z_]{1,60}$/)]);
const ScenarioParams = PlatformParams.extend({ scenarioId: ScenarioIdSchema });
const FlowParams = PlatformParams.extend({ flowId: IdSchema });
/** A run's worker threads: two when the machine has them; never the request's thread. */
const MONTE_CARLO_WORKERS = Math.max(1, Math.min(2, os.availableParallelism()));
/** Seconds a caller turned away by a running simulation is told to wait. */
const MONTE_CARLO_RETRY_AFTER_S = 5;

type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];
type Db = ApiContext['db'];

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export const riskModelRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  registerModelRoutes(app, db);
  registerMonteCarloRoutes(app, db);
  registerScenarioRoutes(app, db);
  registerStressRunRoutes(app, db);
  registerFlowRoutes(app, db);
};

function registerModelRoutes(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/risk-models',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk-models'],
        summary: "Every risk's frequency and severity model, with where its parameters came from",
        params: PlatformParams,
        querystring: z.object({ currency: CurrencySchema.optional() }).strict(),
        response: { 200: z.object({ items: z.array(RiskModelViewSchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return { items: await listRiskModels(db, request.params.platformId, request.query.currency) };
    },
  );

  app.get(
    '/v1/platforms/:platformId/risk-models/:riskId',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk-models'],
        summary: "A risk's model and its latest fit report",
        params: RiskParams,
        response: { 200: RiskModelViewSchema },
      },
    },
    async (request, reply) => {
      const { platformId, riskId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const found = await findRiskModel(db, platformId, riskId);
      if (found === null) return sendProblem(reply, problem('not_found', `no model for ${riskId}`));
      return found;
    },
  );

  app.put(
    '/v1/platforms/:platformId/risk-models/:riskId',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags: ['risk-models'],
        summary: "Set a risk's expert parameters (fitted parts stay fitted)",
        params: RiskParams,
        body: ModelParametersSchema.extend({ currency: CurrencySchema }).strict(),
        response: { 200: RiskModelViewSchema },
      },
    },
    async (request, reply) => {
      const { platformId, riskId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const { currency, ...parameters } = request.body;
      if (!isKnownCurrency(currency)) {
        return sendProblem(reply, problem('unknown_currency', `unknown currency ${currency}`));
      }
      const set = await setExpertModel(
        db,
        riskRegisterPort,
        platformId,
        riskId,
        { currency, parameters },
        principal.id,
      );
      if (!set.ok) return sendProblem(reply, custodyProblem(set.error));
      return set.value;
    },
  );

  app.post(
    '/v1/platforms/:platformId/risk-models/:riskId/fit',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags: ['risk-models'],
        summary: "Fit a risk's model from its loss events (expert parameters where data are few)",
        params: RiskParams,
        body: z
          .object({
            currency: CurrencySchema,
            observedFrom: DateSchema,
            observedTo: DateSchema.optional(),
            severity: z.enum(['lognormal', 'pareto', 'auto']).default('auto'),
            thresholdMinor: z.number().int().min(1).max(1e15).nullable().default(null),
            dryRun: z.boolean().default(false),
          })
          .strict(),
        response: {
          200: z.object({
            stored: z.boolean(),
            model: ModelParametersSchema,
            frequencySource: z.enum(['expert', 'fitted']),
            severitySource: z.enum(['expert', 'fitted']),
            report: z.record(z.string(), z.unknown()),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId, riskId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const body = request.body;
      const fitted = await fitAndStoreModel(
        db,
        riskRegisterPort,
        platformId,
        riskId,
        { ...body, observedTo: body.observedTo ?? todayUtc() },
        principal.id,
      );
      if (!fitted.ok) return sendProblem(reply, custodyProblem(fitted.error));
      const { riskId: _id, ...model } = fitted.value.outcome.model;
      return {
        stored: fitted.value.stored,
        model,
        frequencySource: fitted.value.outcome.frequencySource,
        severitySource: fitted.value.outcome.severitySource,
        report: fitted.value.report,
      };
    },
  );
}

function registerMonteCarloRoutes(app: App, db: Db): void {
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

function registerScenarioRoutes(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/stress-scenarios',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk-models'],
        summary: 'Liquidity stress scenarios: built in, then saved',
        params: PlatformParams,
        response: { 200: z.object({ items: z.array(StressScenarioViewSchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return { items: await listStressScenarios(db, request.params.platformId) };
    },
  );

  app.get(
    '/v1/platforms/:platformId/stress-scenarios/:scenarioId',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk-models'],
        summary: 'A stress scenario',
        params: ScenarioParams,
        response: { 200: StressScenarioViewSchema },
      },
    },
    async (request, reply) => {
      const { platformId, scenarioId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const found = await findStressScenario(db, platformId, scenarioId);
      if (found === null)
        return sendProblem(reply, problem('not_found', `scenario ${scenarioId} not found`));
      return found;
    },
  );

  app.post(
    '/v1/platforms/:platformId/stress-scenarios',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags: ['risk-models'],
        summary: 'Save a custom stress scenario (a combination of shocks)',
        params: PlatformParams,
        body: StressScenarioSchema,
        response: { 201: StressScenarioViewSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const saved = await saveStressScenario(
        db,
        request.params.platformId,
        request.body,
        principal.id,
      );
      if (!saved.ok) return sendProblem(reply, custodyProblem(saved.error));
      return reply.code(201).send(saved.value);
    },
  );

  app.put(
    '/v1/platforms/:platformId/stress-scenarios/:scenarioId',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags: ['risk-models'],
        summary: 'Change a saved scenario (a new version)',
        params: ScenarioParams,
        body: StressScenarioSchema,
        response: { 200: StressScenarioViewSchema },
      },
    },
    async (request, reply) => {
      const { platformId, scenarioId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const saved = await saveStressScenario(
        db,
        platformId,
        request.body,
        principal.id,
        scenarioId,
      );
      if (!saved.ok) return sendProblem(reply, custodyProblem(saved.error));
      return saved.value;
    },
  );

  app.delete(
    '/v1/platforms/:platformId/stress-scenarios/:scenarioId',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags: ['risk-models'],
        summary: 'Delete a saved scenario (its runs stay, with the scenario as it was)',
        params: ScenarioParams,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const { platformId, scenarioId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const deleted = await deleteStressScenario(db, platformId, scenarioId, principal.id);
      if (!deleted.ok) return sendProblem(reply, custodyProblem(deleted.error));
      return deleted.value;
    },
  );
}

function registerStressRunRoutes(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/stress-scenarios/:scenarioId/runs',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags: ['risk-models'],
        summary: 'Run a scenario against the books: liquidity path, survival horizon, shortfall',
        params: ScenarioParams,
        body: z
          .object({ asOf: DateSchema.optional(), currency: CurrencySchema.optional() })
          .strict(),
        response: { 201: StressRunSchema },
      },
    },
    async (request, reply) => {
      const { platformId, scenarioId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const { asOf, currency } = request.body;
      const run = await runStressScenario(
        db,
        platformId,
        scenarioId,
        { asOf: asOf ?? todayUtc(), ...(currency === undefined ? {} : { currency }) },
        principal.id,
      );
      if (!run.ok) return sendProblem(reply, custodyProblem(run.error));
      return reply.code(201).send(run.value);
    },
  );

  app.get(
    '/v1/platforms/:platformId/stress-runs',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk-models'],
        summary: 'Stress runs, newest first',
        params: PlatformParams,
        response: { 200: z.object({ items: z.array(StressRunSummarySchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return { items: await listStressRuns(db, request.params.platformId) };
    },
  );

  app.get(
    '/v1/platforms/:platformId/stress-runs/:runId',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk-models'],
        summary: 'A stress run with its day-by-day liquidity path per currency',
        params: RunParams,
        response: { 200: StressRunSchema },
      },
    },
    async (request, reply) => {
      const { platformId, runId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const run = await findStressRun(db, platformId, runId);
      if (run === null) return sendProblem(reply, problem('not_found', `run ${runId} not found`));
      return run;
    },
  );
}

const NewFlowSchema = z
  .object({
    currency: CurrencySchema,
    dueOn: DateSchema,
    kind: z.enum(['loan_repayment', 'loan_disbursement', 'other_inflow', 'other_outflow']),
    amount: z.string().max(32),
    note: z.string().max(500).default(''),
  })
  .strict();

function registerFlowRoutes(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/liquidity-flows',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk-models'],
        summary: 'Expected inflows and outflows by date (loan instalments, disbursements …)',
        params: PlatformParams,
        querystring: z
          .object({
            currency: CurrencySchema.optional(),
            from: DateSchema.optional(),
            to: DateSchema.optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(LiquidityFlowSchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const flows = await listLiquidityFlows(db, request.params.platformId, request.query);
      return {
        items: flows.map((f) => ({
          ...f,
          amount: formatAmount(f.amountMinor, f.currency),
          amountMinor: f.amountMinor.toString(),
        })),
      };
    },
  );

  app.post(
    '/v1/platforms/:platformId/liquidity-flows',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags: ['risk-models'],
        summary: 'Add expected flows (all or none)',
        params: PlatformParams,
        body: z.object({ flows: z.array(NewFlowSchema).min(1).max(1_000) }).strict(),
        response: { 201: z.object({ ids: z.array(z.string()) }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const flows = [];
      for (const [index, flow] of request.body.flows.entries()) {
        const parsed = parseAmount(flow.amount, flow.currency);
        if (!parsed.ok) {
          return sendProblem(
            reply,
            problem(parsed.error.code, `flows[${index}].amount: ${JSON.stringify(parsed.error)}`),
          );
        }
        flows.push({ ...flow, amountMinor: parsed.amountMinor });
      }
      const added = await addLiquidityFlows(db, request.params.platformId, flows, principal.id);
      if (!added.ok) return sendProblem(reply, custodyProblem(added.error));
      return reply.code(201).send(added.value);
    },
  );

  app.delete(
    '/v1/platforms/:platformId/liquidity-flows/:flowId',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags: ['risk-models'],
        summary: 'Delete an expected flow',
        params: FlowParams,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const { platformId, flowId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const deleted = await deleteLiquidityFlow(db, platformId, flowId, principal.id);
      if (!deleted.ok) return sendProblem(reply, custodyProblem(deleted.error));
      return deleted.value;
    },
  );
}
