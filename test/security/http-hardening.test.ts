import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

let api: ApiHarness;

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

  it('refuses an oversized body before reading it all', async () => {
    const response = await api.call('POST', `/v1/platforms/${api.books.platformId}/customers`, {
      key: api.books.staffKey,
      raw: JSON.stringify({ kind: 'person', externalRef: 'x', name: 'y'.repeat(300_000) }),
    });
    expect(response.status).toBe(413);
  });
});
