import type { FastifyInstance } from 'fastify';

export type JsonBody = Record<string, unknown>;

/** One API request in process with a bearer key; the reply's status and JSON body ({} if empty). */
export async function injectJson(
  app: FastifyInstance,
  method: string,
  url: string,
  key: string,
  body?: unknown,
): Promise<{ status: number; body: JsonBody }> {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return {
    status: response.statusCode,
    body: response.body.length > 0 ? (JSON.parse(response.body) as JsonBody) : {},
  };
}
