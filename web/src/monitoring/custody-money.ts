import { groupDigits, minorToDecimal } from '../format/index.js';

/**
 * ISO 4217 codes whose minor unit is not a hundredth; every other code the books accept has
 * two decimals. The dashboard gets bare minor units, so it needs the exponent to read them. A
 * test compares this table with the server's (src/money), so the two cannot drift apart.
 */
export const EXPONENTS_NOT_TWO: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

export function currencyExponent(currency: string): number {
  return Object.hasOwn(EXPONENTS_NOT_TWO, currency) ? (EXPONENTS_NOT_TWO[currency] ?? 2) : 2;
}

/** Integer minor units in text as a grouped decimal: ("123456789", "CNY") → "1,234,567.89". */
export function formatMinor(minor: string, currency: string): string {
  return groupDigits(minorToDecimal(minor, currencyExponent(currency)));
}
