import { statementCurrencyExponent } from '../money/index.js';
import { minorToDecimal } from './decimal-amount.js';
import type { GeneratedStatement } from './test-arbitrary-statement.js';

/** Test-only: writes a generated statement as an MT940 message inside a SWIFT envelope. */
export function renderMt940(statement: GeneratedStatement, lineEnding: '\r\n' | '\n'): string {
  const { currency } = statement;
  const lines = [
    '{1:F01TESTNL2AXXXX0000000000}{2:O9401200240301TESTNL2AXXXX00000000002403011200N}{4:',
    `:20:CUSTOS${statement.statementNumber}`,
    `:25:${statement.iban}`,
    `:28C:${statement.statementNumber}/1`,
    `:60F:${mt940Balance(statement.openingMinor, statement.openingDate, currency)}`,
  ];
  for (const entry of statement.entries) {
    const mark = entry.amountMinor < 0n ? 'D' : 'C';
    const amount = mt940Amount(entry.amountMinor, currency);
    const entryDate = entry.bookingDate.slice(5, 7) + entry.bookingDate.slice(8, 10);
    const reference = entry.endToEndId ?? 'NONREF';
    const bank = entry.bankReference === undefined ? '' : `//${entry.bankReference}`;
    lines.push(`:61:${yymmdd(entry.valueDate)}${entryDate}${mark}${amount}NTRF${reference}${bank}`);
    if (entry.remittanceText !== undefined) lines.push(`:86:${entry.remittanceText}`);
  }
  const closingDate = statement.entries.at(-1)?.valueDate ?? statement.openingDate;
  lines.push(`:62F:${mt940Balance(statement.closingMinor, closingDate, currency)}`, '-}');
  return lines.join(lineEnding);
}

function mt940Balance(amountMinor: bigint, date: string, currency: string): string {
  const mark = amountMinor < 0n ? 'D' : 'C';
  return `${mark}${yymmdd(date)}${currency}${mt940Amount(amountMinor, currency)}`;
}

/** Unsigned, decimal comma always present (`2700,` for JPY). */
function mt940Amount(amountMinor: bigint, currency: string): string {
  const magnitude = amountMinor < 0n ? -amountMinor : amountMinor;
  const text = minorToDecimal(magnitude, currency, ',');
  return statementCurrencyExponent(currency) === 0 ? `${text},` : text;
}

function yymmdd(isoDate: string): string {
  return isoDate.slice(2, 4) + isoDate.slice(5, 7) + isoDate.slice(8, 10);
}
