import type { InstructionRoute } from './route-instruction.js';
import type { InstructionInput } from './instruction.js';

/** Evidence kept with an instruction so anyone can re-verify who authorized it. */
export type AuthorizationEvidence =
  | {
      kind: 'signature';
      customerId: string;
      keyId: string;
      nonce: string;
      expiresAt: string;
      signature: string;
    }
  | { kind: 'mandate'; customerId: string; mandateId: string }
  | {
      kind: 'passkey';
      customerId: string;
      credentialId: string;
      nonce: string;
      expiresAt: string;
      /** base64url of the SHA-256 challenge recomputed from the instruction. */
      challenge: string;
      authenticatorData: string;
      clientDataJSON: string;
      signature: string;
      userHandle: string | null;
      paymentRequestId: string | null;
    }
  | { kind: 'none' };

/**
 * An instruction that passed every check that needs no locked state: shape, routing and the
 * signature itself. The batch still checks idempotency, nonce reuse, key revocation, mandate
 * limits, freezes and balances under row locks.
 */
export interface PreparedInstruction {
  id: string;
  platformId: string;
  input: InstructionInput;
  requestHash: Buffer;
  route: InstructionRoute;
  authorization: AuthorizationEvidence;
  holdReason: string | null;
  submittedBy: string;
  nowMs: number;
}
