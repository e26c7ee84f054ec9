import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../api/index.js';
import { loadConfig } from '../config.js';
import { bootstrapAdmin } from '../runtime/bootstrap-admin.js';
import { readLockOwner } from '../runtime/data-folder-lock.js';
import { openConfiguredStore, type OpenedStore } from '../runtime/open-from-config.js';
import { hashApiKey } from '../security/index.js';
import { newId } from '../store/index.js';

export interface Reply {
  status: number;
  body: unknown;
}

/** How the CLI reaches Custos: a running server over HTTP, or the data folder in-process. */
export interface Transport {
  readonly description: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  close(): Promise<void>;
}

export class CliError extends Error {
  override name = 'CliError';
}

export function httpTransport(url: string, apiKey: string | undefined): Transport {
  const base = url.replace(/\/+$/, '');
  return {
    description: `server ${base}`,
    async request(method, path, body, headers = {}) {
      let response: Response;
      try {
        response = await fetch(base + path, {
          method,
          headers: {
            ...(apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` }),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        throw new CliError(
          `cannot reach ${base}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const text = await response.text();
      return {
        status: response.status,
        body: text.length === 0 ? null : (JSON.parse(text) as unknown),
      };
    },
    async close() {},
  };
}

/**
 * Opens the data folder (or DATABASE_URL) in this process and serves the same routes through
 * Fastify's inject, acting as a member of staff with a key that lives for this command only.
 */
export async function localTransport(actorName: string): Promise<Transport> {
  const config = loadConfig();
  if (config.databaseUrl === undefined) {
    const owner = readLockOwner(config.dataDir);
    if (owner !== null) {
      const hint =
        owner.url === null ? '' : `; set CUSTOS_URL=${owner.url} and CUSTOS_API_KEY to use it`;
      throw new CliError(
        `the data folder ${config.dataDir} is held by a running server (pid ${owner.pid})${hint}`,
      );
    }
  }
  const store: OpenedStore = await openConfiguredStore(config);
  await bootstrapAdmin(store.db, config.adminKey);
  const { app } = await buildServer({ database: store.db, port: 0 });
  const key = await temporaryStaffKey(store, actorName);
  return {
    description:
      store.db.kind === 'pglite' ? `data folder ${store.location}` : `database ${store.location}`,
    request: (method, path, body, headers = {}) =>
      inject(app, key.value, method, path, body, headers),
    async close() {
      await store.db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [key.id]);
      await app.close();
      await store.db.close();
      store.lock?.release();
    },
  };
}

async function temporaryStaffKey(
  store: OpenedStore,
  actorName: string,
): Promise<{ id: string; value: string }> {
  let rows = await store.db.query<{ id: string }>(
    "SELECT id FROM principals WHERE kind = 'staff' AND name = $1",
    [actorName],
  );
  if (rows[0] === undefined) {
    const id = newId('stf');
    await store.db.query(
      `INSERT INTO principals (id, kind, name, role, activated_at)
       VALUES ($1, 'staff', $2, 'admin', now())`,
      [id, actorName],
    );
    rows = [{ id }];
  }
  const value = `csk_cli_${randomBytes(24).toString('base64url')}`;
  const id = newId('key');
  await store.db.query(
    `INSERT INTO api_keys (id, principal_id, key_hash, label, activated_at, expires_at)
     VALUES ($1, $2, $3, 'cli', now(), now() + interval '1 hour')`,
    [id, rows[0]?.id, hashApiKey(value)],
  );
  return { id, value };
}

async function inject(
  app: FastifyInstance,
  key: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Reply> {
  const response = await app.inject({
    method: method as 'GET',
    url: path,
    headers: { authorization: `Bearer ${key}`, ...headers },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return {
    status: response.statusCode,
    body: response.body.length === 0 ? null : (JSON.parse(response.body) as unknown),
  };
}

export async function openTransport(actorName: string): Promise<Transport> {
  const url = process.env.CUSTOS_URL;
  if (url !== undefined && url !== '') return httpTransport(url, process.env.CUSTOS_API_KEY);
  return localTransport(actorName);
}
