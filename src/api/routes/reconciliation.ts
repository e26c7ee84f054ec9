import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiContext } from '../context.js';
import { reconciliationRunRoutes } from './reconciliation-run-routes.js';
import { reconciliationStatementRoutes } from './reconciliation-statement-routes.js';
import { safeguardingRoutes } from './safeguarding-routes.js';

export { STATEMENT_BODY_BYTES_MAX } from './reconciliation-schemas.js';

/** Reconciliation and safeguarding: statements in, matches and breaks out, the daily proof. */
export const reconciliationRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, context) => {
  await app.register(reconciliationStatementRoutes, context);
  await app.register(reconciliationRunRoutes, context);
  await app.register(safeguardingRoutes, context);
};
