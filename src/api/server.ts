import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
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
import { envelopeSecretSealer } from '../security/envelope-secret-sealer.js';
import { localMasterKeyProvider } from '../security/field-encryption/local-master-key-provider.js';
import type { MasterKeyProvider } from '../security/field-encryption/master-key-provider.js';
import type { MonitorService } from '../monitor-service/monitor-service.js';
import { guardRouteDeclarations, installAccessControl } from './access-control.js';
import { handleError } from './error-handler.js';
import { PrincipalCache } from './principal-cache.js';
import { installSecurityHeaders } from './security-headers.js';
import { PROBLEM_STATUS, problem, problemTitle, sendProblem } from './problem.js';
import { accountRoutes } from './routes/accounts.js';
import { auditLogRoutes } from './routes/audit-log.js';
import { customerRoutes } from './routes/customers.js';
import { freezeRoutes } from './routes/freezes.js';
import { instructionRoutes } from './routes/instructions.js';
import { platformRoutes } from './routes/platforms.js';
import { reconciliationRoutes } from './routes/reconciliation.js';
import { recordRoutes } from './routes/records.js';
import { reportRoutes } from './routes/reports.js';
import { complaintRoutes } from './routes/complaints.js';
import { privacyRequestRoutes } from './routes/privacy-requests.js';
import { riskNoticeRoutes } from './routes/risk-notices.js';
import { complianceRoutes } from './routes/compliance.js';
import { customerRiskRoutes } from './routes/customer-risk.js';
import { riskModelRoutes } from './routes/risk-models.js';
import { riskRegisterRoutes } from './routes/risk-register.js';
import { proofOfLiabilitiesRoutes } from './routes/proof-of-liabilities.js';
import { sessionRoutes } from './routes/session.js';
import { alertRoutes } from './routes/alerts.js';
import { caseRoutes } from './routes/cases.js';
import { incidentRoutes } from './routes/incidents.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { notificationRoutes } from './routes/notifications.js';
import { staffRoutes } from './routes/staff.js';
import { portalRoutes } from './routes/portal.js';
import { portalPasskeyRoutes } from './routes/portal-passkeys.js';
import { portalPlatformRoutes } from './routes/portal-platform.js';
import { RelyingPartySource, type RelyingParty } from '../portal/relying-party.js';
import { screeningRoutes } from './routes/screening.js';
import { installScreening, type ScreeningService } from '../screening/index.js';

export const WEB_DIR_DEFAULT = fileURLToPath(new URL('../../web/dist/', import.meta.url));
export const HTTP_BODY_BYTES_MAX_DEFAULT = 262_144;
/** Requests per minute per API key, session or (unauthenticated) client address. */
export const RATE_LIMIT_PER_MINUTE_DEFAULT = 60_000;
export const RATE_LIMIT_KEYS_MAX = 100_000;

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
  /**
   * The master key that wraps data keys and sealed secrets. The runtime always passes the
   * configured one; without it a random key lives only as long as this server (tests).
   */
  masterKey?: MasterKeyProvider;
  rateLimitPerMinute?: number;
  /**
   * Real-time monitoring: the server installs it as the instruction gate, wakes it after every
   * committed batch and starts it; none (the default in tests) means no monitoring.
   */
  monitor?: MonitorService;
  /**
   * Sanctions screening: its gate joins monitoring's, customers and bank accounts are screened
   * when created; none (the default in tests) leaves the screening routes without the gate.
   */
  screening?: ScreeningService;
  /** Sign-in attempts per client address per minute (default 10). */
  signInAttemptsPerMinute?: number;
  /** Origins allowed to call the API from a browser; none (the default) turns CORS off. */
  corsOrigins?: readonly string[];
  /** Certificate and key (PEM) to serve HTTPS directly. */
  tls?: { cert: Buffer; key: Buffer };
  /** Mark session cookies Secure; on by default with `tls`. */
  secureCookies?: boolean;
  /** The passkey relying party of the customer portal; none: only http://localhost works. */
  portalRelyingParty?: RelyingParty;
}

/** Builds the HTTP API and console server: nothing listens until `listen` is called. */
export async function buildServer(
  options: ServerOptions,
): Promise<{ app: FastifyInstance; custody: Custody }> {
  const app = Fastify({
    ...(options.tls === undefined
      ? {}
      : { https: { cert: options.tls.cert, key: options.tls.key } }),
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
  const monitor = options.monitor;
  if (monitor !== undefined) {
    await monitor.start();
    custody.setGate(monitor);
    const unsubscribe = custody.onCommitted(() => monitor.wake());
    app.addHook('onClose', async () => {
      unsubscribe();
      await monitor.stop();
    });
  }
  if (options.screening !== undefined)
    await installScreening(app, custody, options.screening, monitor);
  const principals = new PrincipalCache(options.database);
  const masterKey = options.masterKey ?? localMasterKeyProvider(randomBytes(32));
  const sealer = envelopeSecretSealer(masterKey);
  guardRouteDeclarations(app);
  await app.register(fastifyCookie);
  installSecurityHeaders(app, { tls: options.tls !== undefined });
  if (options.corsOrigins !== undefined && options.corsOrigins.length > 0)
    await app.register(fastifyCors, { origin: [...options.corsOrigins], credentials: false });
  installAccessControl(app, { db: options.database, principals });
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'preHandler',
    max: options.rateLimitPerMinute ?? RATE_LIMIT_PER_MINUTE_DEFAULT,
    timeWindow: 60_000,
    cache: RATE_LIMIT_KEYS_MAX,
    keyGenerator: (request) => request.principal?.id ?? request.session?.sessionId ?? request.ip,
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(`at most ${context.max} requests per minute; retry in ${context.after}`),
        { statusCode: 429 },
      ),
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
  await app.register(sessionRoutes, {
    ...context,
    sealer,
    secureCookies: options.secureCookies ?? options.tls !== undefined,
    ...(options.signInAttemptsPerMinute === undefined
      ? {}
      : { signInAttemptsPerMinute: options.signInAttemptsPerMinute }),
  });
  for (const routes of [
    staffRoutes,
    platformRoutes,
    customerRoutes,
    accountRoutes,
    instructionRoutes,
    freezeRoutes,
    recordRoutes,
    reconciliationRoutes,
    alertRoutes,
    caseRoutes,
    incidentRoutes,
    notificationRoutes,
    reportRoutes,
    complaintRoutes,
    privacyRequestRoutes,
    riskNoticeRoutes,
    customerRiskRoutes,
    riskModelRoutes,
    riskRegisterRoutes,
    proofOfLiabilitiesRoutes,
  ]) {
    await app.register(routes, context);
  }
  await app.register(complianceRoutes, {
    ...context,
    ...(options.portalRelyingParty === undefined
      ? {}
      : { portalRelyingParty: options.portalRelyingParty }),
  });
  await app.register(screeningRoutes, {
    ...context,
    ...(options.screening === undefined ? {} : { screening: options.screening }),
  });
  await app.register(monitoringRoutes, {
    ...context,
    ...(monitor === undefined ? {} : { monitor }),
  });
  const relyingParties = new RelyingPartySource(options.portalRelyingParty);
  await app.register(portalRoutes, {
    ...context,
    relyingParties,
    secureCookies: options.secureCookies ?? options.tls !== undefined,
    ...(options.signInAttemptsPerMinute === undefined
      ? {}
      : { signInAttemptsPerMinute: options.signInAttemptsPerMinute }),
  });
  await app.register(portalPasskeyRoutes, context);
  await app.register(portalPlatformRoutes, { ...context, relyingParties });
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
