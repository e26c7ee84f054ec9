import { Secret, TOTP } from 'otpauth';

/**
 * RFC 6238 time-based one-time codes: SHA-1, 6 digits, 30-second steps (what authenticator
 * apps expect). A code is accepted one step either side of now, and each step only once per
 * person: the caller stores the last accepted step and passes it back.
 */
export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
const TOTP_WINDOW_STEPS = 1;
const TOTP_SECRET_BYTES = 20;

export type TotpCheck =
  { ok: true; step: number } | { ok: false; reason: 'malformed' | 'invalid' | 'replayed' };

export function generateTotpSecret(): string {
  return new Secret({ size: TOTP_SECRET_BYTES }).base32;
}

function totpFor(secretBase32: string, label = 'custos'): TOTP {
  return new TOTP({
    issuer: 'Custos',
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function totpUri(secretBase32: string, accountName: string): string {
  return totpFor(secretBase32, accountName).toString();
}

export function totpCode(secretBase32: string, atMs: number): string {
  return totpFor(secretBase32).generate({ timestamp: atMs });
}

export function totpStep(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_PERIOD_S);
}

export function checkTotp(
  secretBase32: string,
  code: string,
  nowMs: number,
  lastUsedStep: number | null,
): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'malformed' };
  const delta = totpFor(secretBase32).validate({
    token: code,
    timestamp: nowMs,
    window: TOTP_WINDOW_STEPS,
  });
  if (delta === null) return { ok: false, reason: 'invalid' };
  const step = totpStep(nowMs) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}
