import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { CASE_ERROR_STATUS, type CaseError } from '../../cases/index.js';
import {
  PROBLEM_STATUS,
  problem,
  sendProblem,
  type Problem,
  type ProblemCode,
} from '../problem.js';
import type { ApiContext } from '../context.js';
import { IdSchema, PlatformParams } from '../schemas.js';

/** Until the case codes are in the problem catalogue, each maps to the nearest existing one. */
const STATUS_FALLBACK: Readonly<Record<number, ProblemCode>> = {
  400: 'validation_failed',
  403: 'forbidden',
  404: 'not_found',
  409: 'invalid_state',
  413: 'body_too_large',
  415: 'unsupported_media_type',
};

/** A case-service refusal as an RFC 9457 problem; `reason` carries the precise code. */
export function caseProblem(error: CaseError): Problem {
  if (Object.hasOwn(PROBLEM_STATUS, error.code))
    return problem(error.code as ProblemCode, error.message);
  const status = (CASE_ERROR_STATUS as Record<string, number>)[error.code] ?? 400;
  return problem(STATUS_FALLBACK[status] ?? 'validation_failed', error.message, {
    reason: error.code,
  });
}

export function sendCaseProblem(reply: FastifyReply, error: CaseError): FastifyReply {
  return sendProblem(reply, caseProblem(error));
}

/** The path of one case of a platform. */
export const CaseParams = PlatformParams.extend({ caseId: IdSchema });

/** The Fastify instance the case routes register on, and the database they use. */
export type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];
export type Db = ApiContext['db'];
