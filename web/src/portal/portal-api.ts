import { ApiProblem, asApiProblem, problemFromResponse } from '../api/api-problem.js';

export interface PortalRequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * One JSON request of the customer portal: the session cookie only (never a stored API
 * key), same origin. Rejects with the console's ApiProblem.
 */
export async function portalRequest<T>(
  path: string,
  options: PortalRequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw asApiProblem(error);
  }
  if (!response.ok) throw await problemFromResponse(response);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch (error) {
    throw new ApiProblem({
      status: response.status,
      title: 'Unreadable response',
      detail: error instanceof Error ? error.message : null,
    });
  }
}
