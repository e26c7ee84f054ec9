import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseAmount } from '../../money/index.js';
import { reverifyPasskeyAuthorization } from '../../portal/authorization-evidence.js';
import { createEnrolment } from '../../portal/passkey-enrolment.js';
import { PAYMENT_REQUEST_TYPES } from '../../portal/payment-request.js';
import {
  createPaymentRequest,
  findPaymentRequest,
  listPaymentRequests,
} from '../../portal/payment-request-store.js';
import { PORTAL_LIMITS } from '../../portal/portal-limits.js';
import type { RelyingPartySource } from '../../portal/relying-party.js';
import { requirePlatform, type ApiContext } from '../context.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { CurrencySchema, IdSchema, PlatformParams } from '../schemas.js';
import {
  PaymentRequestSchema,
  paymentRequestJson,
  sendStatement,
  StatementQuery,
} from './portal-schemas.js';

export interface PortalPlatformRouteOptions extends ApiContext {
  relyingParties: RelyingPartySource;
}

const tags = ['portal'];

/**
 * The platform's (and staff's) side of the portal: enrolment links for customers, payment
 * requests that wait for the customer's passkey, statement documents, and re-verification of
 * a passkey authorization from the stored evidence.
 */
export const portalPlatformRoutes: FastifyPluginAsyncZod<PortalPlatformRouteOptions> = async (
  app,
  { db, custody, relyingParties },
) => {
  app.post(
    '/v1/platforms/:platformId/customers/:customerId/portal-enrolments',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: 'A one-time link for the customer to register a passkey (shown once)',
        params: PlatformParams.extend({ customerId: IdSchema }),
        response: {
          201: z.object({
            enrolmentId: z.string(),
            token: z.string(),
            expiresAt: z.string(),
            path: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const { platformId, customerId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const created = await createEnrolment(db, principal.id, platformId, customerId, Date.now());
      if (!created.ok) return sendProblem(reply, custodyProblem(created.error));
      return reply.code(201).send({
        ...created.value,
        path: `/console/portal/enrol?token=${encodeURIComponent(created.value.token)}`,
      });
    },
  );

  app.post(
    '/v1/platforms/:platformId/payment-requests',
    {
      config: { permission: 'instructions.submit' },
      schema: {
        tags,
        summary: 'A customer debit left for the customer to authorize with a passkey',
        params: PlatformParams,
        body: z
          .object({
            type: z.enum(PAYMENT_REQUEST_TYPES),
            idempotencyKey: z.string().min(1).max(100),
            payerAccountId: IdSchema,
            payeeAccountId: IdSchema.optional(),
            bankAccountId: IdSchema.optional(),
            amount: z.string().max(32),
            currency: CurrencySchema,
            purpose: z.string().min(1).max(64),
            expiresAt: z.iso.datetime({ offset: true }),
          })
          .strict(),
        response: { 201: PaymentRequestSchema, 200: PaymentRequestSchema },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      const principal = requirePlatform(request, reply, platformId);
      if (principal === null) return reply;
      const { amount, ...body } = request.body;
      const parsed = parseAmount(amount, body.currency);
      if (!parsed.ok)
        return sendProblem(
          reply,
          parsed.error.code === 'unknown_currency'
            ? problem('unknown_currency', `unknown currency ${body.currency}`)
            : problem('bad_amount', parsed.error.reason),
        );
      const created = await createPaymentRequest(
        custody,
        principal.id,
        platformId,
        { ...body, amountMinor: parsed.amountMinor },
        Date.now(),
      );
      if (!created.ok) return sendProblem(reply, custodyProblem(created.error));
      return reply
        .code(created.value.replayed ? 200 : 201)
        .send(paymentRequestJson(created.value.request));
    },
  );

  app.get(
    '/v1/platforms/:platformId/payment-requests',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'Payment requests, newest first',
        params: PlatformParams,
        querystring: z
          .object({
            customerId: IdSchema.optional(),
            status: z.enum(['awaiting', 'all']).default('all'),
            limit: z.coerce.number().int().min(1).max(PORTAL_LIMITS.listLimitMax).default(50),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(PaymentRequestSchema) }) },
      },
    },
    async (request, reply) => {
      const { platformId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const items = await listPaymentRequests(
        db,
        {
          platformId,
          ...(request.query.customerId === undefined
            ? {}
            : { customerId: request.query.customerId }),
        },
        { awaitingOnly: request.query.status === 'awaiting', limit: request.query.limit },
        Date.now(),
      );
      return { items: items.map(paymentRequestJson) };
    },
  );

  app.get(
    '/v1/platforms/:platformId/payment-requests/:requestId',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'One payment request and what became of it',
        params: PlatformParams.extend({ requestId: IdSchema }),
        response: { 200: PaymentRequestSchema },
      },
    },
    async (request, reply) => {
      const { platformId, requestId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const found = await findPaymentRequest(db, { platformId }, requestId, Date.now());
      if (found === null)
        return sendProblem(reply, problem('not_found', `payment request ${requestId} not found`));
      return paymentRequestJson(found);
    },
  );

  app.get(
    '/v1/platforms/:platformId/instructions/:instructionId/authorization-verification',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'Re-verify a passkey authorization from the stored assertion and the instruction',
        params: PlatformParams.extend({ instructionId: IdSchema }),
      },
    },
    async (request, reply) => {
      const { platformId, instructionId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      const report = await reverifyPasskeyAuthorization(
        db,
        relyingParties.configured(),
        platformId,
        instructionId,
      );
      if (!report.ok) return sendProblem(reply, custodyProblem(report.error));
      return report.value;
    },
  );

  app.get(
    '/v1/platforms/:platformId/accounts/:accountId/statement-document',
    {
      config: { permission: 'books.read' },
      schema: {
        tags,
        summary: 'A statement of an account for a month or a period, as JSON, CSV or PDF',
        params: PlatformParams.extend({ accountId: IdSchema }),
        querystring: StatementQuery,
      },
    },
    async (request, reply) => {
      const { platformId, accountId } = request.params;
      if (requirePlatform(request, reply, platformId) === null) return reply;
      return sendStatement(db, reply, { platformId }, accountId, request.query);
    },
  );
};
