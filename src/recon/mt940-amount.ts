import { assert } from '../assert.js';
import { decimalToMinor } from './decimal-amount.js';
import { failParse } from './parse-result.js';

/**
 * MT940 amounts (`15d`) always carry a decimal comma, with or without decimals after it
 * (`380115,`, `0,12`). Text without exactly one comma is refused rather than read as whole
 * units, because a bank that drops the comma has a format we would otherwise misread by 100×.
 */
export function mt940ReadAmount(text: string, currency: string, line: number): bigint {
  const commas = text.split(',').length - 1;
  if (commas !== 1) {
    failParse('bad_amount', `line ${line}: MT940 amount '${text}' needs exactly one comma`, {
      line,
    });
  }
  const converted = decimalToMinor(text, currency, { decimalSeparator: ',', signed: false });
  if (!converted.ok) {
    failParse(converted.error.code, `line ${line}: ${converted.error.message}`, { line });
  }
  assert(converted.amountMinor >= 0n, 'MT940 amounts are unsigned');
  return converted.amountMinor;
}
