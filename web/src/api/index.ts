export { apiRequest, onUnauthorized, withQuery } from './api-client.js';
export type { RequestOptions } from './api-client.js';
export { clearApiKey, readApiKey, writeApiKey } from './api-key-store.js';
export { ApiProblem, NETWORK_FAILURE_STATUS, asApiProblem } from './api-problem.js';
export * from './endpoints.js';
export * from './types.js';
export { actionOutcome } from './action-outcome.js';
export type { ActionOutcome } from './action-outcome.js';
