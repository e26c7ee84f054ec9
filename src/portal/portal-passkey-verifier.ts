import {
  failure,
  success,
  type PasskeyCheck,
  type PasskeyVerifier,
  type Result,
} from '../custody/index.js';
import type { Queryable } from '../store/index.js';
import { advanceSignCount, findCredential, type StoredCredential } from './credential-store.js';
import { reason } from './passkey-enrolment.js';
import type { RelyingParty } from './relying-party.js';
import { webAuthnLibrary } from './webauthn-library.js';

/**
 * Verifies the WebAuthn assertion of a passkey authorization: the challenge must be the one
 * custody recomputed from the instruction, the signature must verify against the payer's
 * stored public key with user verification, and `counter` (when given) must be exceeded.
 */
export async function verifyPasskeyAssertion(
  rp: RelyingParty,
  credential: StoredCredential,
  check: PasskeyCheck,
  counter: number,
): Promise<Result<{ newCounter: number }>> {
  const assertion = check.assertion;
  try {
    const { verifyAuthenticationResponse } = await webAuthnLibrary();
    const verified = await verifyAuthenticationResponse({
      response: {
        id: assertion.credentialId,
        rawId: assertion.credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          authenticatorData: assertion.authenticatorData,
          clientDataJSON: assertion.clientDataJSON,
          signature: assertion.signature,
          ...(assertion.userHandle === undefined ? {} : { userHandle: assertion.userHandle }),
        },
      },
      expectedChallenge: check.challenge.toString('base64url'),
      expectedOrigin: [...rp.origins],
      expectedRPID: rp.rpId,
      credential: { id: credential.id, publicKey: credential.publicKey, counter },
      requireUserVerification: true,
    });
    if (!verified.verified)
      return failure('bad_passkey_assertion', 'the passkey assertion does not verify');
    return success({ newCounter: verified.authenticationInfo.newCounter });
  } catch (error) {
    const message = reason(error);
    if (/counter/i.test(message))
      return failure('passkey_counter_regressed', 'the passkey signature counter went backwards');
    if (/challenge/i.test(message))
      return failure(
        'bad_passkey_assertion',
        'the passkey signed a different instruction (the challenge does not match)',
      );
    return failure('bad_passkey_assertion', `the passkey assertion was refused: ${message}`);
  }
}

/** Checks the credential's owner and state, the assertion, then advances the counter. */
export function portalPasskeyVerifier(db: Queryable, rp: () => RelyingParty): PasskeyVerifier {
  return {
    async verify(check, nowMs) {
      const credential = await findCredential(db, check.assertion.credentialId);
      if (
        credential === null ||
        credential.platformId !== check.platformId ||
        credential.customerId !== check.customerId
      )
        return failure('passkey_unknown', 'this passkey is not registered to the payer');
      if (credential.revoked) return failure('passkey_unknown', 'this passkey was revoked');
      const verified = await verifyPasskeyAssertion(rp(), credential, check, credential.signCount);
      if (!verified.ok) return verified;
      if (!(await advanceSignCount(db, credential.id, verified.value.newCounter, nowMs)))
        return failure('passkey_counter_regressed', 'the passkey signature counter went backwards');
      return success(undefined);
    },
  };
}
