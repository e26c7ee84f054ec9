import type { FastifyReply } from 'fastify';
import { CASE_ERROR_STATUS } from '../cases/case-error.js';
import { COMPLAINT_ERROR_STATUS } from '../complaints/complaint-error.js';
import { CUSTODY_ERROR_STATUS, type CustodyError } from '../custody/index.js';

/** Problems raised by the HTTP layer itself, beside the custody domain's refusals. */
const HTTP_PROBLEM_STATUS = {
  malformed_json: 400,
  unknown_field: 400,
  body_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  totp_required: 401,
  rate_limited: 429,
  not_found: 404,
  method_not_allowed: 405,
  overloaded: 503,
  internal_error: 500,
} as const;

export const PROBLEM_STATUS: Readonly<Record<string, number>> = {
  ...CUSTODY_ERROR_STATUS,
  ...CASE_ERROR_STATUS,
  ...COMPLAINT_ERROR_STATUS,
  ...HTTP_PROBLEM_STATUS,
};
export type ProblemCode =
  | keyof typeof CUSTODY_ERROR_STATUS
  | keyof typeof CASE_ERROR_STATUS
  | keyof typeof COMPLAINT_ERROR_STATUS
  | keyof typeof HTTP_PROBLEM_STATUS;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  [extension: string]: unknown;
}

/** The problem type URI: stable per code, and served by this server as a description. */
export function problemType(code: string): string {
  return `/problems/${code}`;
}

export function problemTitle(code: string): string {
  const text = code.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function problem(
  code: ProblemCode,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  const status = PROBLEM_STATUS[code] ?? 500;
  return {
    ...extensions,
    type: problemType(code),
    title: problemTitle(code),
    status,
    detail,
    code,
  };
}

export function sendProblem(reply: FastifyReply, value: Problem): FastifyReply {
  return reply.code(value.status).header('content-type', PROBLEM_CONTENT_TYPE).send(value);
}

export function custodyProblem(error: CustodyError): Problem {
  return problem(
    error.code,
    error.message,
    error.detail === undefined ? {} : { detail_fields: error.detail },
  );
}
