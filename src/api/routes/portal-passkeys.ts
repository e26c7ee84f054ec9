import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CREDENTIAL_ID_LENGTH_MAX } from '../../portal/credential-store.js';
import { revokeOwnPasskey } from '../../portal/passkey-revocation.js';
import { requireCustomer, type ApiContext } from '../context.js';
import { custodyProblem, sendProblem } from '../problem.js';

const tags = ['portal'];
const CredentialParams = z
  .object({
    credentialId: z
      .string()
      .min(1)
      .max(CREDENTIAL_ID_LENGTH_MAX)
      .regex(/^[A-Za-z0-9_-]+$/, 'a passkey credential id (base64url)'),
  })
  .strict();

/**
 * The signed-in customer's own passkeys beyond listing them (GET /v1/portal/passkeys): removing
 * one. The customer comes from the session, never from the URL.
 */
export const portalPasskeyRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.delete(
    '/v1/portal/passkeys/:credentialId',
    {
      config: { permission: 'portal.self' },
      schema: {
        tags,
        summary:
          'Remove one of your passkeys: it can no longer sign in or authorize, and your other sessions end (the last passkey is kept)',
        params: CredentialParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request, reply);
      if (customer === null) return reply;
      const revoked = await revokeOwnPasskey(
        db,
        customer,
        request.params.credentialId,
        Date.now(),
        request.session?.sessionId ?? null,
      );
      if (!revoked.ok) return sendProblem(reply, custodyProblem(revoked.error));
      return reply.code(204).send(null);
    },
  );
};
