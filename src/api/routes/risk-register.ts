import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assessRisk,
  AssessmentSchema,
  changeRisk,
  ControlLinkSchema,
  createRisk,
  linkControl,
  listRisks,
  NewRiskSchema,
  responsibilitiesOf,
  RISK_CATEGORIES,
  riskDetail,
  riskHeatMap,
  riskHistory,
  RiskChangeSchema,
  SCORE_BANDS,
  seedDefaultRegister,
  sweepRiskRegister,
  unlinkControl,
  findRisk,
} from '../../risk-register/index.js';
import { requirePlatform, requirePrincipal, type ApiContext } from '../context.js';
import { registerLossEvents } from './risk-register-loss-routes.js';
import { registerPartnerReviews, registerPartners } from './risk-register-partner-routes.js';
import { refuse, tags } from './risk-register-reply.js';
import { problem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';
import {
  AssessmentOutcomeSchema,
  AssessmentRowSchema,
  LinkedControlSchema,
  LossTotalsSchema,
  lossTotalsJson,
  ResponsibilitiesSchema,
  RiskSchema,
} from './risk-register-schemas.js';

type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];
type Db = ApiContext['db'];

const RiskParams = PlatformParams.extend({ riskId: IdSchema });
const ControlParams = RiskParams.extend({ controlId: IdSchema });
const Limit = z.coerce.number().int().min(1).max(500).optional();
const Flag = z.enum(['true', 'false']).optional();
const Scale = z.coerce.number().int().min(1).max(5).optional();

export const riskRegisterRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  registerRiskReads(app, db);
  registerRiskWrites(app, db);
  registerLossEvents(app, db);
  registerPartners(app, db);
  registerPartnerReviews(app, db);
};

