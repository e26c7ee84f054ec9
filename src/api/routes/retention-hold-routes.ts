import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  HOLD_REASON_LENGTH_MAX,
  HOLD_REASON_LENGTH_MIN,
  listRetentionHolds,
  placeRetentionHold,
  requestHoldRelease,
  RETENTION_HOLD_SUBJECTS,
  RETENTION_HOLDS_LIST_MAX,
} from '../../compliance/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { custodyProblem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';

const HoldSchema = z.object({
  holdId: z.string(),
  platformId: z.string(),
  subjectType: z.enum(RETENTION_HOLD_SUBJECTS),
  subjectId: z.string(),
  reason: z.string(),
  placedBy: z.string(),
  placedAt: z.string(),
  releasedBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
  releaseReason: z.string().nullable(),
  releaseApprovalId: z.string().nullable(),
  releaseRequest: z
    .object({ approvalId: z.string(), requestedBy: z.string(), requestedAt: z.string() })
    .nullable(),
  active: z.boolean(),
});

const HoldReason = z.string().trim().min(HOLD_REASON_LENGTH_MIN).max(HOLD_REASON_LENGTH_MAX);

type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];

/**
 * Retention holds: keep a customer's personal data or a report's stored files past their
 * period while an investigation, a regulator or litigation needs them; list; ask to release
 * (a second person approves).
 */
export function registerRetentionHoldRoutes(app: App, db: ApiContext['db']): void {
  app.get(
    '/v1/platforms/:platformId/retention/holds',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags: ['compliance'],
        summary:
          'Retention holds, newest first: the active ones (all with includeReleased), of one subject with subjectType and subjectId',
        params: PlatformParams,
        querystring: z
          .object({
            includeReleased: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(RETENTION_HOLDS_LIST_MAX).optional(),
            subjectType: z.enum(RETENTION_HOLD_SUBJECTS).optional(),
            subjectId: IdSchema.optional(),
          })
          .strict()
          .refine(
            (query) => (query.subjectType === undefined) === (query.subjectId === undefined),
            'subjectType and subjectId go together',
          ),
        response: { 200: z.object({ holds: z.array(HoldSchema) }) },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const { subjectType, subjectId } = request.query;
      const holds = await listRetentionHolds(db, platformId, {
        includeReleased: request.query.includeReleased === 'true',
        limit: request.query.limit ?? 100,
        ...(subjectType === undefined || subjectId === undefined
          ? {}
          : { subject: { type: subjectType, id: subjectId } }),
      });
      return { holds };
    },
  );

  app.post(
    '/v1/platforms/:platformId/retention/holds',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['compliance'],
        summary:
          "Holds a customer's personal data or a report's stored files past their retention period until released",
        params: PlatformParams,
        body: z
          .object({
            subjectType: z.enum(RETENTION_HOLD_SUBJECTS),
            subjectId: IdSchema,
            reason: HoldReason,
          })
          .strict(),
        response: { 201: HoldSchema },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const placed = await db.transaction((tx) =>
        placeRetentionHold(tx, principal.id, platformId, request.body),
      );
      if (!placed.ok) return sendProblem(reply, custodyProblem(placed.error));
      return reply.code(201).send(placed.value);
    },
  );

  app.post(
    '/v1/platforms/:platformId/retention/holds/:holdId/release',
    {
      config: { permission: 'compliance.write' },
      schema: {
        tags: ['compliance'],
        summary:
          'Asks to release a retention hold (four eyes): once a second person approves, the records are due again under the policy',
        params: PlatformParams.extend({ holdId: IdSchema }).strict(),
        body: z.object({ reason: HoldReason }).strict(),
        response: {
          202: z.object({
            approvalId: z.string(),
            holdId: z.string(),
            subjectType: z.enum(RETENTION_HOLD_SUBJECTS),
            subjectId: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId, holdId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const requested = await db.transaction((tx) =>
        requestHoldRelease(tx, principal, platformId, holdId, request.body.reason),
      );
      if (!requested.ok) return sendProblem(reply, custodyProblem(requested.error));
      return reply.code(202).send(requested.value);
    },
  );
}
