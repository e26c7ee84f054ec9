import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changeLossEvent,
  createLossEvent,
  findLossEvent,
  LOSS_KINDS,
  LossEventChangeSchema,
  listLossEvents,
  NewLossEventSchema,
  RISK_CATEGORIES,
} from '../../risk-register/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { problem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';
import { refuse, tags } from './risk-register-reply.js';
import {
  LossEventSchema,
  lossEventJson,
  LossTotalsSchema,
  lossTotalsJson,
} from './risk-register-schemas.js';

/** Loss events and near misses of a platform (part of the risk-register routes). */
type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];
type Db = ApiContext['db'];
const LossParams = PlatformParams.extend({ lossEventId: IdSchema });
const Limit = z.coerce.number().int().min(1).max(500).optional();

export function registerLossEvents(app: App, db: Db): void {
  app.get(
    '/v1/platforms/:platformId/loss-events',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        summary: 'Loss events and near misses, newest first, with totals per currency',
        params: PlatformParams,
        querystring: z
          .object({
            kind: z.enum(LOSS_KINDS).optional(),
            causeCategory: z.enum(RISK_CATEGORIES).optional(),
            riskId: IdSchema.optional(),
            from: z.iso.date().optional(),
            to: z.iso.date().optional(),
            limit: Limit,
          })
          .strict(),
        response: {
          200: z.object({ items: z.array(LossEventSchema), totals: z.array(LossTotalsSchema) }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const listed = await listLossEvents(db, request.params.platformId, request.query);
      return { items: listed.items.map(lossEventJson), totals: lossTotalsJson(listed.totals) };
    },
  );

  app.post(
    '/v1/platforms/:platformId/loss-events',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary: 'Record a loss event or near miss (amounts as decimals of the currency)',
        params: PlatformParams,
        body: NewLossEventSchema,
        response: { 201: LossEventSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const created = await createLossEvent(
        db,
        request.params.platformId,
        request.body,
        principal.id,
      );
      if (!created.ok) return refuse(reply, created.error);
      return reply.code(201).send(lossEventJson(created.value));
    },
  );

  app.get(
    '/v1/platforms/:platformId/loss-events/:lossEventId',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags,
        summary: 'A loss event',
        params: LossParams,
        response: { 200: LossEventSchema },
      },
    },
    async (request, reply) => {
      const { platformId, lossEventId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const event = await findLossEvent(db, platformId, lossEventId);
      if (event === null)
        return sendProblem(reply, problem('not_found', `loss event ${lossEventId} not found`));
      return lossEventJson(event);
    },
  );

  app.patch(
    '/v1/platforms/:platformId/loss-events/:lossEventId',
    {
      config: { permission: 'risk.write' },
      schema: {
        tags,
        summary: 'Book a loss, update its recoveries or its links to risks, cases and incidents',
        params: LossParams,
        body: LossEventChangeSchema,
        response: { 200: LossEventSchema },
      },
    },
    async (request, reply) => {
      const { platformId, lossEventId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const changed = await changeLossEvent(
        db,
        platformId,
        lossEventId,
        request.body,
        principal.id,
      );
      if (!changed.ok) return refuse(reply, changed.error);
      return lossEventJson(changed.value);
    },
  );
}
