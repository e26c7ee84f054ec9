import { assert } from '../assert.js';
import { nearestYearForMonthDay } from './calendar-date.js';
import { mt940ReadAmount } from './mt940-amount.js';
import { mt940CalendarDate, mt940ReadDate } from './mt940-date.js';
import { failParse, type ParseWarning } from './parse-result.js';
import type { EntryStatus } from './statement.js';

/** D/C marks: C credit, D debit, RC reversal of credit, RD reversal of debit, EC/ED expected. */
export type Mt940Mark = 'C' | 'D' | 'RC' | 'RD' | 'EC' | 'ED';

export interface Mt940StatementLine {
  readonly valueDate: string;
  readonly entryDate?: string;
  readonly mark: Mt940Mark;
  readonly fundsCode?: string;
  /** Signed effect on the account. */
  readonly amountMinor: bigint;
  readonly swiftType: string;
  readonly customerReference?: string;
  readonly bankReference?: string;
  readonly supplementaryDetails?: string;
  readonly reversal: boolean;
  readonly status: EntryStatus;
}

// 6!n[4!n]2a[1!a]15d1!a3!c16x[//16x] — the mark alternatives are ordered so that RC/RD win
// over C/D, and the funds code is the single letter between mark and amount (`CR300,` is a
// credit in EUR with funds code R, `RCR204,88` a reversed credit with funds code R).
const LINE_PATTERN =
  /^(\d{6})(\d{4})?(RC|RD|EC|ED|C|D)([A-Z])?(\d[\d,]{0,14})([NSF][A-Za-z0-9]{3})(.*)$/;

const NO_REFERENCE = 'NONREF';

/** Effect on the account per mark: a reversal of a credit takes money out, and vice versa. */
const MARK_SIGN: Readonly<Record<Mt940Mark, 1n | -1n>> = {
  C: 1n,
  D: -1n,
  RC: -1n,
  RD: 1n,
  EC: 1n,
  ED: -1n,
};

export function mt940ReadStatementLine(
  lines: readonly string[],
  currency: string,
  at: { line: number; warnings: ParseWarning[] },
): Mt940StatementLine {
  const first = (lines[0] ?? '').trimEnd();
  const match = LINE_PATTERN.exec(first);
  if (match === null) {
    failParse('malformed_mt940', `line ${at.line}: :61: '${first}' does not match the layout`, {
      line: at.line,
    });
  }
  const [, valueText = '', entryText, markText = '', funds, amountText = '', type = '', rest = ''] =
    match;
  const mark = markText as Mt940Mark;
  const valueDate = mt940ReadDate(valueText, at);
  const magnitude = mt940ReadAmount(amountText, currency, at.line);
  const slashes = rest.indexOf('//');
  const ownerReference = (slashes === -1 ? rest : rest.slice(0, slashes)).trim();
  const bankReference = slashes === -1 ? '' : rest.slice(slashes + 2).trim();
  const supplementary = lines.slice(1).join('\n').trim();
  const result: Mt940StatementLine = {
    valueDate,
    ...(entryText === undefined ? {} : { entryDate: mt940EntryDate(valueDate, entryText, at) }),
    mark,
    ...(funds === undefined ? {} : { fundsCode: funds }),
    amountMinor: MARK_SIGN[mark] * magnitude,
    swiftType: type,
    ...(ownerReference === '' || ownerReference === NO_REFERENCE
      ? {}
      : { customerReference: ownerReference }),
    ...(bankReference === '' ? {} : { bankReference }),
    ...(supplementary === '' ? {} : { supplementaryDetails: supplementary }),
    reversal: mark === 'RC' || mark === 'RD',
    status: mark === 'EC' || mark === 'ED' ? 'pending' : 'booked',
  };
  assert(magnitude >= 0n, 'magnitude is unsigned');
  return result;
}

/** MMDD without a year: the year that puts it nearest the value date (handles rollover). */
function mt940EntryDate(
  valueDate: string,
  mmdd: string,
  at: { line: number; warnings: ParseWarning[] },
): string {
  const month = Number(mmdd.slice(0, 2));
  const day = Number(mmdd.slice(2, 4));
  if (month < 1 || month > 12) {
    failParse('bad_date', `line ${at.line}: entry date '${mmdd}' is not MMDD`, { line: at.line });
  }
  return mt940CalendarDate(nearestYearForMonthDay(valueDate, month, day), month, day, at);
}
