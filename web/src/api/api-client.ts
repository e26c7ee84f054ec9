import { ApiProblem, asApiProblem, problemFromResponse } from './api-problem.js';
import { readApiKey } from './api-key-store.js';

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever the server answers 401: the key or the session is no longer good. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Overrides the stored key; the sign-in page checks a key before keeping it. */
  apiKey?: string;
  /** A 401 here is an answer (a wrong password, an ended session), not a reason to sign out. */
  quietUnauthorized?: boolean;
}

/**
 * One JSON request to the API on this origin. Resolves with the parsed body; rejects with an
 * ApiProblem. Paths are relative (`/v1/...`): the server serves the console and the API. A
 * stored API key goes in the Authorization header; otherwise the browser sends the staff
 * session cookie (same origin only, which the server demands for state changes).
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const apiKey = options.apiKey ?? readApiKey();
  if (apiKey !== null) headers.Authorization = `Bearer ${apiKey}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw asApiProblem(error);
  }
  if (!response.ok) {
    const problem = await problemFromResponse(response);
    const quiet = options.apiKey !== undefined || options.quietUnauthorized === true;
    if (response.status === 401 && !quiet) {
      for (const listener of unauthorizedListeners) listener();
    }
    throw problem;
  }
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

/** Builds `path?k=v&...`, leaving out empty values so filters stay optional. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}
