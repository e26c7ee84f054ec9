import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiContext } from '../context.js';
import { registerCaseDisposalRoutes } from './cases-disposal.js';
import { registerCaseEvidenceRoutes } from './cases-evidence.js';
import { registerCaseQueueRoutes } from './cases-queue.js';
import { registerCaseWorkRoutes } from './cases-work.js';

export { caseProblem, sendCaseProblem } from './cases-schemas.js';

/** Case management: queues, the case workspace, working a case, evidence and disposal. */
export const caseRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  registerCaseQueueRoutes(app, db);
  registerCaseWorkRoutes(app, db);
  registerCaseEvidenceRoutes(app, db);
  registerCaseDisposalRoutes(app, db);
};
