import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_TOLERANCE_MS_DEFAULT } from './notify-limits.js';

/** The header that carries `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const SIGNATURE_HEADER = 'custos-signature';
export const SIGNATURE_SCHEME = 'v1';
const SIGNATURES_PER_HEADER_MAX = 8;

function hmacHex(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
}

/** The header value for `body` sent at `nowMs`. The timestamp is signed with the body. */
export function signWebhook(secret: string, body: string, nowMs: number): string {
  const timestampSeconds = Math.floor(nowMs / 1000);
  return `t=${timestampSeconds},${SIGNATURE_SCHEME}=${hmacHex(secret, timestampSeconds, body)}`;
}

export type SignatureCheck =
  | { ok: true; timestampSeconds: number }
  | { ok: false; reason: 'malformed' | 'timestamp_out_of_tolerance' | 'no_match' };

function parseHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',').slice(0, SIGNATURES_PER_HEADER_MAX + 1)) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^[0-9]{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === SIGNATURE_SCHEME && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return null;
  return { timestamp, signatures };
}

/**
 * Checks a received webhook as a receiver should: the header parses, its timestamp is within
 * the tolerance of the receiver's clock (a replayed old request fails), and one of its v1
 * signatures (several are allowed while a secret is rotated) equals the HMAC of `t.body`,
 * compared in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string,
  nowMs: number,
  toleranceMs = SIGNATURE_TOLERANCE_MS_DEFAULT,
): SignatureCheck {
  const parsed = parseHeader(header);
  if (parsed === null) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs - parsed.timestamp * 1000) > toleranceMs) {
    return { ok: false, reason: 'timestamp_out_of_tolerance' };
  }
  const expected = Buffer.from(hmacHex(secret, parsed.timestamp, body), 'hex');
  const matched = parsed.signatures.some((candidate) =>
    timingSafeEqual(expected, Buffer.from(candidate, 'hex')),
  );
  return matched
    ? { ok: true, timestampSeconds: parsed.timestamp }
    : { ok: false, reason: 'no_match' };
}
