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

/** What the pre-posting gates said when they held an instruction (stored with it). */
export interface GateHold {
  /** Rule ids of every gate that did not allow. */
  ruleIds: string[];
  /** The gates' combined reason, clipped to HOLD_NOTE_LENGTH_MAX. */
  note: string;
  /** Review workflows that must clear before the hold may be released (e.g. 'screening'). */
  reviewsPending: string[];
}

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
  /** Set when a gate held the instruction, also one that is held for approval anyway. */
  gateHold?: GateHold;
  submittedBy: string;
  nowMs: number;
}
