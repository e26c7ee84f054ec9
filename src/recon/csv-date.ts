import { assert } from '../assert.js';
import {
  formatIsoDate,
  isValidCalendarDate,
  parseIsoDate,
  parseIsoDateTime,
  yearFromTwoDigits,
} from './calendar-date.js';
import type { CsvDateFormat } from './csv-mapping.js';

interface DateLayout {
  readonly pattern: RegExp;
  /** Where year, month and day sit in the matched groups. */
  readonly order: 'ymd' | 'dmy' | 'mdy';
}

const LAYOUTS: Readonly<Record<Exclude<CsvDateFormat, 'ISO8601'>, DateLayout>> = {
  YYYYMMDD: { pattern: /^(\d{4})(\d{2})(\d{2})$/, order: 'ymd' },
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: 'dmy' },
  'DD.MM.YY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{2})$/, order: 'dmy' },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: 'dmy' },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: 'mdy' },
  'DD-MM-YYYY': { pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: 'dmy' },
};

/** Reads a CSV date in the mapping's format; undefined when it does not fit or is no date. */
export function csvReadDate(text: string, format: CsvDateFormat): string | undefined {
  if (format === 'ISO8601') return parseIsoDate(text) ?? parseIsoDateTime(text);
  const layout = LAYOUTS[format];
  const match = layout.pattern.exec(text);
  if (match === null) return undefined;
  const parts = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [first = 0, second = 0, third = 0] = parts;
  let year = layout.order === 'ymd' ? first : third;
  const month = layout.order === 'mdy' ? first : second;
  const day = layout.order === 'ymd' ? third : layout.order === 'dmy' ? first : second;
  if (format === 'DD.MM.YY') year = yearFromTwoDigits(year);
  if (!isValidCalendarDate(year, month, day)) return undefined;
  const date = formatIsoDate(year, month, day);
  assert(date.length === 10, 'ISO date');
  return date;
}
