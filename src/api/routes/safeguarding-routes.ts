import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  buildSafeguardingReturn,
  listSafeguardingChecks,
  loadReconSettings,
  runSafeguardingCheck,
  safeguardingReturnCsv,
  saveReconSettings,
} from '../../recon/books/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { PlatformParams } from '../schemas.js';
import {
  Base,
  CheckSchema,
  DateSchema,
  LimitQuery,
  checkJson,
  jsonFigures,
  returnJson,
  sendRefusal,
} from './reconciliation-schemas.js';

/** The safeguarding check, its history, the monthly return and settings. */
export const safeguardingRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.post(
    `${Base}/safeguarding`,
    {
      config: { permission: 'recon.write' },
      schema: {
        tags: ['reconciliation'],
        summary: 'Run the safeguarding check for a day (default today, UTC), per currency',
        params: PlatformParams,
        body: z.object({ asOf: DateSchema.optional() }).strict(),
        response: { 201: z.object({ items: z.array(CheckSchema) }) },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const asOf = request.body.asOf ?? new Date().toISOString().slice(0, 10);
      const checked = await runSafeguardingCheck(db, principal, platformId, asOf);
      if (!checked.ok) return sendRefusal(reply, checked.error);
      return reply.code(201).send({
        items: checked.value.map((check) =>
          checkJson({ ...check, ...check.figures, breakdown: jsonFigures(check.figures) }),
        ),
      });
    },
  );

  app.get(
    `${Base}/safeguarding`,
    {
      config: { permission: 'recon.read' },
      schema: {
        tags: ['reconciliation'],
        summary: 'Safeguarding check history, newest first',
        params: PlatformParams,
        querystring: z
          .object({ from: DateSchema.optional(), to: DateSchema.optional(), limit: LimitQuery })
          .strict(),
        response: { 200: z.object({ items: z.array(CheckSchema) }) },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const { from, to, limit } = request.query;
      const checks = await listSafeguardingChecks(db, platformId, {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        limit: limit ?? 100,
      });
      return { items: checks.map(checkJson) };
    },
  );

  app.get(
    `${Base}/safeguarding-return/:month`,
    {
      config: { permission: 'recon.read' },
      schema: {
        tags: ['reconciliation'],
        summary: 'Monthly safeguarding return (CASS 15 style) as JSON or CSV',
        params: PlatformParams.extend({
          month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'),
        }),
        querystring: z.object({ format: z.enum(['json', 'csv']).optional() }).strict(),
        response: { 200: z.unknown() },
      },
    },
    async (request, reply) => {
      const { platformId, month } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const report = await buildSafeguardingReturn(db, platformId, month);
      if (request.query.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="safeguarding-${platformId}-${month}.csv"`,
          )
          .send(safeguardingReturnCsv(report));
      }
      return returnJson(report);
    },
  );

  app.get(
    `${Base}/settings`,
    {
      config: { permission: 'recon.read' },
      schema: {
        tags: ['reconciliation'],
        summary: 'Reserve share and break escalation age',
        params: PlatformParams,
        response: {
          200: z.object({ reserveShareBasisPoints: z.number(), breakAgeDaysMax: z.number() }),
        },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return loadReconSettings(db, request.params.platformId);
    },
  );

  app.put(
    `${Base}/settings`,
    {
      config: { permission: 'recon.write' },
      schema: {
        tags: ['reconciliation'],
        summary:
          'Set the reserve share (basis points of customer balances) and break escalation age',
        params: PlatformParams,
        body: z
          .object({
            reserveShareBasisPoints: z.number().int().min(0).max(10_000),
            breakAgeDaysMax: z.number().int().min(1).max(365),
          })
          .strict(),
        response: {
          200: z.object({ reserveShareBasisPoints: z.number(), breakAgeDaysMax: z.number() }),
        },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      await db.transaction((tx) => saveReconSettings(tx, principal, platformId, request.body));
      return request.body;
    },
  );
};
