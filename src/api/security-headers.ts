import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export interface SecurityHeaderOptions {
  /** Served over TLS: adds HSTS and upgrade-insecure-requests. */
  tls: boolean;
}

/**
 * Security headers (helmet) on every response: a content security policy for the console, no
 * referrer, no sniffing, no framing. The helmet middleware is built once here and applied from
 * one onRequest hook; building it for each request, as the Fastify plugin does, re-parses the
 * policy every time.
 */
export function installSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only over TLS: on plain HTTP it would send the console's own scripts to https.
        upgradeInsecureRequests: options.tls ? [] : null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.tls,
  });
  app.addHook('onRequest', (request, reply, done) => {
    applyHeaders(request.raw, reply.raw, (error?: unknown) => {
      done(error instanceof Error ? error : undefined);
    });
  });
}
