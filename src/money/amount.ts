import { assert } from '../assert.js';
import { currencyExponent } from './currency-exponents.js';

/**
 * The largest amount one instruction may carry, in minor units. It keeps every counter sum
 * of a batch far inside PostgreSQL's int8 range (2^63 - 1), so a batch can never overflow.
 */
export const AMOUNT_MINOR_MAX = 10n ** 15n;
/** The longest decimal string accepted at the edge (digits, sign and point). */
export const AMOUNT_TEXT_LENGTH_MAX = 32;

export type AmountParseError =
  { code: 'unknown_currency'; currency: string } | { code: 'bad_amount'; reason: string };

export type AmountParseResult =
  { ok: true; amountMinor: bigint } | { ok: false; error: AmountParseError };

const DECIMAL_PATTERN = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * Parses a positive decimal string ("1250.5") into minor units for the currency, refusing
 * negative numbers, exponents, thousands separators and more decimals than the currency has.
 */
export function parseAmount(text: string, currency: string): AmountParseResult {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) return { ok: false, error: { code: 'unknown_currency', currency } };
  if (text.length === 0 || text.length > AMOUNT_TEXT_LENGTH_MAX) {
    return { ok: false, error: { code: 'bad_amount', reason: 'empty or too long' } };
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) {
    return { ok: false, error: { code: 'bad_amount', reason: `not a positive decimal: ${text}` } };
  }
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    const reason = `${currency} has ${exponent} decimal places, got ${fraction.length}`;
    return { ok: false, error: { code: 'bad_amount', reason } };
  }
  const amountMinor = BigInt(whole + fraction.padEnd(exponent, '0'));
  if (amountMinor <= 0n) return { ok: false, error: { code: 'bad_amount', reason: 'must be > 0' } };
  if (amountMinor > AMOUNT_MINOR_MAX) {
    return { ok: false, error: { code: 'bad_amount', reason: 'exceeds the maximum amount' } };
  }
  return { ok: true, amountMinor };
}

/** Formats signed minor units as a plain decimal string with the currency's decimals. */
export function formatAmount(amountMinor: bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  assert(exponent !== undefined, `unknown currency ${currency}`);
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent === 0 ? '' : '.' + digits.slice(digits.length - exponent);
  return (negative ? '-' : '') + whole + fraction;
}
