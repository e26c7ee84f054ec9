import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Custody } from '../custody/index.js';
import { canActOnPlatform, type Principal } from '../security/index.js';
import type { Database } from '../store/index.js';
import { problem, sendProblem } from './problem.js';

export interface ApiContext {
  db: Database;
  custody: Custody;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The signed-in principal, or a 401 problem sent and null returned. */
export function requirePrincipal(request: FastifyRequest, reply: FastifyReply): Principal | null {
  if (request.principal === null) {
    void sendProblem(
      reply,
      problem('unauthenticated', 'send an API key as Authorization: Bearer <key>'),
    );
    return null;
  }
  return request.principal;
}

/** The principal, if it may act on this platform; otherwise a problem is sent. */
export function requirePlatform(
  request: FastifyRequest,
  reply: FastifyReply,
  platformId: string,
): Principal | null {
  const principal = requirePrincipal(request, reply);
  if (principal === null) return null;
  if (!canActOnPlatform(principal, platformId)) {
    // Another tenant's resources do not exist for this caller.
    void sendProblem(reply, problem('not_found', `platform ${platformId} not found`));
    return null;
  }
  return principal;
}

export function requireStaff(request: FastifyRequest, reply: FastifyReply): Principal | null {
  const principal = requirePrincipal(request, reply);
  if (principal === null) return null;
  if (principal.kind !== 'staff') {
    void sendProblem(reply, problem('forbidden', 'only staff may do this'));
    return null;
  }
  return principal;
}

/** A customer signed in to the portal: bound to one customer of one platform. */
export interface CustomerPrincipal extends Principal {
  kind: 'customer';
  platformId: string;
  customerId: string;
}

/** The signed-in customer (portal session), or a problem sent and null returned. */
export function requireCustomer(
  request: FastifyRequest,
  reply: FastifyReply,
): CustomerPrincipal | null {
  const principal = requirePrincipal(request, reply);
  if (principal === null) return null;
  if (
    principal.kind !== 'customer' ||
    principal.platformId === null ||
    principal.customerId === undefined
  ) {
    void sendProblem(reply, problem('forbidden', 'only a signed-in customer may do this'));
    return null;
  }
  return {
    ...principal,
    kind: 'customer',
    platformId: principal.platformId,
    customerId: principal.customerId,
  };
}
