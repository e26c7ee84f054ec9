import { z } from 'zod';
import { isKnownCurrency } from '../../money/index.js';
import {
  findRiskModel,
  fitAndStoreModel,
  listRiskModels,
  ModelParametersSchema,
  riskRegisterPort,
  setExpertModel,
} from '../../risk-models/index.js';
import { RiskModelViewSchema } from '../../risk-models/risk-model-api-schemas.js';
import { requirePlatform } from '../context.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { CurrencySchema, IdSchema, PlatformParams } from '../schemas.js';
import { DateSchema, todayUtc, type App, type Db } from './risk-models-schemas.js';

const RiskParams = PlatformParams.extend({ riskId: IdSchema });

/** Each risk's frequency and severity model: read, set by an expert, fitted from loss events. */
export function registerRiskModelParameterRoutes(app: App, db: Db): void {
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
