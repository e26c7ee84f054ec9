// The browser runs the same verifier as `custos pol verify` (src/pol/pol-proof.ts is pure).
import { POL_PROOF_BYTES_MAX } from '../../../src/pol/pol-limits.js';
import { verifyPolProof, type PolVerifyResult } from '../../../src/pol/pol-proof.js';
import type { PolRoot, TransparencyReport } from './pol-types.js';

export type ProofCheck = PolVerifyResult | { ok: false; step: 'input'; message: string };

/** What the page needs to look up the published root before verifying. */
export interface ProofIdentity {
  platformId: string;
  treeId: string;
  currency: string;
  date: string;
}

/** Parses pasted or uploaded text: the proof document, or the reason it is not one. */
export function parseProofText(text: string): { document: unknown } | ProofCheck {
  if (new TextEncoder().encode(text).length > POL_PROOF_BYTES_MAX)
    return { ok: false, step: 'input', message: `a proof is at most ${POL_PROOF_BYTES_MAX} bytes` };
  try {
    return { document: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, step: 'input', message: 'not JSON' };
  }
}

/** The tree a proof document names, when it names one well enough to look its root up. */
export function proofIdentity(document: unknown): ProofIdentity | null {
  if (typeof document !== 'object' || document === null) return null;
  const { platformId, treeId, currency, date } = document as Record<string, unknown>;
  return typeof platformId === 'string' &&
    typeof treeId === 'string' &&
    typeof currency === 'string' &&
    typeof date === 'string'
    ? { platformId, treeId, currency, date }
    : null;
}

/**
 * The root published for the proof's tree (same platform, currency and date), from the roots
 * list or the public transparency report; null when neither lists that tree.
 */
export function publishedRootFor(
  proof: ProofIdentity,
  roots: readonly PolRoot[],
  report: TransparencyReport | null,
): string | null {
  const listed = roots.find(
    (root) =>
      root.treeId === proof.treeId && root.currency === proof.currency && root.date === proof.date,
  );
  if (listed !== undefined) return listed.rootHash;
  if (report === null || report.platformId !== proof.platformId) return null;
  const newest = report.currencies.find(
    (row) => row.currency === proof.currency,
  )?.proofOfLiabilities;
  return newest !== null &&
    newest !== undefined &&
    newest.treeId === proof.treeId &&
    newest.date === proof.date
    ? newest.rootHash
    : null;
}

/**
 * Verifies parsed text against a published root. Without one the result is never `anchored`:
 * a proof that only agrees with itself may be forged, and the page says so.
 */
export function checkProofText(text: string, expectedRoot: string): ProofCheck {
  const parsed = parseProofText(text);
  if (!('document' in parsed)) return parsed;
  const root = expectedRoot.trim().toLowerCase();
  return verifyPolProof(parsed.document, root === '' ? {} : { rootHash: root });
}
