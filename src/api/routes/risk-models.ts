import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiContext } from '../context.js';
import { registerLiquidityFlowRoutes } from './risk-models-flows.js';
import { registerMonteCarloRoutes } from './risk-models-monte-carlo.js';
import { registerRiskModelParameterRoutes } from './risk-models-parameters.js';
import { registerStressRunRoutes, registerStressScenarioRoutes } from './risk-models-stress.js';

/** Risk models: parameters and fitting, Monte Carlo runs, stress scenarios and runs, flows. */
export const riskModelRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  registerRiskModelParameterRoutes(app, db);
  registerMonteCarloRoutes(app, db);
  registerStressScenarioRoutes(app, db);
  registerStressRunRoutes(app, db);
  registerLiquidityFlowRoutes(app, db);
};
