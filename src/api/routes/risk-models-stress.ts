import { z } from 'zod';
import {
  deleteStressScenario,
  findStressRun,
  findStressScenario,
  listStressRuns,
  listStressScenarios,
  runStressScenario,
  saveStressScenario,
  StressScenarioSchema,
} from '../../risk-models/index.js';
import {
  StressRunSchema,
  StressRunSummarySchema,
  StressScenarioViewSchema,
} from '../../risk-models/risk-model-api-schemas.js';
import { requirePlatform } from '../context.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { CurrencySchema, IdSchema, PlatformParams } from '../schemas.js';
import { DateSchema, RunParams, todayUtc, type App, type Db } from './risk-models-schemas.js';

const ScenarioIdSchema = z.union([IdSchema, z.string().regex(/^builtin:[a-z_]{1,60}$/)]);
const ScenarioParams = PlatformParams.extend({ scenarioId: ScenarioIdSchema });

/** Liquidity stress scenarios: the built-in ones and those a platform saves. */
export function registerStressScenarioRoutes(app: App, db: Db): void {
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

/** Stress runs: a scenario played against the books, stored with its liquidity path. */
export function registerStressRunRoutes(app: App, db: Db): void {
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
