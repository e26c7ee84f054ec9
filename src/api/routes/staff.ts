import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_ROLES } from '../../security/permissions.js';
import {
  API_KEY_OVERLAP_MS_MAX,
  createStaffMember,
  disableStaffMember,
  requestRoleGrant,
  revokeApiKey,
  rotateApiKey,
} from '../../security/staff-admin.js';
import { listApiKeys, listStaff } from '../../security/staff-queries.js';
import { requirePrincipal, type ApiContext } from '../context.js';
import { custodyProblem, sendProblem } from '../problem.js';
import { IdSchema, ReasonSchema } from '../schemas.js';

const tags = ['staff and keys'];
const Reason = z.string().min(1).max(500);
const PlatformIds = z.array(IdSchema).max(1_000).optional();
const StaffSchema = z.object({
  id: z.string(),
  login: z.string().nullable(),
  name: z.string(),
  role: z.string(),
  platformIds: z.array(z.string()),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
  disabledAt: z.string().nullable(),
  totpEnrolledAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
});
const ApiKeySchema = z.object({
  id: z.string(),
  principalId: z.string(),
  principalName: z.string(),
  principalKind: z.string(),
  platformId: z.string().nullable(),
  label: z.string(),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** People, their roles (granted by four-eyes) and API keys (rotated by four-eyes). */
export const staffRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.get(
    '/v1/staff',
    {
      config: { permission: 'users.read' },
      schema: {
        tags,
        summary: 'Members of staff and their roles',
        response: { 200: z.object({ items: z.array(StaffSchema) }) },
      },
    },
    async () => ({ items: await listStaff(db) }),
  );

  app.post(
    '/v1/staff',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: 'Add a member of staff; the role takes effect when a second admin approves',
        body: z
          .object({
            login: z.string().regex(/^[a-z0-9._-]{3,64}$/, '3–64 of a-z 0-9 . _ -'),
            name: z.string().min(1).max(200),
            role: z.enum(STAFF_ROLES),
            platformIds: PlatformIds,
            reason: Reason,
          })
          .strict(),
        response: {
          201: z.object({
            principalId: z.string(),
            approvalId: z.string(),
            initialPassword: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const { platformIds, ...rest } = request.body;
      const created = await createStaffMember(db, principal, {
        ...rest,
        ...(platformIds === undefined ? {} : { platformIds }),
      });
      if (!created.ok) return sendProblem(reply, custodyProblem(created.error));
      return reply.code(201).send(created.value);
    },
  );

  app.post(
    '/v1/staff/:principalId/role',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: 'Ask for a new role (or supervision scope) for a member of staff (four-eyes)',
        params: z.object({ principalId: IdSchema }).strict(),
        body: z
          .object({ role: z.enum(STAFF_ROLES), platformIds: PlatformIds, reason: Reason })
          .strict(),
        response: { 202: z.object({ approvalId: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const { role, platformIds, reason } = request.body;
      const requested = await requestRoleGrant(db, principal, request.params.principalId, {
        role,
        reason,
        ...(platformIds === undefined ? {} : { platformIds }),
      });
      if (!requested.ok) return sendProblem(reply, custodyProblem(requested.error));
      return reply.code(202).send(requested.value);
    },
  );

  app.post(
    '/v1/staff/:principalId/disable',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: 'Disable a member of staff at once: sessions end and keys are revoked',
        params: z.object({ principalId: IdSchema }).strict(),
        body: ReasonSchema,
        response: { 200: z.object({ principalId: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const disabled = await disableStaffMember(
        db,
        principal,
        request.params.principalId,
        request.body.reason,
      );
      if (!disabled.ok) return sendProblem(reply, custodyProblem(disabled.error));
      return disabled.value;
    },
  );

  app.get(
    '/v1/api-keys',
    {
      config: { permission: 'keys.manage' },
      schema: {
        tags,
        summary: 'API keys of every principal (metadata; the key is shown only when created)',
        querystring: z.object({ principalId: IdSchema.optional() }).strict(),
        response: { 200: z.object({ items: z.array(ApiKeySchema) }) },
      },
    },
    async (request) => ({ items: await listApiKeys(db, request.query.principalId) }),
  );

  app.post(
    '/v1/principals/:principalId/api-keys',
    {
      config: { permission: 'keys.manage' },
      schema: {
        tags,
        summary:
          'Rotate: a new key, active once a second person approves; old keys then expire after the overlap',
        params: z.object({ principalId: IdSchema }).strict(),
        body: z
          .object({
            label: z.string().min(1).max(100),
            overlapMs: z.number().int().min(0).max(API_KEY_OVERLAP_MS_MAX).optional(),
            reason: Reason,
          })
          .strict(),
        response: {
          201: z.object({ keyId: z.string(), apiKey: z.string(), approvalId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const { label, overlapMs, reason } = request.body;
      const rotated = await rotateApiKey(db, principal, request.params.principalId, {
        label,
        reason,
        ...(overlapMs === undefined ? {} : { overlapMs }),
      });
      if (!rotated.ok) return sendProblem(reply, custodyProblem(rotated.error));
      return reply.code(201).send(rotated.value);
    },
  );

  app.post(
    '/v1/api-keys/:keyId/revoke',
    {
      config: { permission: 'keys.manage' },
      schema: {
        tags,
        summary: 'Revoke a key at once',
        params: z.object({ keyId: IdSchema }).strict(),
        body: ReasonSchema,
        response: { 200: z.object({ keyId: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const revoked = await revokeApiKey(db, principal, request.params.keyId, request.body.reason);
      if (!revoked.ok) return sendProblem(reply, custodyProblem(revoked.error));
      return revoked.value;
    },
  );
};
