import { daysInMonth, formatIsoDate, yearFromTwoDigits } from './calendar-date.js';
import { failParse, type ParseWarning } from './parse-result.js';

/**
 * Builds a date from MT940 parts. Some banks write 30 February (or 31 April) for value dates
 * computed on a 30/360 basis; the date then becomes the last day of the month, with a warning,
 * because rejecting the whole statement for it would block reconciliation of real money.
 */
export function mt940CalendarDate(
  year: number,
  month: number,
  day: number,
  at: { line: number; warnings: ParseWarning[] },
): string {
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    failParse('bad_date', `line ${at.line}: month ${month} day ${day} is not a date`, {
      line: at.line,
    });
  }
  const lastDay = daysInMonth(year, month);
  if (day > lastDay) {
    at.warnings.push({
      code: 'date_clamped',
      message: `line ${at.line}: ${year}-${month}-${day} does not exist; using day ${lastDay}`,
      line: at.line,
    });
    return formatIsoDate(year, month, lastDay);
  }
  return formatIsoDate(year, month, day);
}

/** YYMMDD → YYYY-MM-DD. */
export function mt940ReadDate(
  yymmdd: string,
  at: { line: number; warnings: ParseWarning[] },
): string {
  if (!/^\d{6}$/.test(yymmdd)) {
    failParse('bad_date', `line ${at.line}: '${yymmdd}' is not YYMMDD`, { line: at.line });
  }
  const year = yearFromTwoDigits(Number(yymmdd.slice(0, 2)));
  return mt940CalendarDate(year, Number(yymmdd.slice(2, 4)), Number(yymmdd.slice(4, 6)), at);
}
