import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Custody, CUSTODY_OPTIONS_DEFAULT, type CustodyOptions } from '../custody/index.js';
import type { AuditLogOptions } from '../audit/audit-log-service.js';
import type { Database } from '../store/index.js';
import { handleError } from './error-handler.js';
import { PrincipalCache } from './principal-cache.js';
import { PROBLEM_STATUS, problem, problemTitle, sendProblem } from './problem.js';
import { accountRoutes } from './routes/accounts.js';
import { auditLogRoutes } from './routes/audit-log.js';
import { customerRoutes } from './routes/customers.js';
import { freezeRoutes } from './routes/freezes.js';
import { instructionRoutes } from './routes/instructions.js';
import { platformRoutes } from './routes/platforms.js';
import { reconciliationRoutes } from './routes/reconciliation.js';
import { recordRoutes } from './routes/records.js';

export const WEB_DIR_DEFAULT = fileURLToPath(new URL('../../web/dist/', import.meta.url));
export const HTTP_BODY_BYTES_MAX_DEFAULT = 262_144;

export interface ServerOptions {
  database: Database;
  port: number;
  host?: string;
  webDir?: string;
  bodyBytesMax?: number;
  custody?: CustodyOptions;
  logLevel?: string;
  /** Checkpoint cadence and log key; defaults suit tests. */
  auditLog?: AuditLogOptions;
  /** Issue checkpoints in the background (default); tests may issue them on demand only. */
  checkpointScheduler?: boolean;
}

/** Builds the HTTP API and console server: nothing listens until `listen` is called. */
export async function buildServer(
  options: ServerOptions,
): Promise<{ app: FastifyInstance; custody: Custody }> {
  const app = Fastify({
    bodyLimit: options.bodyBytesMax ?? HTTP_BODY_BYTES_MAX_DEFAULT,
    logger: {
      level: options.logLevel ?? 'silent',
      // Keys and personal data never reach the log.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.body',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
    },
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  const custody = new Custody(options.database, options.custody ?? CUSTODY_OPTIONS_DEFAULT);
  const principals = new PrincipalCache(options.database);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ') === true)
      request.principal = await principals.authenticate(header.slice(7).trim());
  });
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('x-frame-options', 'DENY');
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Custos API',
        version: '0.1.0',
        description:
          'Fund custody: books, user-authorized instructions, freezes and approvals. Errors are RFC 9457 problem+json.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({
    status: 'ok',
    database: options.database.kind,
  }));
  app.get('/problems/:code', { schema: { hide: true } }, async (request, reply) => {
    const code = (request.params as { code: string }).code;
    const status = PROBLEM_STATUS[code];
    if (status === undefined)
      return sendProblem(reply, problem('not_found', `no problem type ${code}`));
    return { type: `/problems/${code}`, title: problemTitle(code), status };
  });
  const context = { db: options.database, custody };
  for (const routes of [
    platformRoutes,
    customerRoutes,
    accountRoutes,
    instructionRoutes,
    freezeRoutes,
    recordRoutes,
    reconciliationRoutes,
  ]) {
    await app.register(routes, context);
  }
  await app.register(auditLogRoutes, {
    ...context,
    ...(options.auditLog === undefined ? {} : { auditLog: options.auditLog }),
    ...(options.checkpointScheduler === undefined
      ? {}
      : { checkpointScheduler: options.checkpointScheduler }),
  });
  await registerConsole(app, options.webDir ?? WEB_DIR_DEFAULT);
  app.addHook('onClose', async () => custody.close());
  return { app, custody };
}

async function registerConsole(app: FastifyInstance, webDir: string): Promise<void> {
  const index = path.join(webDir, 'index.html');
  const hasConsole = fs.existsSync(index);
  if (hasConsole)
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false });
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/console'));
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/v1/');
    if (wantsPage && hasConsole) return reply.type('text/html').send(fs.createReadStream(index));
    return sendProblem(
      reply,
      problem('not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
    );
  });
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  custody: Custody;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { app, custody } = await buildServer(options);
  const address = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  return { url: address, app, custody, close: () => app.close() };
}
