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
