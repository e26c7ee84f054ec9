import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysInMonth,
  nearestYearForMonthDay,
  parseIsoDate,
  parseIsoDateTime,
  yearFromTwoDigits,
} from './calendar-date.js';

describe('calendar dates', () => {
  it('reads exactly the YYYY-MM-DD texts that are calendar dates', () => {
    const shape = /^(\d{4})-(\d{2})-(\d{2})$/;
    const reference = (text: string): string | undefined => {
      const match = shape.exec(text);
      if (match === null) return undefined;
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(2000, month - 1, day));
      date.setUTCFullYear(year);
      const ok =
        year >= 1 &&
        month >= 1 &&
        month <= 12 &&
        date.getUTCMonth() === month - 1 &&
        date.getUTCDate() === day;
      return ok ? text : undefined;
    };
    const near = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      );
    const mutated = fc
      .tuple(near, fc.nat(11), fc.constantFrom('', ' ', 'a', '/', '\n', '１', '-', '+'))
      .map(([text, at, insert]) => text.slice(0, at) + insert + text.slice(at + 1));
    fc.assert(
      fc.property(fc.oneof(near, mutated, fc.string({ maxLength: 12 })), (text) => {
        expect(parseIsoDate(text)).toBe(reference(text));
      }),
      { numRuns: 3000 },
    );
    expect(parseIsoDate('2024-02-29\n')).toBeUndefined();
    expect(parseIsoDate('0000-01-01')).toBeUndefined();
  });

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
