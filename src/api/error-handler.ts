import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { QueueFull } from '../custody/index.js';
import { problem, sendProblem, type Problem } from './problem.js';

/** Maps every failure that reaches Fastify to an RFC 9457 problem with a stable type. */
export function toProblem(error: FastifyError | Error): Problem {
  if (error instanceof QueueFull) return problem('overloaded', error.message);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((entry) => ({
      code: entry.keyword,
      instancePath: entry.instancePath,
      message: entry.message,
      keys: (entry.params as { keys?: string[] }).keys,
    }));
    const unknown = issues.find((issue) => issue.code === 'unrecognized_keys');
    if (unknown !== undefined) {
      const fields = (unknown.keys ?? []).join(', ');
      return problem('unknown_field', `unknown field(s): ${fields}`, { issues });
    }
    if (issues.some((issue) => issue.instancePath === '/amount')) {
      return problem('bad_amount', 'amount must be a positive decimal string such as "1250.50"', {
        issues,
      });
    }
    const where = issues
      .map((issue) => `${issue.instancePath || '(root)'}: ${issue.message ?? ''}`)
      .join('; ');
    return problem(
      'validation_failed',
      `${error.validationContext ?? 'request'} is not valid: ${where}`,
      { issues },
    );
  }
  const code = (error as FastifyError).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return problem('body_too_large', 'request body is larger than allowed');
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return problem('unsupported_media_type', 'send application/json');
  if (
    code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    error instanceof SyntaxError
  ) {
    return problem('malformed_json', 'request body is not valid JSON');
  }
  const status = (error as FastifyError).statusCode;
  if (status === 404) return problem('not_found', error.message);
  if (status === 405) return problem('method_not_allowed', error.message);
  if (status === 429) return problem('rate_limited', error.message);
  if (status !== undefined && status >= 400 && status < 500)
    return problem('validation_failed', error.message);
  return problem('internal_error', 'an internal error occurred; it was logged');
}

export function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const value = toProblem(error);
  if (value.status >= 500 && value.code !== 'overloaded')
    request.log.error({ err: error }, 'request failed');
  if (value.code === 'overloaded') void reply.header('retry-after', '1');
  if (value.code === 'rate_limited') void reply.header('retry-after', '60');
  return sendProblem(reply, value);
}
