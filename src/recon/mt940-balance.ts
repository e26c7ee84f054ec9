import { mt940ReadAmount } from './mt940-amount.js';
import { mt940ReadDate } from './mt940-date.js';
import { failParse, type ParseWarning } from './parse-result.js';
import type { StatementBalance } from './statement.js';

const BALANCE_PATTERN = /^([CD])(\d{6})([A-Z]{3})(\d[\d,]*)$/;

/** Reads :60F:, :60M:, :62F:, :62M:, :64: or :65: (`1!a6!n3!a15d`). */
export function mt940ReadBalance(
  tag: string,
  value: string,
  at: { line: number; warnings: ParseWarning[] },
): StatementBalance {
  const match = BALANCE_PATTERN.exec(value.trim());
  if (match === null) {
    failParse(
      'malformed_mt940',
      `line ${at.line}: :${tag}: '${value}' is not D/C, YYMMDD, CCY, amount`,
      {
        line: at.line,
      },
    );
  }
  const [, mark = '', dateText = '', currency = '', amountText = ''] = match;
  const magnitude = mt940ReadAmount(amountText, currency, at.line);
  return {
    type: tag,
    amountMinor: mark === 'D' ? -magnitude : magnitude,
    currency,
    date: mt940ReadDate(dateText, at),
  };
}
