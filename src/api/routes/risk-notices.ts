import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeNotice,
  checkAcknowledgement,
  listCurrentNotices,
  NOTICE_LANGUAGES,
  NOTICE_LIMITS,
  noticeVersions,
  pendingNotices,
  publishNotice,
  RISK_LEVELS,
} from '../../risk-notices/index.js';
import { requireCustomer, requirePlatform, type ApiContext } from '../context.js';
import { IdSchema, PlatformParams } from '../schemas.js';
import { sendComplaintProblem } from './complaints.js';

export const ProductCodeSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a product code');
const Sha256Hex = z.string().regex(/^[0-9a-fA-F]{64}$/, 'SHA-256 as 64 hex digits');
export const NoticeBodySchema = z
  .object({
    productCode: ProductCodeSchema,
    riskLevel: z.enum(RISK_LEVELS),
    titleEn: z.string().trim().min(1).max(NOTICE_LIMITS.titleLengthMax),
    bodyEn: z.string().trim().min(1).max(NOTICE_LIMITS.bodyLengthMax),
    titleZh: z.string().trim().min(1).max(NOTICE_LIMITS.titleLengthMax),
    bodyZh: z.string().trim().min(1).max(NOTICE_LIMITS.bodyLengthMax),
  })
  .strict();
export const AcknowledgementBodySchema = z
  .object({
    productCode: ProductCodeSchema,
    version: z.number().int().min(1),
    language: z.enum(NOTICE_LANGUAGES),
    shownSha256: Sha256Hex,
  })
  .strict();

export const riskNoticeRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.post(
    '/v1/platforms/:platformId/risk-notices',
    {
      config: { permission: 'notices.manage' },
      schema: {
        tags: ['risk notices'],
        summary:
          "Publish a new version of a product's risk notice (English and Chinese); it is current at once",
        params: PlatformParams,
        body: NoticeBodySchema,
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const published = await db.transaction((tx) =>
        publishNotice(tx, principal.id, platformId, request.body),
      );
      return reply.code(201).send(published);
    },
  );

  app.get(
    '/v1/platforms/:platformId/risk-notices',
    {
      config: { permission: 'books.read' },
      schema: {
        tags: ['risk notices'],
        summary: 'The current risk notice of every product',
        params: PlatformParams,
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      return { items: await listCurrentNotices(db, request.params.platformId) };
    },
  );

  app.get(
    '/v1/platforms/:platformId/risk-notices/:productCode/versions',
    {
      config: { permission: 'books.read' },
      schema: {
        tags: ['risk notices'],
        summary: "Every version of a product's risk notice, newest first",
        params: PlatformParams.extend({ productCode: ProductCodeSchema }),
      },
    },
    async (request, reply) => {
      const { platformId, productCode } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      return { items: await noticeVersions(db, platformId, productCode) };
    },
  );

  app.post(
    '/v1/platforms/:platformId/risk-notices/acknowledgements',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags: ['risk notices'],
        summary:
          "Record that a customer acknowledged a product's current risk notice, with the hash of the text shown",
        params: PlatformParams,
        body: AcknowledgementBodySchema.extend({ customerId: IdSchema }),
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const recorded = await acknowledgeNotice(db, principal.id, platformId, {
        ...request.body,
        channel: principal.kind === 'platform' ? 'api' : 'staff',
      });
      if (!recorded.ok) return sendComplaintProblem(reply, recorded.error);
      return reply.code(recorded.value.replayed ? 200 : 201).send(recorded.value);
    },
  );

  app.get(
    '/v1/platforms/:platformId/customers/:customerId/risk-notices',
    {
      config: { permission: 'books.read' },
      schema: {
        tags: ['risk notices'],
        summary:
          'Before an investment: has the customer acknowledged the current notice of a product (or of all)?',
        params: PlatformParams.extend({ customerId: IdSchema }),
        querystring: z.object({ productCode: ProductCodeSchema.optional() }).strict(),
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const productCode = request.query.productCode;
      if (productCode === undefined) {
        const checked = await checkAcknowledgement(db, platformId, customerId, '-');
        if (!checked.ok) return sendComplaintProblem(reply, checked.error);
        return { pending: await pendingNotices(db, platformId, customerId) };
      }
      const checked = await checkAcknowledgement(db, platformId, customerId, productCode);
      if (!checked.ok) return sendComplaintProblem(reply, checked.error);
      return checked.value;
    },
  );

  app.get(
    '/v1/portal/risk-notices',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags: ['portal'],
        summary: 'The current risk notice of every product, and whether I acknowledged it',
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const notices = await listCurrentNotices(db, customer.platformId);
      const pending = new Set(
        (await pendingNotices(db, customer.platformId, customer.customerId)).map((p) => p.noticeId),
      );
      return {
        items: notices.map((notice) => ({ ...notice, acknowledged: !pending.has(notice.id) })),
      };
    },
  );

  app.post(
    '/v1/portal/risk-notices/acknowledgements',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags: ['portal'],
        summary: 'I have read and understood this risk notice',
        body: AcknowledgementBodySchema,
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const recorded = await acknowledgeNotice(db, customer.id, customer.platformId, {
        ...request.body,
        customerId: customer.customerId,
        channel: 'portal',
      });
      if (!recorded.ok) return sendComplaintProblem(reply, recorded.error);
      return reply.code(recorded.value.replayed ? 200 : 201).send(recorded.value);
    },
  );
};
