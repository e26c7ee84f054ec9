import type {} from '@fastify/cookie';
import type {} from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAccounts } from '../../custody/index.js';
import {
  authorizationOptions,
  authorizePaymentRequest,
} from '../../portal/passkey-authorization.js';
import { completeRegistration, registrationOptions } from '../../portal/passkey-enrolment.js';
import { signInOptions, signInWithPasskey } from '../../portal/passkey-sign-in.js';
import {
  declinePaymentRequest,
  findPaymentRequest,
  listPaymentRequests,
} from '../../portal/payment-request-store.js';
import { portalPasskeyVerifier } from '../../portal/portal-passkey-verifier.js';
import { PORTAL_LIMITS } from '../../portal/portal-limits.js';
import type { RelyingParty, RelyingPartySource } from '../../portal/relying-party.js';
import { revokeSession, SESSION_COOKIE } from '../../security/sessions.js';
import { requireCustomer, type ApiContext } from '../context.js';
import { custodyProblem, problem, sendProblem } from '../problem.js';
import { IdSchema } from '../schemas.js';
import { accountJson } from './accounts.js';
import {
  AssertionBody,
  AttestationBody,
  PaymentRequestSchema,
  paymentRequestJson,
  sendStatement,
  StatementQuery,
} from './portal-schemas.js';

export interface PortalRouteOptions extends ApiContext {
  relyingParties: RelyingPartySource;
  secureCookies: boolean;
  /** Passkey sign-in and enrolment attempts per client address per minute. */
  signInAttemptsPerMinute?: number;
}

const tags = ['portal'];
const RequestParams = z.object({ requestId: IdSchema }).strict();
const AccountParams = z.object({ accountId: IdSchema }).strict();
const Token = z.string().min(1).max(PORTAL_LIMITS.enrolmentTokenLengthMax);
const WebAuthnOptions = z.record(z.string(), z.unknown());
const SessionReply = z.object({ expiresAt: z.string() });

/**
 * The customer portal: passkey enrolment and sign-in (public), then the signed-in customer's
 * own balances, statements and payment requests to authorize with a passkey. Every customer
 * route takes the platform and customer from the session, never from the URL.
 */
