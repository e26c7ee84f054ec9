/**
 * An RFC 9457 problem as the console shows it. Every failed request becomes one of these,
 * including network failures and non-JSON error bodies, so pages have one error shape.
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  readonly type: string;
  /** The server's stable machine-readable code (an extension member), when it sent one. */
  readonly code: string | null;

  constructor(fields: {
    status: number;
    title: string;
    detail?: string | null;
    type?: string;
    code?: string | null;
  }) {
    super(fields.detail ? `${fields.title}: ${fields.detail}` : fields.title);
    this.name = 'ApiProblem';
    this.status = fields.status;
    this.title = fields.title;
    this.detail = fields.detail ?? null;
    this.type = fields.type ?? 'about:blank';
    this.code = fields.code ?? null;
  }
}

/** Status 0 marks a request that never got an HTTP answer. */
export const NETWORK_FAILURE_STATUS = 0;

/** Builds the problem from a failed response, whatever its body turns out to be. */
export async function problemFromResponse(response: Response): Promise<ApiProblem> {
  const fallback = { status: response.status, title: response.statusText || 'Request failed' };
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) return new ApiProblem(fallback);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return new ApiProblem(fallback);
  }
  if (typeof body !== 'object' || body === null) return new ApiProblem(fallback);
  const fields = body as Record<string, unknown>;
  return new ApiProblem({
    status: typeof fields.status === 'number' ? fields.status : response.status,
    title: typeof fields.title === 'string' ? fields.title : fallback.title,
    detail: typeof fields.detail === 'string' ? fields.detail : null,
    type: typeof fields.type === 'string' ? fields.type : 'about:blank',
    code: typeof fields.code === 'string' ? fields.code : null,
  });
}

export function asApiProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiProblem({ status: NETWORK_FAILURE_STATUS, title: 'Network error', detail });
}
