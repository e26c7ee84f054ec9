// The browser runs the same verifier as `custos pol verify` (src/pol/pol-proof.ts is pure).
import { POL_PROOF_BYTES_MAX } from '../../../src/pol/pol-limits.js';
import { verifyPolProof, type PolVerifyResult } from '../../../src/pol/pol-proof.js';

export type ProofCheck = PolVerifyResult | { ok: false; step: 'input'; message: string };

/** Parses pasted or uploaded text and verifies it, optionally against a published root. */
export function checkProofText(text: string, expectedRoot: string): ProofCheck {
  if (new TextEncoder().encode(text).length > POL_PROOF_BYTES_MAX)
    return { ok: false, step: 'input', message: `a proof is at most ${POL_PROOF_BYTES_MAX} bytes` };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: false, step: 'input', message: 'not JSON' };
  }
  const root = expectedRoot.trim().toLowerCase();
  return verifyPolProof(document, root === '' ? {} : { rootHash: root });
}
