import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { canActOnPlatform, type Principal } from '../security/index.js';
import { isPermission, roleHasPermission, type Permission } from '../security/permissions.js';
import { recordSecurityEvent } from '../security/security-event.js';
import { SESSION_COOKIE, type SessionPrincipal } from '../security/sessions.js';
import type { Database } from '../store/index.js';
import type { PrincipalCache } from './principal-cache.js';
import { problem, sendProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the caller's role must allow. Every /v1 route names one, or is `public`. */
    permission?: Permission;
    /** Served to anyone (signed checkpoints, proofs, sign-in). */
    public?: boolean;
    /** Reachable with a session that is still enrolling its second factor. */
    enrolment?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    session: SessionPrincipal | null;
  }
  interface FastifyInstance {
    /** Every API route with what guards it: the access matrix test reads this. */
    apiRoutes: DeclaredRoute[];
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: Permission | 'public';
}

/**
 * Refuses, when the server starts, any API route that names neither a permission nor `public`:
 * a new route cannot slip out unguarded.
 */
export function guardRouteDeclarations(app: FastifyInstance): void {
  const declared: DeclaredRoute[] = [];
  app.decorate('apiRoutes', declared);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/v1/')) return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
      (method) => method !== 'HEAD',
    );
    const config = (route.config ?? {}) as { permission?: unknown; public?: unknown };
    let permission: Permission | 'public';
    if (config.public === true) permission = 'public';
    else if (isPermission(config.permission)) permission = config.permission;
    else throw new Error(`route ${methods.join(',')} ${route.url} names no permission`);
    for (const method of methods)
      declared.push({ method: String(method), url: route.url, permission });
  });
}

export interface AccessControlOptions {
  db: Database;
  principals: PrincipalCache;
}

/**
 * Who is calling (an API key as a bearer token, or a console session cookie), then whether
 * their role may use this route and whether the route's platform is in their scope. Runs
 * before body validation: an unauthorized caller learns nothing about the body's shape.
 */
export function installAccessControl(app: FastifyInstance, options: AccessControlOptions): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ') === true) {
      request.principal = await options.principals.authenticate(header.slice(7).trim());
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined && token.length > 0) {
      const session = await options.principals.authenticateSession(token);
      if (session !== null) {
        request.session = session;
        if (session.stage === 'active') request.principal = session.principal;
      }
    }
  });
  app.addHook('preValidation', async (request, reply) => {
    const config = request.routeOptions.config;
    if (!request.url.startsWith('/v1/') || config.public === true) return;
    if (
      config.enrolment === true &&
      request.session !== null &&
      request.session.principal.kind !== 'customer'
    )
      return;
    const principal = request.principal;
    if (principal === null)
      return sendProblem(
        reply,
        problem(
          'unauthenticated',
          request.session === null
            ? 'send an API key as Authorization: Bearer <key>, or sign in'
            : 'finish enrolling your second factor first',
        ),
      );
    if (request.session !== null && !sameOrigin(request))
      return sendProblem(reply, problem('forbidden', 'cross-origin request refused'));
    const permission = config.permission;
    if (permission === undefined || !roleHasPermission(principal.role, permission)) {
      await denied(options.db, request, principal, `role ${principal.role} lacks ${permission}`);
      return sendProblem(reply, problem('forbidden', `your role may not do this (${permission})`));
    }
    const platformId = (request.params as { platformId?: unknown } | undefined)?.platformId;
    if (typeof platformId === 'string' && !canActOnPlatform(principal, platformId)) {
      await denied(options.db, request, principal, `platform ${platformId} outside scope`);
      // Another tenant's resources do not exist for this caller.
      return sendProblem(reply, problem('not_found', `platform ${platformId} not found`));
    }
    return undefined;
  });
}

/** A session-authenticated state change must come from the console's own origin. */
function sameOrigin(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

async function denied(
  db: Database,
  request: FastifyRequest,
  principal: Principal,
  why: string,
): Promise<void> {
  await db.transaction((tx) =>
    recordSecurityEvent(
      tx,
      principal.platformId,
      'permission_denied',
      principal.id,
      { method: request.method, route: request.routeOptions.url ?? '', why },
      Date.now(),
    ),
  );
}
