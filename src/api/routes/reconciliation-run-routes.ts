import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignBreak,
  decideMatch,
  linkBreak,
  listBreaks,
  listMatches,
  moveBreakToSuspense,
  requestBreakAdjustment,
  runReconciliation,
} from '../../recon/books/index.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { IdSchema, PlatformParams } from '../schemas.js';
import {
  Base,
  BreakSchema,
  DateSchema,
  LimitQuery,
  MatchSchema,
  ResolveBody,
  RunReply,
  matchJson,
  money,
  sendRefusal,
} from './reconciliation-schemas.js';

/** Matching runs, matches and breaks. */
export const reconciliationRunRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.post(
    `${Base}/runs`,
    {
      config: { permission: 'recon.write' },
      schema: {
        tags: ['reconciliation'],
        summary:
          'Match bank lines against the journal up to a date (dry run, or commit matches and breaks)',
        params: PlatformParams,
        body: z.object({ asOf: DateSchema, dryRun: z.boolean().default(false) }).strict(),
        response: { 200: RunReply, 201: RunReply },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const run = await runReconciliation(db, principal, platformId, request.body);
      if (!run.ok) return sendRefusal(reply, run.error);
      return reply
        .code(run.value.dryRun ? 200 : 201)
        .send({ ...run.value, matches: run.value.matches.map(matchJson) });
    },
  );

  app.get(
    `${Base}/matches`,
    {
      config: { permission: 'recon.read' },
      schema: {
        tags: ['reconciliation'],
        summary: 'Matches, newest first',
        params: PlatformParams,
        querystring: z
          .object({
            state: z.enum(['suggested', 'confirmed', 'rejected']).optional(),
            runId: IdSchema.optional(),
            limit: LimitQuery,
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(
              MatchSchema.extend({
                runId: z.string().nullable(),
                decidedBy: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const matches = await listMatches(db, platformId, {
        ...(request.query.state === undefined ? {} : { state: request.query.state }),
        ...(request.query.runId === undefined ? {} : { runId: request.query.runId }),
        limit: request.query.limit ?? 100,
      });
      return {
        items: matches.map((match) => ({
          ...match,
          bankSum: money(match.bankSumMinor, match.currency),
          bookSum: money(match.bookSumMinor, match.currency),
          difference: money(match.differenceMinor, match.currency),
        })),
      };
    },
  );

  for (const decision of ['confirm', 'reject'] as const) {
    app.post(
      `${Base}/matches/:matchId/${decision}`,
      {
        config: { permission: 'recon.write' },
        schema: {
          tags: ['reconciliation'],
          summary: `${decision === 'confirm' ? 'Confirm' : 'Reject'} a suggested match`,
          params: PlatformParams.extend({ matchId: IdSchema }),
          response: { 200: z.object({ id: z.string(), state: z.string() }) },
        },
      },
      async (request, reply) => {
        const { platformId, matchId } = request.params;
        const principal = requirePlatform(request, reply, platformId);
        if (principal === null) return reply;
        const decided = await decideMatch(db, principal, platformId, matchId, decision);
        if (!decided.ok) return sendRefusal(reply, decided.error);
        return { id: decided.value.matchId, state: decided.value.state };
      },
    );
  }

  app.get(
    `${Base}/breaks`,
    {
      config: { permission: 'recon.read' },
      schema: {
        tags: ['reconciliation'],
        summary: 'Breaks with their age in days, oldest first',
        params: PlatformParams,
        querystring: z
          .object({
            state: z
              .enum(['open', 'escalated', 'awaiting_approval', 'resolved', 'unresolved'])
              .optional(),
            limit: LimitQuery,
          })
          .strict(),
        response: { 200: z.object({ items: z.array(BreakSchema) }) },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const breaks = await listBreaks(db, platformId, {
        ...(request.query.state === undefined ? {} : { state: request.query.state }),
        limit: request.query.limit ?? 200,
      });
      return {
        items: breaks.map(({ amountMinor, currency, ...item }) => ({
          ...item,
          amount: money(amountMinor, currency),
        })),
      };
    },
  );

  app.post(
    `${Base}/breaks/:breakId/resolve`,
    {
      config: { permission: 'recon.write' },
      schema: {
        tags: ['reconciliation'],
        summary:
          'Resolve a break: link items, move to suspense, ask for an adjusting entry (four-eyes), or assign',
        params: PlatformParams.extend({ breakId: IdSchema }),
        body: ResolveBody,
        response: {
          200: z.object({
            breakId: z.string(),
            matchId: z.string().optional(),
            instructionId: z.string().optional(),
          }),
          202: z.object({ breakId: z.string(), approvalId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const { platformId, breakId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const body = request.body;
      if (body.resolution === 'adjust') {
        const asked = await requestBreakAdjustment(db, principal, platformId, breakId, body);
        if (!asked.ok) return sendRefusal(reply, asked.error);
        return reply.code(202).send({ breakId, approvalId: asked.value.approvalId });
      }
      const done =
        body.resolution === 'link'
          ? await linkBreak(db, principal, platformId, breakId, {
              itemIds: body.itemIds,
              ...(body.note === undefined ? {} : { note: body.note }),
            })
          : body.resolution === 'suspense'
            ? await moveBreakToSuspense(db, principal, platformId, breakId, body.note)
            : await assignBreak(db, principal, platformId, breakId, body.owner);
      if (!done.ok) return sendRefusal(reply, done.error);
      return { breakId, ...done.value };
    },
  );
};
