import { assert } from '../assert.js';
import { statementCurrencyExponent } from '../money/index.js';
import { AMOUNT_TEXT_CHARS_MAX } from './limits.js';

/**
 * Decimal text ⇄ integer minor units. The conversion is done on the digit string, so no binary
 * float ever holds an amount, and an amount with more decimals than the currency allows is
 * rejected rather than rounded: a reconciliation that silently rounds hides real differences.
 */

export type DecimalSeparator = '.' | ',';

export interface DecimalFormat {
  readonly decimalSeparator: DecimalSeparator;
  /** Accept a leading `+` or `-` (CSV); camt and MT940 carry the sign elsewhere. */
  readonly signed: boolean;
}

export interface AmountFailure {
  readonly code: 'bad_amount' | 'unknown_currency';
  readonly message: string;
}

export type DecimalToMinorResult =
  | { readonly ok: true; readonly amountMinor: bigint }
  | { readonly ok: false; readonly error: AmountFailure };

const UNSIGNED_DOT: DecimalFormat = { decimalSeparator: '.', signed: false };

const PATTERN_DOT = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const PATTERN_COMMA = /^([+-]?)(\d*)(?:,(\d*))?$/;

export function decimalToMinor(
  text: string,
  currency: string,
  format: DecimalFormat = UNSIGNED_DOT,
): DecimalToMinorResult {
  const exponent = statementCurrencyExponent(currency);
  if (exponent === undefined) {
    return failure('unknown_currency', `unknown currency code '${currency}'`);
  }
  if (text.length === 0 || text.length > AMOUNT_TEXT_CHARS_MAX) {
    return failure('bad_amount', `amount '${clip(text)}' is empty or too long`);
  }
  const plainMinor = plainDecimalToMinor(text, exponent, format.decimalSeparator);
  if (plainMinor !== undefined) return { ok: true, amountMinor: plainMinor };
  const pattern = format.decimalSeparator === '.' ? PATTERN_DOT : PATTERN_COMMA;
  const match = pattern.exec(text);
  if (match === null) return failure('bad_amount', `amount '${clip(text)}' is not a decimal`);
  const sign = match[1] ?? '';
  const integerDigits = match[2] ?? '';
  const fractionDigits = match[3] ?? '';
  if (integerDigits.length + fractionDigits.length === 0) {
    return failure('bad_amount', `amount '${clip(text)}' has no digits`);
  }
  if (sign !== '' && !format.signed) {
    return failure('bad_amount', `amount '${clip(text)}' must not carry a sign`);
  }
  if (fractionDigits.length > exponent) {
    return failure(
      'bad_amount',
      `amount '${clip(text)}' has ${fractionDigits.length} decimals but ${currency} allows ` +
        `${exponent}`,
    );
  }
  const magnitude = BigInt((integerDigits || '0') + fractionDigits.padEnd(exponent, '0'));
  const amountMinor = sign === '-' ? -magnitude : magnitude;
  assert(amountMinor >= 0n || sign === '-', 'only a minus sign makes an amount negative');
  return { ok: true, amountMinor };
}

/** Renders minor units as a plain decimal (`-12.34`, `2700` for JPY). */
export function minorToDecimal(
  amountMinor: bigint,
  currency: string,
  decimalSeparator: DecimalSeparator = '.',
): string {
  const exponent = statementCurrencyExponent(currency);
  assert(exponent !== undefined, `minorToDecimal: unknown currency ${currency}`);
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, '0');
  const integerPart = digits.slice(0, digits.length - exponent);
  const fractionPart = digits.slice(digits.length - exponent);
  assert(integerPart.length >= 1, 'integer part always has a digit');
  const body = exponent === 0 ? integerPart : `${integerPart}${decimalSeparator}${fractionPart}`;
  return negative ? `-${body}` : body;
}

/** Digits a double holds exactly, with room to spare (2^53 has 16). */
const PLAIN_DIGITS_MAX = 15;
const DIGIT_0 = 0x30;

/**
 * The common amount, unsigned ASCII digits with at most one separator and no more decimals
 * than the currency has, read without the pattern and its strings. The value is the one the
 * general path gives; undefined hands anything else (and every error) to that path.
 */
function plainDecimalToMinor(
  text: string,
  exponent: number,
  separator: DecimalSeparator,
): bigint | undefined {
  const separatorCode = separator.charCodeAt(0);
  let value = 0;
  let digits = 0;
  let separatorAt = -1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === separatorCode && separatorAt === -1) {
      separatorAt = index;
      continue;
    }
    const digit = code - DIGIT_0;
    if (!(digit >= 0 && digit <= 9)) return undefined;
    value = value * 10 + digit;
    digits += 1;
  }
  const fractionDigits = separatorAt === -1 ? 0 : text.length - separatorAt - 1;
  const padding = exponent - fractionDigits;
  if (digits === 0 || padding < 0 || digits + padding > PLAIN_DIGITS_MAX) return undefined;
  for (let scale = 0; scale < padding; scale++) value *= 10;
  return BigInt(value);
}

function failure(code: AmountFailure['code'], message: string): DecimalToMinorResult {
  return { ok: false, error: { code, message } };
}

function clip(text: string): string {
  return text.length > AMOUNT_TEXT_CHARS_MAX ? `${text.slice(0, AMOUNT_TEXT_CHARS_MAX)}…` : text;
}
