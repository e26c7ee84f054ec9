import type {} from '@fastify/cookie';
import type {} from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadOnFirstUse } from '../../load-on-first-use.js';
import {
  beginTotpEnrolment,
  completeEnrolment,
  signIn,
  LOGIN_LENGTH_MAX,
} from '../../security/sign-in.js';
import { PASSWORD_LENGTH_MAX } from '../../security/password.js';
import { revokeSession, SESSION_COOKIE } from '../../security/sessions.js';
import type { SecretSealer } from '../../security/secret-sealer.js';
import type { ApiContext } from '../context.js';
import { problem, sendProblem } from '../problem.js';

export interface SessionRouteOptions extends ApiContext {
  sealer: SecretSealer;
  /** Mark the cookie Secure (served over TLS, directly or behind a proxy). */
  secureCookies: boolean;
  signInAttemptsPerMinute?: number;
}

/** The QR code renderer, loaded with the first TOTP enrolment. */
const qrLibrary = loadOnFirstUse(() => import('qrcode'));

/** Sign-in attempts per client address per minute, before the per-login lock applies. */
export const SIGN_IN_ATTEMPTS_PER_MINUTE_DEFAULT = 10;

const SessionReply = z.object({
  stage: z.enum(['active', 'totp_enrolment']),
  expiresAt: z.string(),
});

export const sessionRoutes: FastifyPluginAsyncZod<SessionRouteOptions> = async (app, options) => {
  const { db, sealer } = options;
  const setCookie = (reply: FastifyReply, token: string, expiresAtMs: number) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secureCookies,
      path: '/',
      expires: new Date(expiresAtMs),
    });

  app.post(
    '/v1/session',
    {
      config: {
        public: true,
        rateLimit: {
          max: options.signInAttemptsPerMinute ?? SIGN_IN_ATTEMPTS_PER_MINUTE_DEFAULT,
          timeWindow: 60_000,
          keyGenerator: (r: FastifyRequest) => r.ip,
        },
      },
      schema: {
        tags: ['session'],
        summary: 'Sign in with login, password and a TOTP code; sets an HTTP-only session cookie',
        security: [],
        body: z
          .object({
            login: z.string().min(1).max(LOGIN_LENGTH_MAX),
            password: z.string().min(1).max(PASSWORD_LENGTH_MAX),
            totpCode: z.string().max(10).optional(),
          })
          .strict(),
        response: { 200: SessionReply },
      },
    },
    async (request, reply) => {
      const { login, password, totpCode } = request.body;
      const result = await signIn(
        db,
        sealer,
        { login, password, ip: request.ip, ...(totpCode === undefined ? {} : { totpCode }) },
        Date.now(),
      );
      if (!result.ok) {
        if (result.reason === 'totp_required')
          return sendProblem(
            reply,
            problem('totp_required', 'enter the code from your authenticator'),
          );
        return sendProblem(
          reply,
          problem(
            'invalid_credentials',
            'the login, password or code is not right, or the login is locked for a while',
          ),
        );
      }
      setCookie(reply, result.token, result.expiresAtMs);
      return { stage: result.stage, expiresAt: new Date(result.expiresAtMs).toISOString() };
    },
  );

  app.get(
    '/v1/session',
    {
      config: { permission: 'session.self', enrolment: true },
      schema: {
        tags: ['session'],
        summary: 'The current session: its stage, and who it belongs to',
        response: {
          200: z.object({
            stage: z.enum(['active', 'totp_enrolment', 'api_key']),
            principal: z.object({ id: z.string(), name: z.string(), role: z.string() }),
          }),
        },
      },
    },
    async (request, reply) => {
      const session = request.session;
      const principal = session?.principal ?? request.principal;
      if (principal === null)
        return sendProblem(reply, problem('unauthenticated', 'sign in first'));
      return {
        stage: session?.stage ?? ('api_key' as const),
        principal: { id: principal.id, name: principal.name, role: principal.role },
      };
    },
  );

  app.delete(
    '/v1/session',
    {
      config: { permission: 'session.self', enrolment: true },
      schema: {
        tags: ['session'],
        summary: 'Sign out: the session ends everywhere at once',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      if (request.session !== null) await revokeSession(db, request.session.sessionId);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/session/enrolment',
    {
      config: { permission: 'session.self', enrolment: true },
      schema: {
        tags: ['session'],
        summary: 'Start enrolling a TOTP second factor: a new secret and its QR code',
        response: {
          200: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const session = request.session;
      if (session?.stage !== 'totp_enrolment')
        return sendProblem(
          reply,
          problem('invalid_state', 'only a session that is enrolling may do this'),
        );
      const login = await db.query<{ login: string }>(
        'SELECT login FROM principals WHERE id = $1',
        [session.principal.id],
      );
      const started = await beginTotpEnrolment(
        db,
        sealer,
        session,
        login[0]?.login ?? session.principal.name,
      );
      const { default: QRCode } = await qrLibrary();
      const qrSvg = await QRCode.toString(started.otpauthUri, {
        type: 'svg',
        margin: 1,
        errorCorrectionLevel: 'M',
      });
      return { ...started, qrSvg };
    },
  );

  app.post(
    '/v1/session/enrolment/complete',
    {
      config: { permission: 'session.self', enrolment: true },
      schema: {
        tags: ['session'],
        summary: 'Finish enrolment with a current code and a new password of your own',
        body: z
          .object({
            totpCode: z.string().min(1).max(10),
            newPassword: z.string().min(1).max(PASSWORD_LENGTH_MAX),
          })
          .strict(),
        response: { 200: SessionReply },
      },
    },
    async (request, reply) => {
      const session = request.session;
      if (session?.stage !== 'totp_enrolment')
        return sendProblem(
          reply,
          problem('invalid_state', 'only a session that is enrolling may do this'),
        );
      const result = await completeEnrolment(db, sealer, session, request.body, Date.now());
      if (!result.ok) return sendProblem(reply, problem('validation_failed', result.message));
      setCookie(reply, result.token, result.expiresAtMs);
      return { stage: 'active' as const, expiresAt: new Date(result.expiresAtMs).toISOString() };
    },
  );
};
