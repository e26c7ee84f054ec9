import { describe, expect, it } from 'vitest';
import {
  daysInMonth,
  nearestYearForMonthDay,
  parseIsoDate,
  parseIsoDateTime,
  yearFromTwoDigits,
} from './calendar-date.js';

describe('calendar dates', () => {
  it('validates ISO dates and date-times', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('2024-13-01')).toBeUndefined();
    expect(parseIsoDateTime('2014-12-31T13:15:00+01:00')).toBe('2014-12-31');
    expect(parseIsoDateTime('2014-12-31T13:15:00.123Z')).toBe('2014-12-31');
    expect(parseIsoDateTime('2014-12-31 13:15')).toBeUndefined();
  });

  it('knows month lengths including leap years', () => {
    expect([daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(1900, 2)]).toEqual([
      29, 28, 28,
    ]);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2024, 4)).toBe(30);
  });

  it('pivots two-digit years at 80', () => {
    expect([yearFromTwoDigits(7), yearFromTwoDigits(79), yearFromTwoDigits(80)]).toEqual([
      2007, 2079, 1980,
    ]);
  });

  it('rolls the entry year over around new year', () => {
    expect(nearestYearForMonthDay('2023-12-31', 1, 2)).toBe(2024);
    expect(nearestYearForMonthDay('2024-01-02', 12, 30)).toBe(2023);
    expect(nearestYearForMonthDay('2024-06-15', 6, 14)).toBe(2024);
  });
});
