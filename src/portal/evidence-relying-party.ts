import type { RelyingParty } from './relying-party.js';

/** Stored clientDataJSON larger than this is not read (WebAuthn's is a few hundred bytes). */
const CLIENT_DATA_BYTES_MAX = 4096;
const LOCAL_ORIGIN = /^http:\/\/localhost(:\d{1,5})?$/;

/**
 * The relying party a stored passkey assertion is re-verified against, long after it was made.
 * Configured (CUSTOS_PORTAL_ORIGIN): that relying party, so the assertion must come from one of
 * its origins. Not configured: the development portal on http://localhost, whose port may have
 * changed since, so the origin the browser recorded is accepted when it is a localhost one.
 * Anything else has no relying party: the evidence does not verify.
 */
export function evidenceRelyingParty(
  configured: RelyingParty | undefined,
  clientDataJson: Uint8Array,
): RelyingParty | null {
  if (configured !== undefined) return configured;
  if (clientDataJson.length > CLIENT_DATA_BYTES_MAX) return null;
  let origin: unknown;
  try {
    origin = (JSON.parse(Buffer.from(clientDataJson).toString('utf8')) as { origin?: unknown })
      .origin;
  } catch {
    return null;
  }
  if (typeof origin !== 'string' || !LOCAL_ORIGIN.test(origin)) return null;
  return { rpId: 'localhost', rpName: 'Custos (development)', origins: [origin] };
}
