import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cstDayBoundsMs, cstDayOfMs, epochDayOfIso, isoOfEpochDay, weekdayOf } from './cst-day.js';
import {
  addWorkingDays,
  isWorkingDay,
  reportDeadline,
  WEEKENDS_ONLY,
  type WorkingCalendar,
} from './working-days.js';

// Goal: the report deadline is five working days on a calendar of weekends, holidays and
// make-up workdays. Method: fixed cases from the 2025 PRC calendar, then properties over
// random calendars (a random set of holidays and make-up days around a random start).

const day = epochDayOfIso;

/** National Day 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked. */
const NATIONAL_DAY_2025: WorkingCalendar = {
  holidays: new Set(['01', '02', '03', '06', '07', '08'].map((d) => day(`2025-10-${d}`))),
  workdays: new Set([day('2025-09-28'), day('2025-10-11')]),
};

const calendarAround = (start: number) =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
    )
    .map(([holidayOffsets, workdayOffsets]): WorkingCalendar => {
      const workdays = new Set(workdayOffsets.map((offset) => start + offset));
      const holidays = new Set(
        holidayOffsets.map((offset) => start + offset).filter((d) => !workdays.has(d)),
      );
      return { holidays, workdays };
    });

describe('working-day deadlines', () => {
  it('counts five weekdays on a plain calendar', () => {
    expect(isoOfEpochDay(reportDeadline(day('2025-06-02'), WEEKENDS_ONLY))).toBe('2025-06-09');
    expect(isoOfEpochDay(reportDeadline(day('2025-06-06'), WEEKENDS_ONLY))).toBe('2025-06-13');
    expect(isoOfEpochDay(reportDeadline(day('2025-06-07'), WEEKENDS_ONLY))).toBe('2025-06-13');
  });

  it('skips holidays and counts make-up workdays', () => {
    // Friday 26 September: Mon 29, Tue 30, then 1–8 October off, Thu 9, Fri 10 → 10 October.
    expect(isoOfEpochDay(reportDeadline(day('2025-09-26'), NATIONAL_DAY_2025))).toBe('2025-10-10');
    // Thursday 25 September: the make-up Sunday 28 September counts.
    expect(isoOfEpochDay(reportDeadline(day('2025-09-25'), NATIONAL_DAY_2025))).toBe('2025-10-09');
    expect(isWorkingDay(day('2025-10-11'), NATIONAL_DAY_2025)).toBe(true);
    expect(isWorkingDay(day('2025-10-06'), NATIONAL_DAY_2025)).toBe(false);
  });

  it('is monotone, lands on a working day and has exactly n working days before it', () => {
    const start = day('2025-01-01');
    fc.assert(
      fc.property(
        calendarAround(start),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 8 }),
        (calendar, a, b, count) => {
          const first = start + Math.min(a, b);
          const second = start + Math.max(a, b);
          const deadline = addWorkingDays(first, count, calendar);
          expect(addWorkingDays(second, count, calendar)).toBeGreaterThanOrEqual(deadline);
          expect(isWorkingDay(deadline, calendar)).toBe(true);
          let working = 0;
          for (let d = first + 1; d <= deadline; d += 1)
            if (isWorkingDay(d, calendar)) working += 1;
          expect(working).toBe(count);
          for (let d = first + 1; d <= deadline; d += 1)
            if (calendar.holidays.has(d)) expect(d).not.toBe(deadline);
        },
      ),
    );
  });

  it('maps instants to CST days at 16:00 UTC', () => {
    const d = day('2025-03-10');
    const { startMs, endMs } = cstDayBoundsMs(d);
    expect(new Date(startMs).toISOString()).toBe('2025-03-09T16:00:00.000Z');
    expect(cstDayOfMs(startMs)).toBe(d);
    expect(cstDayOfMs(endMs - 1)).toBe(d);
    expect(cstDayOfMs(endMs)).toBe(d + 1);
    expect(weekdayOf(d)).toBe(1);
  });
});
