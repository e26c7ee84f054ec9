/** A field the server named as at fault, by its dotted path ('declaredMonthlyCny', 'products.0'). */
export interface ProblemIssue {
  path: string;
  message: string;
}

/** Issues kept of one refusal: a form shows them by its fields, and none has more fields. */
const PROBLEM_ISSUES_MAX = 50;

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
  /** The fields at fault of a refused request body (the `issues` member), when it named them. */
  readonly issues: readonly ProblemIssue[];

  constructor(fields: {
    status: number;
    title: string;
    detail?: string | null;
    type?: string;
    code?: string | null;
    issues?: readonly ProblemIssue[];
  }) {
    super(fields.detail ? `${fields.title}: ${fields.detail}` : fields.title);
    this.name = 'ApiProblem';
    this.status = fields.status;
    this.title = fields.title;
    this.detail = fields.detail ?? null;
    this.type = fields.type ?? 'about:blank';
    this.code = fields.code ?? null;
    this.issues = fields.issues ?? [];
  }
}

/**
 * The `issues` member of a refusal as dotted paths. Validation of a request body names each
 * field by a JSON pointer (`instancePath`: "/products/0"); checks of the server's own name it
 * by `path` ("params.windowMinutes"). Anything else in the member is left out.
 */
function problemIssuesOf(member: unknown): ProblemIssue[] {
  if (!Array.isArray(member)) return [];
  return member.slice(0, PROBLEM_ISSUES_MAX).flatMap((issue: unknown) => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, instancePath, message } = issue as Record<string, unknown>;
    if (typeof message !== 'string') return [];
    if (typeof path === 'string') return [{ path, message }];
    if (typeof instancePath !== 'string') return [{ path: '', message }];
    return [
      {
        path: instancePath
          .split('/')
          .filter((part) => part !== '')
          .join('.'),
        message,
      },
    ];
  });
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
    issues: problemIssuesOf(fields.issues),
  });
}

export function asApiProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiProblem({ status: NETWORK_FAILURE_STATUS, title: 'Network error', detail });
}
