import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  completeCorrection,
  completeDeletion,
  completeExport,
  downloadExport,
  getPrivacyRequest,
  listPrivacyRequests,
  openPrivacyRequest,
  PRIVACY_LIMITS,
  PRIVACY_REQUEST_KINDS,
  PRIVACY_REQUEST_STATES,
  refusePrivacyRequest,
} from '../../privacy/index.js';
import { PERSONAL_FIELD_LENGTH_MAX } from '../../security/personal-data.js';
import { requireCustomer, requirePlatform, type ApiContext } from '../context.js';
import { problem, sendProblem } from '../problem.js';
import { IdSchema, PlatformParams } from '../schemas.js';
import { sendComplaintProblem, stripUndefined } from './complaints.js';

const FieldValue = z.string().trim().min(1).max(PERSONAL_FIELD_LENGTH_MAX);
export const CorrectionSchema = z
  .object({
    name: FieldValue.optional(),
    idNumber: FieldValue.optional(),
    phone: FieldValue.optional(),
    email: FieldValue.optional(),
    address: FieldValue.optional(),
  })
  .strict();

const RequestParams = PlatformParams.extend({ requestId: IdSchema });

export const privacyRequestRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.post(
    '/v1/platforms/:platformId/privacy-requests',
    {
      config: { permission: 'complaints.submit' },
      schema: {
        tags: ['privacy'],
        summary:
          "Record a customer's PIPL request: a copy of their data, a correction, or deletion",
        params: PlatformParams,
        body: z
          .object({
            customerId: IdSchema,
            kind: z.enum(PRIVACY_REQUEST_KINDS),
            correction: CorrectionSchema.optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const { correction, ...body } = request.body;
      const opened = await openPrivacyRequest(db, principal.id, platformId, {
        ...body,
        channel: principal.kind === 'platform' ? 'api' : 'staff',
        ...(correction === undefined ? {} : { correction: stripUndefined(correction) }),
      });
      if (!opened.ok) return sendComplaintProblem(reply, opened.error);
      return reply.code(201).send(opened.value);
    },
  );

  app.get(
    '/v1/platforms/:platformId/privacy-requests',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags: ['privacy'],
        summary: 'Privacy requests, newest first, with deadlines and answers',
        params: PlatformParams,
        querystring: z
          .object({
            state: z.enum(PRIVACY_REQUEST_STATES).optional(),
            customerId: IdSchema.optional(),
            limit: z.coerce.number().int().min(1).max(PRIVACY_LIMITS.pageMax).optional(),
            cursor: IdSchema.optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return listPrivacyRequests(db, request.params.platformId, stripUndefined(request.query));
    },
  );

  app.get(
    '/v1/platforms/:platformId/privacy-requests/:requestId',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags: ['privacy'],
        summary: 'A privacy request and its answer',
        params: RequestParams,
      },
    },
    async (request, reply) => {
      const { platformId, requestId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const found = await getPrivacyRequest(db, platformId, requestId);
      if (found === null)
        return sendProblem(
          reply,
          problem('unknown_privacy_request', `privacy request ${requestId} not found`),
        );
      return found;
    },
  );

  app.post(
    '/v1/platforms/:platformId/privacy-requests/:requestId/complete',
    {
      config: { permission: 'privacy.manage' },
      schema: {
        tags: ['privacy'],
        summary:
          'Carry out the request: generate the export, apply the correction, or erase what the law lets go',
        params: RequestParams,
      },
    },
    async (request, reply) => {
      const { platformId, requestId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const found = await getPrivacyRequest(db, platformId, requestId);
      if (found === null)
        return sendProblem(
          reply,
          problem('unknown_privacy_request', `privacy request ${requestId} not found`),
        );
      const run = {
        export: completeExport,
        correction: completeCorrection,
        deletion: completeDeletion,
      }[found.kind];
      const done = await run(db, principal.id, platformId, requestId);
      if (!done.ok) return sendComplaintProblem(reply, done.error);
      return { kind: found.kind, answer: done.value };
    },
  );

  app.post(
    '/v1/platforms/:platformId/privacy-requests/:requestId/refuse',
    {
      config: { permission: 'privacy.manage' },
      schema: {
        tags: ['privacy'],
        summary: 'Refuse a request, with the reason the customer is given (PIPL Art. 50)',
        params: RequestParams,
        body: z
          .object({ reason: z.string().trim().min(1).max(PRIVACY_LIMITS.reasonLengthMax) })
          .strict(),
      },
    },
    async (request, reply) => {
      const { platformId, requestId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const refused = await refusePrivacyRequest(
        db,
        principal.id,
        platformId,
        requestId,
        request.body.reason,
      );
      if (!refused.ok) return sendComplaintProblem(reply, refused.error);
      return refused.value;
    },
  );

  app.get(
    '/v1/platforms/:platformId/privacy-requests/:requestId/export',
    {
      config: { permission: 'privacy.manage' },
      schema: {
        tags: ['privacy'],
        summary:
          'Download an export once (JSON; its SHA-256 in x-content-sha256); later calls get 410',
        params: RequestParams,
      },
    },
    async (request, reply) => {
      const { platformId, requestId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const file = await downloadExport(db, principal.id, platformId, requestId);
      if (!file.ok) return sendComplaintProblem(reply, file.error);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="custos-export-${requestId}.json"`)
        .header('x-content-sha256', file.value.sha256)
        .header('cache-control', 'no-store')
        .send(file.value.content);
    },
  );

  app.get(
    '/v1/portal/privacy-requests',
    {
      config: { permission: 'portal.self' },
      schema: { tags: ['portal'], summary: 'My privacy requests and their answers' },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      return listPrivacyRequests(db, customer.platformId, {
        customerId: customer.customerId,
        limit: PRIVACY_LIMITS.pageMax,
      });
    },
  );

  app.post(
    '/v1/portal/privacy-requests',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags: ['portal'],
        summary: 'Ask for a copy of my data, a correction, or deletion',
        body: z
          .object({ kind: z.enum(PRIVACY_REQUEST_KINDS), correction: CorrectionSchema.optional() })
          .strict(),
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const { kind, correction } = request.body;
      const opened = await openPrivacyRequest(db, customer.id, customer.platformId, {
        customerId: customer.customerId,
        kind,
        channel: 'portal',
        ...(correction === undefined ? {} : { correction: stripUndefined(correction) }),
      });
      if (!opened.ok) return sendComplaintProblem(reply, opened.error);
      return reply.code(201).send(opened.value);
    },
  );

  app.get(
    '/v1/portal/privacy-requests/:requestId/export',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags: ['portal'],
        summary: 'Download my data once (JSON); later calls get 410',
        params: z.object({ requestId: IdSchema }).strict(),
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const { requestId } = request.params;
      const file = await downloadExport(db, customer.id, customer.platformId, requestId, {
        customerId: customer.customerId,
      });
      if (!file.ok) return sendComplaintProblem(reply, file.error);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="my-data-${requestId}.json"`)
        .header('x-content-sha256', file.value.sha256)
        .header('cache-control', 'no-store')
        .send(file.value.content);
    },
  );
};
