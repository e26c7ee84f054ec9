import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAuditRecords, listSecurityEvents } from '../../custody/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { PlatformParams } from '../schemas.js';

export const recordRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.get(
    '/v1/platforms/:platformId/audit-records',
    {
      config: { permission: 'records.read' },
      schema: {
        tags: ['audit'],
        summary: 'Audit records in append order',
        params: PlatformParams,
        querystring: z
          .object({
            after: z
              .string()
              .regex(/^[0-9]{1,19}$/)
              .optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                seq: z.string(),
                actor: z.string(),
                action: z.string(),
                subjectType: z.string(),
                subjectId: z.string(),
                payload: z.unknown(),
                entry: z.string().describe('the record as RFC 8785 canonical JSON'),
                at: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const { after, limit } = request.query;
      return {
        items: await listAuditRecords(db, request.params.platformId, {
          ...(after === undefined ? {} : { afterSeq: after }),
          ...(limit === undefined ? {} : { limit }),
        }),
      };
    },
  );

  app.get(
    '/v1/platforms/:platformId/security-events',
    {
      config: { permission: 'security_events.read' },
      schema: {
        tags: ['audit'],
        summary: 'Security events such as refused (unauthorized) debit attempts, newest first',
        params: PlatformParams,
        querystring: z
          .object({ limit: z.coerce.number().int().min(1).max(500).optional() })
          .strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                kind: z.string(),
                actor: z.string(),
                detail: z.unknown(),
                at: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return {
        items: await listSecurityEvents(db, request.params.platformId, request.query.limit),
      };
    },
  );
};
