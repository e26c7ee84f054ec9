import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from './books.js';
import { createTestDatabase } from './test-database.js';

export interface ApiHarness {
  db: Database;
  app: FastifyInstance;
  books: TestBooks;
  call(
    method: string,
    url: string,
    options?: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** A migrated database with a platform and customers, and the API on Fastify's inject. */
export async function createApiHarness(
  options: {
    bodyBytesMax?: number;
    signInAttemptsPerMinute?: number;
    rateLimitPerMinute?: number;
  } = {},
): Promise<ApiHarness> {
  const db = await createTestDatabase();
  const books = await createTestBooks(db, 3);
  const { app } = await buildServer({ database: db, port: 0, ...options });
  return {
    db,
    app,
    books,
    async call(method, url, { key = books.apiKey, body, raw, headers = {} } = {}) {
      const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: {
          authorization: `Bearer ${key}`,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(payload === undefined ? {} : { payload }),
      });
      const text = response.body;
      return {
        status: response.statusCode,
        body:
          text.length > 0 && text.startsWith('{')
            ? (JSON.parse(text) as Record<string, unknown>)
            : {},
        headers: response.headers,
      };
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
