import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createPlatform } from '../../custody/index.js';
import { requirePrincipal, requireStaff, type ApiContext } from '../context.js';
import { custodyProblem, sendProblem } from '../problem.js';
import { CurrencySchema } from '../schemas.js';

const PlatformSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export const platformRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.get(
    '/v1/me',
    {
      config: { permission: 'session.self' },
      schema: {
        tags: ['platforms'],
        summary: 'The principal behind the API key',
        response: {
          200: z.object({
            principal: z.object({
              id: z.string(),
              kind: z.enum(['platform', 'staff', 'customer']),
              role: z.string(),
              name: z.string(),
              platformId: z.string().nullable(),
            }),
          }),
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      return { principal };
    },
  );

  app.get(
    '/v1/platforms',
    {
      config: { permission: 'platforms.read' },
      schema: {
        tags: ['platforms'],
        summary: 'Platforms this principal may see',
        response: { 200: z.object({ items: z.array(PlatformSchema) }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const rows = await db.query<{ id: string; name: string; created_at: Date }>(
        'SELECT id, name, created_at FROM platforms WHERE $1::text IS NULL OR id = $1 ORDER BY id LIMIT 1000',
        [principal.kind === 'staff' ? null : principal.platformId],
      );
      return {
        items: rows.map((row) => ({
          id: row.id,
          name: row.name,
          createdAt: new Date(row.created_at).toISOString(),
        })),
      };
    },
  );

  app.post(
    '/v1/platforms',
    {
      config: { permission: 'platforms.manage' },
      schema: {
        tags: ['platforms'],
        summary: 'Create a platform (tenant) with its API key and system accounts (staff)',
        body: z
          .object({
            name: z.string().min(1).max(200),
            currencies: z.array(CurrencySchema).min(1).max(20).default(['CNY']),
          })
          .strict(),
        response: {
          201: z.object({ platform: PlatformSchema, apiKey: z.string(), clientId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const created = await createPlatform(db, staff, request.body.name, request.body.currencies);
      if (!created.ok) return sendProblem(reply, custodyProblem(created.error));
      const platform = {
        id: created.value.platformId,
        name: request.body.name,
        createdAt: new Date().toISOString(),
      };
      return reply
        .code(201)
        .send({ platform, apiKey: created.value.apiKey, clientId: created.value.clientId });
    },
  );
};
