import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decideApproval } from '../../approvals/index.js';
import {
  createFreeze,
  listApprovals,
  listFreezes,
  requestFreezeLift,
} from '../../custody/index.js';
import { platformScope } from '../../security/index.js';
import { requirePlatform, requirePrincipal, requireStaff, type ApiContext } from '../context.js';
import { custodyProblem, sendProblem } from '../problem.js';
import { FreezeBody, IdSchema, PlatformParams, ReasonSchema } from '../schemas.js';

const FreezeSchema = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  accountId: z.string().nullable(),
  scope: z.string(),
  reasonCode: z.string(),
  note: z.string().nullable(),
  caseRef: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  liftedAt: z.string().nullable(),
  liftedBy: z.string().nullable(),
  liftApprovedBy: z.string().nullable(),
});
const ApprovalSchema = z.object({
  id: z.string(),
  platformId: z.string().nullable(),
  action: z.string(),
  payload: z.record(z.string(), z.unknown()),
  reason: z.string(),
  requestedBy: z.string(),
  status: z.string(),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const freezeRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.post(
    '/v1/platforms/:platformId/freezes',
    {
      config: { permission: 'freezes.create' },
      schema: {
        tags: ['freezes'],
        summary: 'Freeze debits, or all movement, of a customer or an account',
        params: PlatformParams,
        body: FreezeBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const { customerId, accountId, note, caseRef, scope, reasonCode } = request.body;
      const created = await createFreeze(db, principal, request.params.platformId, {
        scope,
        reasonCode,
        ...(customerId === undefined ? {} : { customerId }),
        ...(accountId === undefined ? {} : { accountId }),
        ...(note === undefined ? {} : { note }),
        ...(caseRef === undefined ? {} : { caseRef }),
      });
      if (!created.ok) return sendProblem(reply, custodyProblem(created.error));
      return reply.code(201).send({ id: created.value.freezeId });
    },
  );

  app.get(
    '/v1/platforms/:platformId/freezes',
    {
      config: { permission: 'books.read' },
      schema: {
        tags: ['freezes'],
        summary: 'Freezes, newest first',
        params: PlatformParams,
        querystring: z.object({ active: z.enum(['true', 'false']).optional() }).strict(),
        response: { 200: z.object({ items: z.array(FreezeSchema) }) },
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return {
        items: await listFreezes(db, request.params.platformId, request.query.active === 'true'),
      };
    },
  );

  app.post(
    '/v1/platforms/:platformId/freezes/:freezeId/lift',
    {
      config: { permission: 'freezes.lift_request' },
      schema: {
        tags: ['freezes'],
        summary: 'Ask to lift a freeze: a second, different person must approve',
        params: PlatformParams.extend({ freezeId: IdSchema }),
        body: ReasonSchema,
        response: { 202: z.object({ approvalId: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePlatform(request, reply, request.params.platformId);
      if (principal === null) return reply;
      const requested = await requestFreezeLift(
        db,
        principal,
        request.params.platformId,
        request.params.freezeId,
        request.body.reason,
      );
      if (!requested.ok) return sendProblem(reply, custodyProblem(requested.error));
      return reply.code(202).send({ approvalId: requested.value.approvalId });
    },
  );

  app.get(
    '/v1/approvals',
    {
      config: { permission: 'approvals.read' },
      schema: {
        tags: ['approvals'],
        summary: 'Four-eyes approval requests',
        querystring: z
          .object({ status: z.enum(['open', 'approved', 'rejected', 'expired']).optional() })
          .strict(),
        response: { 200: z.object({ items: z.array(ApprovalSchema) }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const scope = platformScope(principal);
      return {
        items: await listApprovals(db, request.query.status, scope === null ? null : [...scope]),
      };
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/v1/approvals/:approvalId/${decision}`,
      {
        config: { permission: 'approvals.decide' },
        schema: {
          tags: ['approvals'],
          summary: `${decision === 'approve' ? 'Approve' : 'Reject'} a request (staff, not the requester)`,
          params: z.object({ approvalId: IdSchema }).strict(),
          body: ReasonSchema,
          response: { 200: z.object({ id: z.string(), status: z.string() }) },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request, reply);
        if (staff === null) return reply;
        const decided = await decideApproval(
          db,
          staff,
          request.params.approvalId,
          decision,
          request.body.reason,
        );
        if (!decided.ok) return sendProblem(reply, custodyProblem(decided.error));
        return { id: decided.value.approvalId, status: decided.value.status };
      },
    );
  }
};
