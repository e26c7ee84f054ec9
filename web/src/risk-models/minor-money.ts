import { currencyExponent } from '../../../src/money/currency-exponents.js';
import { groupDigits, minorToDecimal } from '../format/format-amount.js';

/** Minor units as grouped decimal text in the currency's exponent: ("125050", "CNY") → 1,250.50. */
export function minorText(minor: string, currency: string): string {
  return groupDigits(minorToDecimal(minor, currencyExponent(currency) ?? 2));
}

/** Minor units as a number of major units, for chart axes only (never for amounts shown). */
export function minorToMajorNumber(minor: string, currency: string): number {
  return Number(minor) / 10 ** (currencyExponent(currency) ?? 2);
}

/** A compact axis label: 1.2M, 350k. */
export function compactNumber(value: number): string {
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(
    value,
  );
}
