import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installSecurityHeaders } from './security-headers.js';

// Goal: over TLS the headers add HSTS and upgrade-insecure-requests; without it neither, so
// the console's scripts are never sent to an https address that does not exist. Method: a bare
// Fastify app with one route, through inject.

async function headersOf(tls: boolean) {
  const app = Fastify();
  installSecurityHeaders(app, { tls });
  app.get('/ping', async () => ({ ok: true }));
  const response = await app.inject({ method: 'GET', url: '/ping' });
  await app.close();
  expect(response.statusCode).toBe(200);
  return response.headers;
}

describe('security headers', () => {
  it('add HSTS and upgrade-insecure-requests over TLS only', async () => {
    const secure = await headersOf(true);
    expect(secure['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(secure['content-security-policy']).toContain('upgrade-insecure-requests');
    const plain = await headersOf(false);
    expect(plain['strict-transport-security']).toBeUndefined();
    expect(plain['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(plain['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('apply to routes registered after them and to unknown paths', async () => {
    const app = Fastify();
    installSecurityHeaders(app, { tls: false });
    const missing = await app.inject({ method: 'GET', url: '/nowhere' });
    await app.close();
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    expect(missing.headers['referrer-policy']).toBe('no-referrer');
  });
});
