/**
 * A tiny HTTP client for setting up end-to-end tests through the real API, the way a
 * platform would. Any non-2xx answer fails the test with the server's problem text.
 */
export interface ApiCaller {
  call<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T>;
}

export function apiCaller(baseUrl: string, apiKey: string): ApiCaller {
  return {
    async call<T>(
      method: 'GET' | 'POST' | 'PUT',
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<T> {
      const response = await fetch(new URL(path, baseUrl), {
        method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
  };
}
