import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineOutcomes } from '../../src/compliance/controls/control-outcome.js';
import { filingStatus, lvtrFilingStatus } from '../../src/compliance/controls/filing-timeliness.js';
import {
  addCalendarYears,
  addCstCalendarYears,
  effectiveRetentionYears,
  retentionDueAtMs,
  STATUTORY_RETENTION_YEARS,
} from '../../src/compliance/retention/retention-period.js';
import {
  isWorkingDay,
  WEEKENDS_ONLY,
  type WorkingCalendar,
} from '../../src/reports/working-days.js';

const DAY_MS = 86_400_000;
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) });
const years = fc.integer({ min: 0, max: 30 });
const jurisdictions = fc.uniqueArray(fc.constantFrom('CN', 'UK', 'US', 'EU' as const), {
  minLength: 1,
  maxLength: 4,
});

describe('retention due dates (property)', () => {
  it('adds whole calendar years: never less than 365 days a year, never more than 366, same time of day', () => {
    fc.assert(
      fc.property(instant, years, (at, n) => {
        const due = addCalendarYears(at, n);
        expect(due - at).toBeGreaterThanOrEqual(n * 365 * DAY_MS);
        expect(due - at).toBeLessThanOrEqual(n * 366 * DAY_MS + DAY_MS);
        expect(due % DAY_MS).toBe(at % DAY_MS);
        const a = new Date(at);
        const d = new Date(due);
        const leapDay = a.getUTCMonth() === 1 && a.getUTCDate() === 29;
        if (!leapDay)
          expect([d.getUTCMonth(), d.getUTCDate()]).toEqual([a.getUTCMonth(), a.getUTCDate()]);
      }),
    );
  });

  it('counts years on the CST calendar: the same CST date and time, 29 February on to 1 March', () => {
    const CST_MS = 8 * 3_600_000;
    // Instants around the end of February, where the CST and UTC calendars part most often.
    const endOfFebruary = fc
      .tuple(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 0, max: 4 * DAY_MS }))
      .map(([year, offsetMs]) => Date.UTC(year, 1, 27) + offsetMs);
    fc.assert(
      fc.property(fc.oneof(instant, endOfFebruary), years, (at, n) => {
        const due = addCstCalendarYears(at, n);
        const a = new Date(at + CST_MS);
        const d = new Date(due + CST_MS);
        expect((due + CST_MS) % DAY_MS).toBe((at + CST_MS) % DAY_MS);
        const leapDay = a.getUTCMonth() === 1 && a.getUTCDate() === 29;
        const year = d.getUTCFullYear();
        const leapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
        const lands = leapYear ? [1, 29] : [2, 1];
        expect(d.getUTCFullYear()).toBe(a.getUTCFullYear() + n);
        expect([d.getUTCMonth(), d.getUTCDate()]).toEqual(
          leapDay ? (n === 0 ? [1, 29] : lands) : [a.getUTCMonth(), a.getUTCDate()],
        );
      }),
    );
  });

  it('is monotonic in the start and in the years', () => {
    fc.assert(
      fc.property(instant, instant, years, years, (a, b, m, n) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(addCalendarYears(early, m)).toBeLessThanOrEqual(addCalendarYears(late, m));
        expect(addCalendarYears(early, Math.min(m, n))).toBeLessThanOrEqual(
          addCalendarYears(early, Math.max(m, n)),
        );
      }),
    );
  });

  it('waits for both clocks: the relationship end and the last transaction', () => {
    fc.assert(
      fc.property(instant, fc.option(instant, { nil: null }), years, (ended, last, n) => {
        const due = retentionDueAtMs(ended, last, n);
        expect(due).toBeGreaterThanOrEqual(addCstCalendarYears(ended, n));
        if (last !== null) expect(due).toBeGreaterThanOrEqual(addCstCalendarYears(last, n));
        expect(due).toBe(addCstCalendarYears(Math.max(ended, last ?? ended), n));
      }),
    );
  });

  it('a leap day moves to 1 March, never earlier', () => {
    expect(new Date(addCalendarYears(Date.UTC(2024, 1, 29, 9), 10)).toISOString()).toBe(
      '2034-03-01T09:00:00.000Z',
    );
  });

  it('keeps at least every statutory minimum that applies, and a longer override', () => {
    fc.assert(
      fc.property(
        jurisdictions,
        fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
        (js, override) => {
          const effective = effectiveRetentionYears(js, override);
          for (const j of js)
            expect(effective).toBeGreaterThanOrEqual(STATUTORY_RETENTION_YEARS[j]);
          if (override !== null) expect(effective).toBeGreaterThanOrEqual(override);
          expect(effective).toBe(
            Math.max(override ?? 0, ...js.map((j) => STATUTORY_RETENTION_YEARS[j])),
          );
        },
      ),
    );
  });
});

