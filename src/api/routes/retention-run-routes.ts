import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getRetentionRun,
  listRetentionRuns,
  REPORT_FILE_FORMATS,
  RETENTION_RUNS_LIST_MAX,
} from '../../compliance/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { problem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';

const RunSummarySchema = z.object({
  runId: z.string(),
  platformId: z.string(),
  trigger: z.enum(['scheduled', 'approval']),
  actor: z.string(),
  approvalId: z.string().nullable(),
  approvedBy: z.string().nullable(),
  retentionYears: z.number(),
  ranAt: z.string(),
  customersAnonymized: z.number(),
  reportFilesPurged: z.number(),
});

const RunDetailSchema = RunSummarySchema.extend({
  customers: z.array(z.object({ customerId: z.string(), dueAt: z.string() })),
  reportFiles: z.array(
    z.object({
      fileId: z.string(),
      format: z.enum(REPORT_FILE_FORMATS),
      reportId: z.string(),
      version: z.number(),
      sha256: z.string(),
      purgedAt: z.string(),
    }),
  ),
});

type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];

/**
 * What retention executions carried out: the daily job's and each approved request's
 * anonymized customers and purged report files (GET only; the POST that starts a run is in
 * compliance.ts).
 */
export function registerRetentionRunRoutes(app: App, db: ApiContext['db']): void {
  app.get(
    '/v1/platforms/:platformId/retention/runs',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags: ['compliance'],
        summary:
          'Retention executions that anonymized customers or purged report files, newest first',
        params: PlatformParams,
        querystring: z
          .object({ limit: z.coerce.number().int().min(1).max(RETENTION_RUNS_LIST_MAX).optional() })
          .strict(),
        response: { 200: z.object({ runs: z.array(RunSummarySchema) }) },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      return { runs: await listRetentionRuns(db, platformId, request.query.limit ?? 20) };
    },
  );

  app.get(
    '/v1/platforms/:platformId/retention/runs/:runId',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags: ['compliance'],
        summary:
          'One retention execution: the customers it anonymized and the report files it purged (an approved request is found by its approval id)',
        params: PlatformParams.extend({ runId: IdSchema }).strict(),
        response: { 200: RunDetailSchema },
      },
    },
    async (request, reply) => {
      const { platformId, runId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const run = await getRetentionRun(db, platformId, runId);
      if (run === null)
        return sendProblem(
          reply,
          problem('not_found', `no retention run ${runId} anonymized or purged anything`),
        );
      return run;
    },
  );
}