export const portalRoutes: FastifyPluginAsyncZod<PortalRouteOptions> = async (app, options) => {
  const { db, custody, relyingParties } = options;
  custody.setPasskeyVerifier(portalPasskeyVerifier(db, () => relyingParties.current()));
  const rateLimit = {
    max: options.signInAttemptsPerMinute ?? 10,
    timeWindow: 60_000,
    keyGenerator: (r: FastifyRequest) => r.ip,
  };
  const setCookie = (reply: FastifyReply, token: string, expiresAtMs: number) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secureCookies,
      path: '/',
      expires: new Date(expiresAtMs),
    });
  const relyingParty = (request: FastifyRequest, reply: FastifyReply): RelyingParty | null => {
    const rp = relyingParties.forHost(request.headers.host);
    if (rp === null)
      void sendProblem(
        reply,
        problem(
          'invalid_state',
          'passkeys are not configured for this address (CUSTOS_PORTAL_ORIGIN)',
        ),
      );
    return rp;
  };

  app.post(
    '/v1/portal/enrolment/options',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Passkey creation options for the customer behind an enrolment link',
        security: [],
        body: z.object({ token: Token }).strict(),
        response: { 200: WebAuthnOptions },
      },
    },
    async (request, reply) => {
      const rp = relyingParty(request, reply);
      if (rp === null) return reply;
      const options = await registrationOptions(db, rp, request.body.token, Date.now());
      if (!options.ok) return sendProblem(reply, custodyProblem(options.error));
      return options.value as unknown as Record<string, unknown>;
    },
  );

  app.post(
    '/v1/portal/enrolment',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Register the new passkey; the link is used up and the customer is signed in',
        security: [],
        body: z.object({ token: Token, response: AttestationBody }).strict(),
        response: { 200: SessionReply.extend({ credentialId: z.string() }) },
      },
    },
    async (request, reply) => {
      const rp = relyingParty(request, reply);
      if (rp === null) return reply;
      const done = await completeRegistration(
        db,
        rp,
        request.body.token,
        request.body.response,
        Date.now(),
      );
      if (!done.ok) return sendProblem(reply, custodyProblem(done.error));
      setCookie(reply, done.value.session.token, done.value.session.expiresAtMs);
      return {
        credentialId: done.value.credentialId,
        expiresAt: new Date(done.value.session.expiresAtMs).toISOString(),
      };
    },
  );

  app.post(
    '/v1/portal/sign-in/options',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Options for signing in with any passkey of this site (no user name)',
        security: [],
        response: { 200: WebAuthnOptions },
      },
    },
    async (request, reply) => {
      const rp = relyingParty(request, reply);
      if (rp === null) return reply;
      return (await signInOptions(db, rp, Date.now())) as unknown as Record<string, unknown>;
    },
  );

  app.post(
    '/v1/portal/sign-in',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Sign in with a passkey assertion; sets the HTTP-only session cookie',
        security: [],
        body: z.object({ response: AssertionBody }).strict(),
        response: { 200: SessionReply },
      },
    },
    async (request, reply) => {
      const rp = relyingParty(request, reply);
      if (rp === null) return reply;
      const result = await signInWithPasskey(db, rp, request.body.response, request.ip, Date.now());
      if (!result.ok) return sendProblem(reply, problem('invalid_credentials', result.message));
      setCookie(reply, result.value.token, result.value.expiresAtMs);
      return { expiresAt: new Date(result.value.expiresAtMs).toISOString() };
    },
  );

  app.get(
    '/v1/portal/session',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags,
        summary: 'The signed-in customer',
        response: {
          200: z.object({
            principalId: z.string(),
            platformId: z.string(),
            platformName: z.string(),
            customerId: z.string(),
            externalRef: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const rows = await db.query<{ external_ref: string; platform_name: string }>(
        `SELECT c.external_ref, p.name AS platform_name FROM customers c
         JOIN platforms p ON p.id = c.platform_id WHERE c.id = $1 AND c.platform_id = $2`,
        [customer.customerId, customer.platformId],
      );
      const row = rows[0];
      if (row === undefined) return sendProblem(reply, problem('not_found', 'customer not found'));
      return {
        principalId: customer.id,
        platformId: customer.platformId,
        platformName: row.platform_name,
        customerId: customer.customerId,
        externalRef: row.external_ref,
      };
    },
  );

  app.delete(
    '/v1/portal/session',
    {
      config: { permission: 'portal.self' },
      schema: { tags, summary: 'Sign out of the portal', response: { 204: z.null() } },
    },
    async (request, reply) => {
      if (request.session !== null) await revokeSession(db, request.session.sessionId);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/portal/accounts',
    {
      config: { permission: 'portal.self' },
      schema: { tags, summary: "The customer's accounts and balances" },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const accounts = await listAccounts(db, customer.platformId, {
        customerId: customer.customerId,
        type: 'customer',
        limit: 100,
      });
      return { items: accounts.items.map(accountJson) };
    },
  );

  app.get(
    '/v1/portal/accounts/:accountId/statement',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags,
        summary: 'A statement of one own account: a month or a period, as JSON, CSV or PDF',
        params: AccountParams,
        querystring: StatementQuery,
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      return sendStatement(db, reply, customer, request.params.accountId, request.query);
    },
  );

  app.get(
    '/v1/portal/passkeys',
    {
      config: { permission: 'portal.self' },
      schema: { tags, summary: "The customer's registered passkeys" },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const rows = await db.query<{ id: string; created_at: Date; last_used_at: Date | null }>(
        `SELECT id, created_at, last_used_at FROM passkey_credentials
         WHERE customer_id = $1 AND platform_id = $2 AND revoked_at IS NULL ORDER BY created_at`,
        [customer.customerId, customer.platformId],
      );
      return {
        items: rows.map((row) => ({
          id: row.id,
          createdAt: new Date(row.created_at).toISOString(),
          lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
        })),
      };
    },
  );

  app.get(
    '/v1/portal/payment-requests',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags,
        summary: 'Payment requests: those awaiting authorization, or all of them (history)',
        querystring: z
          .object({
            status: z.enum(['awaiting', 'all']).default('awaiting'),
            limit: z.coerce.number().int().min(1).max(PORTAL_LIMITS.listLimitMax).default(50),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(PaymentRequestSchema) }) },
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const items = await listPaymentRequests(
        db,
        customer,
        { awaitingOnly: request.query.status === 'awaiting', limit: request.query.limit },
        Date.now(),
      );
      return { items: items.map(paymentRequestJson) };
    },
  );

  app.get(
    '/v1/portal/payment-requests/:requestId',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags,
        summary: 'One payment request',
        params: RequestParams,
        response: { 200: PaymentRequestSchema },
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const found = await findPaymentRequest(db, customer, request.params.requestId, Date.now());
      if (found === null)
        return sendProblem(
          reply,
          problem('not_found', `payment request ${request.params.requestId} not found`),
        );
      return paymentRequestJson(found);
    },
  );

  app.post(
    '/v1/portal/payment-requests/:requestId/authorization/options',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags,
        summary: 'WebAuthn options whose challenge is the hash of this exact instruction',
        params: RequestParams,
        response: {
          200: z.object({ options: WebAuthnOptions, document: z.record(z.string(), z.string()) }),
        },
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const rp = relyingParty(request, reply);
      if (rp === null) return reply;
      const result = await authorizationOptions(
        custody,
        rp,
        customer,
        request.params.requestId,
        Date.now(),
      );
      if (!result.ok) return sendProblem(reply, custodyProblem(result.error));
      return {
        options: result.value.options as unknown as Record<string, unknown>,
        document: result.value.document,
      };
    },
  );

  app.post(
    '/v1/portal/payment-requests/:requestId/authorization',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags,
        summary: 'Authorize the payment request with a passkey assertion; it posts at once',
        params: RequestParams,
        body: z.object({ response: AssertionBody }).strict(),
        response: {
          200: z.object({ request: PaymentRequestSchema, instructionId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      if (relyingParty(request, reply) === null) return reply;
      const result = await authorizePaymentRequest(
        custody,
        customer,
        request.params.requestId,
        request.body.response,
        Date.now(),
      );
      if (!result.ok) return sendProblem(reply, custodyProblem(result.error));
      return {
        request: paymentRequestJson(result.value.request),
        instructionId: result.value.instructionId,
      };
    },
  );

  app.post(
    '/v1/portal/payment-requests/:requestId/decline',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags,
        summary: 'Decline a payment request; it can then never post',
        params: RequestParams,
        response: { 200: PaymentRequestSchema },
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const result = await declinePaymentRequest(
        db,
        customer,
        request.params.requestId,
        Date.now(),
      );
      if (!result.ok) return sendProblem(reply, custodyProblem(result.error));
      return paymentRequestJson(result.value);
    },
  );
};