const calendar: fc.Arbitrary<WorkingCalendar> = fc
  .record({
    holidays: fc.uniqueArray(fc.integer({ min: 20_000, max: 20_400 }), { maxLength: 40 }),
    workdays: fc.uniqueArray(fc.integer({ min: 20_000, max: 20_400 }), { maxLength: 10 }),
  })
  .map(({ holidays, workdays }) => ({
    holidays: new Set(holidays.filter((d) => !workdays.includes(d))),
    workdays: new Set(workdays),
  }));
const day = fc.integer({ min: 20_000, max: 20_300 });

describe('filing deadlines in working days (property)', () => {
  it('the deadline is the fifth working day after the business day', () => {
    fc.assert(
      fc.property(day, calendar, (businessDay, cal) => {
        const { deadlineDay } = lvtrFilingStatus(businessDay, null, businessDay, cal);
        let working = 0;
        for (let d = businessDay + 1; d <= deadlineDay; d += 1)
          if (isWorkingDay(d, cal)) working += 1;
        expect(working).toBe(5);
        expect(isWorkingDay(deadlineDay, cal)).toBe(true);
      }),
    );
  });

  it('submitted on or before the deadline is on time, after it late; unsubmitted is overdue only after it', () => {
    fc.assert(
      fc.property(
        day,
        fc.option(fc.integer({ min: -10, max: 30 }), { nil: null }),
        fc.integer({ min: 0, max: 40 }),
        (businessDay, offset, todayOffset) => {
          const submitted = offset === null ? null : businessDay + offset;
          const today = businessDay + todayOffset;
          const { deadlineDay, status } = lvtrFilingStatus(
            businessDay,
            submitted,
            today,
            WEEKENDS_ONLY,
          );
          if (submitted !== null)
            expect(status).toBe(submitted <= deadlineDay ? 'on_time' : 'late');
          else expect(status).toBe(today > deadlineDay ? 'overdue' : 'pending');
          expect(filingStatus(deadlineDay, submitted, today)).toBe(status);
        },
      ),
    );
  });

  it('holidays only ever push the deadline later', () => {
    fc.assert(
      fc.property(day, calendar, (businessDay, cal) => {
        const withHolidays = { holidays: cal.holidays, workdays: new Set<number>() };
        expect(
          lvtrFilingStatus(businessDay, null, businessDay, withHolidays).deadlineDay,
        ).toBeGreaterThanOrEqual(
          lvtrFilingStatus(businessDay, null, businessDay, WEEKENDS_ONLY).deadlineDay,
        );
      }),
    );
  });
});

describe('control outcome', () => {
  it('a failure decides, an error leaves the control unproven, all passing passes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('pass', 'fail', 'error' as const)), (outcomes) => {
        const combined = combineOutcomes(outcomes);
        if (outcomes.includes('fail')) expect(combined).toBe('fail');
        else if (outcomes.includes('error') || outcomes.length === 0)
          expect(combined).toBe('error');
        else expect(combined).toBe('pass');
      }),
    );
  });
});
