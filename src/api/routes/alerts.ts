import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AlertViewSchema, listAlerts } from '../../cases/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { IdSchema, PlatformParams } from '../schemas.js';

/** Alerts of a platform, newest first, with their explanations and occurrence counts. */
export const alertRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.get(
    '/v1/platforms/:platformId/alerts',
    {
      config: { permission: 'alerts.read' },
      schema: {
        tags: ['alerts'],
        summary: 'Alerts from every source (rules, typologies, KRIs, reconciliation, security)',
        params: PlatformParams,
        querystring: z
          .object({
            caseId: IdSchema.optional(),
            ruleId: z.string().min(1).max(100).optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
            cursor: IdSchema.optional(),
          })
          .strict(),
        response: {
          200: z.object({ items: z.array(AlertViewSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return listAlerts(db, { platformId: request.params.platformId, ...request.query });
    },
  );
};
