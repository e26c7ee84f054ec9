import { assert } from '../assert.js';
import { currencyExponent, formatAmount, parseAmount } from '../money/index.js';
import type { CurrencyAmounts } from './rule-schema-parts.js';

/**
 * Internal aggregates hold minor units as numbers: exact for every integer below 2^53 (about
 * 9 × 10^13 CNY), far above any threshold, so comparisons at thresholds are exact.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  const whole = Math.round(amountMinor);
  if (currencyExponent(currency) === undefined) return `${whole} ${currency} (minor units)`;
  return `${formatAmount(BigInt(whole), currency)} ${currency}`;
}

/** Validated per-currency amounts as minor units; null when the rule names none. */
export function compileAmounts(amounts: CurrencyAmounts | undefined): Map<string, number> | null {
  if (amounts === undefined) return null;
  const compiled = new Map<string, number>();
  for (const [currency, text] of Object.entries(amounts)) {
    const parsed = parseAmount(text, currency);
    assert(parsed.ok, `amount ${text} ${currency} passed validation`);
    compiled.set(currency, Number(parsed.amountMinor));
  }
  return compiled;
}
