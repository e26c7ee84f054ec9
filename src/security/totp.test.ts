import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkTotp,
  generateTotpSecret,
  totpCode,
  totpStep,
  totpUri,
  TOTP_PERIOD_S,
} from './totp.js';

// RFC 6238 Appendix B: the SHA-1 secret is ASCII "12345678901234567890".
const RFC_SECRET_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('matches the RFC 6238 SHA-1 test vectors (last six digits)', () => {
    const vectors: [number, string][] = [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
    ];
    for (const [seconds, code] of vectors)
      expect(totpCode(RFC_SECRET_BASE32, seconds * 1000)).toBe(code);
  });

  it('accepts a code once, one step either side, and refuses its replay', () => {
    const secret = generateTotpSecret();
    const nowMs = Date.UTC(2026, 10, 27, 12, 0, 10);
    const code = totpCode(secret, nowMs);
    const first = checkTotp(secret, code, nowMs, null);
    expect(first).toEqual({ ok: true, step: totpStep(nowMs) });
    expect(checkTotp(secret, code, nowMs, first.ok ? first.step : null)).toEqual({
      ok: false,
      reason: 'replayed',
    });
    expect(checkTotp(secret, code, nowMs + TOTP_PERIOD_S * 1000, null).ok).toBe(true);
    expect(checkTotp(secret, code, nowMs + 3 * TOTP_PERIOD_S * 1000, null)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses malformed codes and any step at or before the last one used', () => {
    const secret = generateTotpSecret();
    expect(checkTotp(secret, '12345', 0, null)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkTotp(secret, 'abcdef', 0, null)).toEqual({ ok: false, reason: 'malformed' });
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000, max: 4_000_000_000 }),
        fc.integer({ min: 0, max: 2 }),
        (seconds, ahead) => {
          const nowMs = seconds * 1000;
          const code = totpCode(secret, nowMs);
          const last = totpStep(nowMs) + ahead;
          const result = checkTotp(secret, code, nowMs, last);
          return !result.ok && result.reason === 'replayed';
        },
      ),
      { numRuns: 50 },
    );
  });

  it('writes an otpauth URI authenticator apps read', () => {
    const uri = totpUri(RFC_SECRET_BASE32, 'alice');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Custos:alice\?/);
    expect(uri).toContain(`secret=${RFC_SECRET_BASE32}`);
    expect(uri).toContain('period=30');
  });
});
