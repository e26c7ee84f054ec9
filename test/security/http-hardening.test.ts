import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

let api: ApiHarness;

/** Every header helmet can set; a response carries those its configuration turns on. */
const SECURITY_HEADER_NAMES = [
  'content-security-policy',
  'cross-origin-embedder-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

beforeAll(async () => {
  api = await createApiHarness({ rateLimitPerMinute: 3 });
}, 60_000);
afterAll(() => api.close());

describe('HTTP hardening', () => {
  it('limits requests per API key, each key on its own', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1)
      statuses.push((await api.call('GET', '/v1/me', { key: api.books.apiKey })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await api.call('GET', '/v1/me', { key: api.books.apiKey });
    expect(limited.body).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await api.call('GET', '/v1/me', { key: api.books.staffKey })).status).toBe(200);
  });

  it('sends security headers and no CORS permission by default', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/v1/audit/checkpoint',
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends the same security headers on every kind of response, and no HSTS without TLS', async () => {
    const securityHeaders = (headers: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(headers).filter(([name]) => SECURITY_HEADER_NAMES.includes(name)),
      );
    const found = await api.app.inject({ method: 'GET', url: '/v1/audit/checkpoint' });
    const consolePage = await api.app.inject({ method: 'GET', url: '/console/' });
    const refused = await api.call('GET', '/v1/me', { key: 'not-a-key' });
    expect(found.statusCode).toBe(200);
    expect(consolePage.statusCode).toBeLessThan(500);
    expect(refused.status).toBe(401);
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';" +
        "frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';" +
        "script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    expect(securityHeaders(found.headers)).toEqual(expected);
    expect(securityHeaders(consolePage.headers)).toEqual(expected);
    expect(securityHeaders(refused.headers)).toEqual(expected);
    expect(found.headers['strict-transport-security']).toBeUndefined();
    expect(found.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses an oversized body before reading it all', async () => {
    const response = await api.call('POST', `/v1/platforms/${api.books.platformId}/customers`, {
      key: api.books.staffKey,
      raw: JSON.stringify({ kind: 'person', externalRef: 'x', name: 'y'.repeat(300_000) }),
    });
    expect(response.status).toBe(413);
  });
});
