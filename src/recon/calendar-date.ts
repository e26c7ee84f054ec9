import { assert } from '../assert.js';

/**
 * Calendar dates as `YYYY-MM-DD` strings. Statements carry bank business dates, not instants,
 * so no time zone conversion happens: a camt DtTm keeps the date written in the file.
 */

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})?$/;

/** Two-digit years below this pivot are 20YY, the rest 19YY (MT940 YYMMDD). */
const TWO_DIGIT_YEAR_PIVOT = 80;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  assert(month >= 1 && month <= 12, 'month out of range');
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === 2) return leap ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? 31;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  if (!Number.isInteger(day) || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function formatIsoDate(year: number, month: number, day: number): string {
  assert(isValidCalendarDate(year, month, day), `not a calendar date: ${year}-${month}-${day}`);
  const yyyy = String(year).padStart(4, '0');
  return `${yyyy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Returns the date when `text` is a valid `YYYY-MM-DD`, otherwise undefined. */
export function parseIsoDate(text: string): string | undefined {
  // Read by character codes rather than a regular expression: this runs for every date of
  // every entry. Exactly `YYYY-MM-DD` with ASCII digits (calendar-date.test.ts checks it
  // against the pattern it replaces).
  if (text.length !== 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) {
    return undefined;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  return isValidCalendarDate(year, month, day) ? text : undefined;
}

const DASH = 0x2d;
const DIGIT_0 = 0x30;

/** The decimal value of `count` ASCII digits from `from`, or -1 when one is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let at = from; at < from + count; at++) {
    const digit = text.charCodeAt(at) - DIGIT_0;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Returns the date part of a valid ISO 8601 date-time, otherwise undefined. */
export function parseIsoDateTime(text: string): string | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (match === null) return undefined;
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  if (hour > 24 || minute > 59 || second > 60) return undefined;
  return parseIsoDate(text.slice(0, 10));
}

export function yearFromTwoDigits(twoDigits: number): number {
  assert(Number.isInteger(twoDigits) && twoDigits >= 0 && twoDigits <= 99, 'two-digit year');
  return twoDigits < TWO_DIGIT_YEAR_PIVOT ? 2000 + twoDigits : 1900 + twoDigits;
}

/**
 * Picks the year for a month-day that comes without one (MT940 entry date MMDD) so that the
 * date lands nearest to the reference date. A 31 December value date with a 02 January entry
 * date therefore books in the next year, and the reverse books in the previous year.
 */
export function nearestYearForMonthDay(referenceIso: string, month: number, day: number): number {
  assert(parseIsoDate(referenceIso) !== undefined, 'reference must be a calendar date');
  const referenceYear = Number(referenceIso.slice(0, 4));
  const referenceDay = Date.UTC(
    referenceYear,
    Number(referenceIso.slice(5, 7)) - 1,
    Number(referenceIso.slice(8, 10)),
  );
  let bestYear = referenceYear;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const year of [referenceYear - 1, referenceYear, referenceYear + 1]) {
    const candidate = Date.UTC(year, month - 1, Math.min(day, daysInMonth(year, month)));
    const distance = Math.abs(candidate - referenceDay);
    if (distance < bestDistance) {
      bestDistance = distance;
      bestYear = year;
    }
  }
  assert(Math.abs(bestYear - referenceYear) <= 1, 'entry year stays next to the value year');
  return bestYear;
}