function registerRiskReads(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/risks',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        summary:
          'The risk register, highest residual score first; filter by cell to drill into the heat map',
        params: PlatformParams,
        querystring: z
          .object({
            category: z.enum(RISK_CATEGORIES).optional(),
            ownerId: IdSchema.optional(),
            status: z.enum(['active', 'retired']).optional(),
            band: z.enum(SCORE_BANDS).optional(),
            grid: z.enum(['inherent', 'residual']).optional(),
            likelihood: Scale,
            impact: Scale,
            overdue: Flag,
            limit: Limit,
          })
          .strict(),
        response: { 200: z.object({ items: z.array(RiskSchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const { grid, likelihood, impact, overdue, ...rest } = request.query;
      if ((likelihood === undefined) !== (impact === undefined))
        return sendProblem(
          reply,
          problem('validation_failed', 'a cell takes likelihood and impact'),
        );
      const cell =
        likelihood === undefined || impact === undefined
          ? {}
          : { cell: { grid: grid ?? 'residual', likelihood, impact } };
      const items = await listRisks(db, request.params.platformId, {
        ...rest,
        ...cell,
        ...(overdue === undefined ? {} : { overdue: overdue === 'true' }),
      });
      return { items };
    },
  );

  app.get(
    '/v1/platforms/:platformId/risks/:riskId',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        summary:
          'A risk with its linked controls (latest test results), assessment history, partners and losses',
        params: RiskParams,
        response: {
          200: z.object({
            risk: RiskSchema,
            controls: z.array(LinkedControlSchema),
            history: z.array(AssessmentRowSchema),
            partners: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
            lossTotals: z.array(LossTotalsSchema),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId, riskId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const detail = await riskDetail(db, platformId, riskId);
      if (detail === null)
        return sendProblem(reply, problem('not_found', `risk ${riskId} not found`));
      return { ...detail, lossTotals: lossTotalsJson(detail.lossTotals) };
    },
  );

  app.get(
    '/v1/platforms/:platformId/risks/:riskId/assessments',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        summary: 'Every assessment of a risk, newest first',
        params: RiskParams,
        response: { 200: z.object({ items: z.array(AssessmentRowSchema) }) },
      },
    },
    async (request, reply) => {
      const { platformId, riskId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      if ((await findRisk(db, platformId, riskId)) === null)
        return sendProblem(reply, problem('not_found', `risk ${riskId} not found`));
      return { items: await riskHistory(db, riskId) };
    },
  );

  app.get(
    '/v1/platforms/:platformId/risk-heat-map',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        summary:
          '5×5 counts of active risks, inherent and residual (rows: likelihood 1..5, columns: impact 1..5)',
        params: PlatformParams,
        response: {
          200: z.object({
            inherent: z.array(z.array(z.number())),
            residual: z.array(z.array(z.number())),
            moves: z.array(
              z.object({
                riskId: z.string(),
                code: z.string(),
                inherent: z.object({ likelihood: z.number(), impact: z.number() }),
                residual: z.object({ likelihood: z.number(), impact: z.number() }),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return riskHeatMap(db, request.params.platformId);
    },
  );

  app.get(
    '/v1/me/responsibilities',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        summary: "The caller's risks, controls and partners, overdue reviews and reminders",
        response: { 200: ResponsibilitiesSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      return responsibilitiesOf(db, principal.id);
    },
  );
}

function registerRiskWrites(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/risks',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary: 'Add a risk to the register (its first assessment is recorded)',
        params: PlatformParams,
        body: NewRiskSchema,
        response: { 201: RiskSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const created = await createRisk(db, request.params.platformId, request.body, principal.id);
      if (!created.ok) return refuse(reply, created.error);
      return reply.code(201).send(created.value);
    },
  );

  app.post(
    '/v1/platforms/:platformId/risks/seed',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary:
          "Add the default register's risks the platform lacks, owned by ownerId (default: the caller)",
        params: PlatformParams,
        body: z.object({ ownerId: IdSchema.optional() }).strict(),
        response: { 200: z.object({ created: z.array(z.string()), skipped: z.array(z.string()) }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const owner = request.body.ownerId ?? principal.id;
      const seeded = await seedDefaultRegister(db, request.params.platformId, owner, principal.id);
      if (!seeded.ok) return refuse(reply, seeded.error);
      return seeded.value;
    },
  );

  app.patch(
    '/v1/platforms/:platformId/risks/:riskId',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary: 'Change a risk: text, owner, appetite and tolerance, treatment, cadence, status',
        params: RiskParams,
        body: RiskChangeSchema,
        response: { 200: RiskSchema },
      },
    },
    async (request, reply) => {
      const { platformId, riskId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const changed = await changeRisk(db, platformId, riskId, request.body, principal.id);
      if (!changed.ok) return refuse(reply, changed.error);
      return changed.value;
    },
  );

  app.post(
    '/v1/platforms/:platformId/risks/:riskId/assessments',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary: 'Assess a risk (inherent likelihood × impact); residual follows from its controls',
        params: RiskParams,
        body: AssessmentSchema,
        response: { 201: AssessmentOutcomeSchema },
      },
    },
    async (request, reply) => {
      const { platformId, riskId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const assessed = await assessRisk(db, platformId, riskId, request.body, principal.id);
      if (!assessed.ok) return refuse(reply, assessed.error);
      return reply.code(201).send(assessed.value);
    },
  );

  app.put(
    '/v1/platforms/:platformId/risks/:riskId/controls/:controlId',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary: 'Link a compliance control to a risk, or change the link; the risk is re-scored',
        params: ControlParams,
        body: ControlLinkSchema,
        response: { 200: AssessmentOutcomeSchema },
      },
    },
    async (request, reply) => {
      const { platformId, riskId, controlId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const linked = await linkControl(
        db,
        platformId,
        riskId,
        controlId,
        request.body,
        principal.id,
      );
      if (!linked.ok) return refuse(reply, linked.error);
      return linked.value;
    },
  );

  app.delete(
    '/v1/platforms/:platformId/risks/:riskId/controls/:controlId',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary: 'Unlink a control from a risk; the risk is re-scored',
        params: ControlParams,
        response: { 200: AssessmentOutcomeSchema },
      },
    },
    async (request, reply) => {
      const { platformId, riskId, controlId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const unlinked = await unlinkControl(db, platformId, riskId, controlId, principal.id);
      if (!unlinked.ok) return refuse(reply, unlinked.error);
      return unlinked.value;
    },
  );

  app.post(
    '/v1/platforms/:platformId/risk-register/sweep',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary:
          'Re-score from control results, write review reminders, alert on overdue reviews and expiring qualifications',
        params: PlatformParams,
        response: {
          200: z.object({
            residualsChanged: z.number(),
            remindersWritten: z.number(),
            alertsRaised: z.number(),
          }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return sweepRiskRegister(db, request.params.platformId);
    },
  );
}
