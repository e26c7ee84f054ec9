import type { Result } from './errors.js';
import type { PasskeyCheck } from './prepare-instruction.js';

/**
 * Checks a passkey assertion against the payer's stored credential (public key, owner,
 * revocation, signature counter) and advances the counter. Custody knows the challenge; the
 * verifier knows the credentials and the relying party (src/portal).
 */
export interface PasskeyVerifier {
  verify(check: PasskeyCheck, nowMs: number): Promise<Result<void>>;
}
