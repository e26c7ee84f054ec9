import { currencyExponent } from '../../../../src/money/currency-exponents.js';
import { verifyPolProof, type PolVerifyStep } from '../../../../src/pol/pol-proof.js';
import type { TransparencyReport } from '../../pol/pol-types.js';

export type MyProofCheck =
  | {
      ok: true;
      treeId: string;
      currency: string;
      date: string;
      rootHash: string;
      balance: string;
    }
  | { ok: false; step: PolVerifyStep | 'not-published'; message: string };

/** Minor units as a decimal string in the currency's exponent (bigint: no rounding). */
export function balanceText(balanceMinor: bigint, currency: string): string {
  const exponent = currencyExponent(currency) ?? 0;
  const negative = balanceMinor < 0n;
  const digits = (negative ? -balanceMinor : balanceMinor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(digits.length - exponent)}`;
  return `${negative ? '-' : ''}${whole}${fraction} ${currency}`;
}

/**
 * Verifies my proof in the browser against the root the platform published for the proof's
 * currency: the proof must be mine, its path must lead to its root, and that root must be the
 * published one. Pure; the caller fetches the proof and the public report.
 */
export function checkMyProof(
  proof: unknown,
  report: TransparencyReport,
  customerId: string,
): MyProofCheck {
  const currency =
    typeof proof === 'object' && proof !== null && 'currency' in proof
      ? String((proof as { currency: unknown }).currency)
      : '';
  const published = report.currencies.find(
    (entry) => entry.currency === currency,
  )?.proofOfLiabilities;
  if (published === null || published === undefined)
    return {
      ok: false,
      step: 'not-published',
      message: `no published root for ${currency === '' ? 'this proof' : currency}`,
    };
  const result = verifyPolProof(proof, { customerId, rootHash: published.rootHash });
  if (!result.ok) return result;
  return {
    ok: true,
    treeId: result.treeId,
    currency: result.currency,
    date: result.date,
    rootHash: result.rootHash,
    balance: balanceText(result.balanceMinor, result.currency),
  };
}
