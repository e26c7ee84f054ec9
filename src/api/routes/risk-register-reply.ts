import type { FastifyReply } from 'fastify';
import type { RiskError } from '../../risk-register/index.js';
import { problem, sendProblem } from '../problem.js';

/** OpenAPI tag of every risk-register route. */
export const tags = ['risk register'];

/** A risk-register refusal as a problem reply; its code is one of the API's problem codes. */
export function refuse(reply: FastifyReply, error: RiskError): FastifyReply {
  return sendProblem(reply, problem(error.code, error.message));
}
