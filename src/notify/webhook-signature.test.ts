import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.js';

const secret = 'whsec_0123456789abcdef0123456789abcdef';
const body = '{"type":"case.opened","data":{"caseId":"cas_1"}}';
const nowMs = Date.UTC(2025, 0, 6, 12, 0, 0);

describe('webhook signatures', () => {
  it('signs t.body with HMAC-SHA256 in a t=…,v1=… header', () => {
    const header = signWebhook(secret, body, nowMs);
    const t = nowMs / 1000;
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${expected}`);
    expect(verifyWebhookSignature(secret, body, header, nowMs)).toEqual({
      ok: true,
      timestampSeconds: t,
    });
  });

  it('refuses a changed body, another secret, an old timestamp and a malformed header', () => {
    const header = signWebhook(secret, body, nowMs);
    expect(verifyWebhookSignature(secret, `${body} `, header, nowMs)).toEqual({
      ok: false,
      reason: 'no_match',
    });
    expect(verifyWebhookSignature(`${secret}x`, body, header, nowMs).ok).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, nowMs + 5 * 60_000 + 1_000)).toEqual({
      ok: false,
      reason: 'timestamp_out_of_tolerance',
    });
    expect(verifyWebhookSignature(secret, body, 'v1=abc', nowMs)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    const tampered = header.replace(/t=\d+/, `t=${nowMs / 1000 + 1}`);
    expect(verifyWebhookSignature(secret, body, tampered, nowMs).ok).toBe(false);
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const header = signWebhook(secret, body, nowMs);
    const old = signWebhook('whsec_old_secret_old_secret_old_secret', body, nowMs).split(',')[1];
    expect(verifyWebhookSignature(secret, body, `${header},${old}`, nowMs).ok).toBe(true);
  });

  it('property: a signature verifies for its own body only', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const header = signWebhook(secret, a, nowMs);
        expect(verifyWebhookSignature(secret, a, header, nowMs).ok).toBe(true);
        expect(verifyWebhookSignature(secret, b, header, nowMs).ok).toBe(a === b);
      }),
    );
  });
});
