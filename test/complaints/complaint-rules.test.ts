import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_POLICIES_DEFAULT,
  complaintDeadlines,
  deadlineMs,
  policyProblem,
  RESTRICTION_OBJECTION_DAYS_MAX,
  type DeadlineSpec,
} from '../../src/complaints/complaint-deadlines.js';
import {
  allowedComplaintCommands,
  nextComplaintState,
} from '../../src/complaints/complaint-state.js';
import { complaintStatistics, median } from '../../src/complaints/complaint-statistics.js';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_COMMANDS,
  COMPLAINT_STATES,
  isClosedState,
} from '../../src/complaints/complaint-types.js';
import { cstDayOfMs, weekdayOf } from '../../src/reports/cst-day.js';
import {
  isWorkingDay,
  WEEKENDS_ONLY,
  type WorkingCalendar,
} from '../../src/reports/working-days.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const CST_MS = 8 * HOUR_MS;
// 2020-01-01 … 2040-01-01
const instant = fc.integer({ min: 1_577_836_800_000, max: 2_208_988_800_000 });
const unit = fc.constantFrom<DeadlineSpec['unit']>('hours', 'calendar_days', 'working_days');

describe('complaint deadlines', () => {
  it('an hours deadline is exactly that many hours after receipt', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 720 }), (at, hours) => {
        expect(deadlineMs(at, { amount: hours, unit: 'hours' }, WEEKENDS_ONLY)).toBe(
          at + hours * HOUR_MS,
        );
      }),
    );
  });

  it('a day deadline ends at CST midnight, after receipt, and grows with the amount', () => {
    fc.assert(
      fc.property(
        instant,
        unit.filter((u) => u !== 'hours'),
        fc.integer({ min: 1, max: 60 }),
        (at, u, n) => {
          const due = deadlineMs(at, { amount: n, unit: u }, WEEKENDS_ONLY);
          expect((due + CST_MS) % DAY_MS).toBe(0);
          expect(due).toBeGreaterThan(at + n * DAY_MS - DAY_MS);
          expect(deadlineMs(at, { amount: n + 1, unit: u }, WEEKENDS_ONLY)).toBeGreaterThan(due);
        },
      ),
    );
  });

  it('calendar days: the deadline day is n CST days after the receipt day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 365 }), (at, n) => {
        const due = deadlineMs(at, { amount: n, unit: 'calendar_days' }, WEEKENDS_ONLY);
        expect(cstDayOfMs(due - 1)).toBe(cstDayOfMs(at) + n);
      }),
    );
  });

  it('working days: the last day is a working day and exactly n working days follow receipt', () => {
    const holidays = fc.uniqueArray(fc.integer({ min: 18_262, max: 25_567 }), { maxLength: 30 });
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), holidays, (at, n, days) => {
        const calendar: WorkingCalendar = { holidays: new Set(days), workdays: new Set() };
        const due = deadlineMs(at, { amount: n, unit: 'working_days' }, calendar);
        const lastDay = cstDayOfMs(due - 1);
        expect(isWorkingDay(lastDay, calendar)).toBe(true);
        let count = 0;
        for (let day = cstDayOfMs(at) + 1; day <= lastDay; day += 1)
          if (isWorkingDay(day, calendar)) count += 1;
        expect(count).toBe(n);
      }),
    );
  });

  it('Monday receipt with 2 working days is due at the end of Wednesday (CST)', () => {
    const monday = Date.parse('2026-11-23T10:00:00+08:00');
    expect(weekdayOf(cstDayOfMs(monday))).toBe(1);
    const due = deadlineMs(monday, { amount: 2, unit: 'working_days' }, WEEKENDS_ONLY);
    expect(new Date(due).toISOString()).toBe('2026-11-25T16:00:00.000Z');
  });

  it('a restriction objection is answered within 15 calendar days (AML Law Art. 39)', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const due = complaintDeadlines(
          at,
          COMPLAINT_POLICIES_DEFAULT.restriction_objection,
          WEEKENDS_ONLY,
        );
        expect(due.resolveDueMs - at).toBeLessThanOrEqual(
          (RESTRICTION_OBJECTION_DAYS_MAX + 1) * DAY_MS,
        );
        expect(cstDayOfMs(due.resolveDueMs - 1) - cstDayOfMs(at)).toBe(15);
      }),
    );
    expect(
      policyProblem('restriction_objection', {
        acknowledge: { amount: 1, unit: 'working_days' },
        resolve: { amount: 16, unit: 'calendar_days' },
      }),
    ).toMatch(/Art\. 39/);
    expect(
      policyProblem('restriction_objection', {
        acknowledge: { amount: 1, unit: 'working_days' },
        resolve: { amount: 10, unit: 'working_days' },
      }),
    ).toMatch(/Art\. 39/);
    expect(
      policyProblem('restriction_objection', {
        acknowledge: { amount: 24, unit: 'hours' },
        resolve: { amount: 10, unit: 'calendar_days' },
      }),
    ).toBeNull();
  });

  it('every default policy is valid; out-of-range amounts are refused', () => {
    for (const category of COMPLAINT_CATEGORIES)
      expect(policyProblem(category, COMPLAINT_POLICIES_DEFAULT[category]), category).toBeNull();
    expect(
      policyProblem('service', {
        acknowledge: { amount: 0, unit: 'hours' },
        resolve: { amount: 5, unit: 'calendar_days' },
      }),
    ).not.toBeNull();
    expect(
      policyProblem('service', {
        acknowledge: { amount: 9, unit: 'calendar_days' },
        resolve: { amount: 5, unit: 'calendar_days' },
      }),
    ).not.toBeNull();
  });
});

describe('complaint states', () => {
  it('closed states accept no command; every open state can be answered', () => {
    for (const state of COMPLAINT_STATES) {
      const commands = allowedComplaintCommands(state);
      if (isClosedState(state)) expect(commands).toEqual([]);
      else expect(commands.some((c) => c === 'resolve' || c === 'reject')).toBe(true);
    }
  });

  it('any sequence of commands only follows the transition table and never leaves a closed state', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...COMPLAINT_COMMANDS), { maxLength: 12 }),
        (commands) => {
          let state: (typeof COMPLAINT_STATES)[number] = 'received';
          for (const command of commands) {
            const next = nextComplaintState(state, command);
            expect(next === null).toBe(!allowedComplaintCommands(state).includes(command));
            if (next !== null) {
              expect(isClosedState(state)).toBe(false);
              state = next;
            }
          }
        },
      ),
    );
  });

  it('follows received → acknowledged → investigating → escalated → resolved', () => {
    expect(nextComplaintState('received', 'acknowledge')).toBe('acknowledged');
    expect(nextComplaintState('acknowledged', 'investigate')).toBe('investigating');
    expect(nextComplaintState('investigating', 'escalate')).toBe('escalated');
    expect(nextComplaintState('escalated', 'resolve')).toBe('resolved');
    expect(nextComplaintState('received', 'resolve')).toBeNull();
    expect(nextComplaintState('resolved', 'reject')).toBeNull();
  });
});

describe('complaint statistics', () => {
  it('median of odd and even lists', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('groups by platform, category and CST month; counts late answers and open overdue ones', () => {
    const base = Date.parse('2026-10-31T17:00:00Z'); // 2026-11-01 01:00 CST
    const row = (over: Partial<Parameters<typeof complaintStatistics>[0][number]>) => ({
      platformId: 'plt_a',
      category: 'fees' as const,
      createdAtMs: base,
      acknowledgeDueMs: base + DAY_MS,
      resolveDueMs: base + 10 * DAY_MS,
      acknowledgedMs: base + HOUR_MS,
      closedMs: null,
      ...over,
    });
    const now = base + 20 * DAY_MS;
    const rows = complaintStatistics(
      [
        row({ closedMs: base + 2 * HOUR_MS }),
        row({ closedMs: base + 12 * DAY_MS }), // answered late
        row({}), // open past its deadline
        row({ category: 'service', closedMs: base + 4 * HOUR_MS }),
        row({ platformId: 'plt_b', createdAtMs: base - 2 * HOUR_MS, closedMs: base }),
      ],
      now,
    );
    const fees = rows.find((r) => r.platformId === 'plt_a' && r.category === 'fees');
    expect(fees).toMatchObject({ month: '2026-11', received: 3, closed: 2, overdue: 2 });
    expect(fees?.overdueShare).toBeCloseTo(2 / 3);
    expect(fees?.medianHoursToResolve).toBeCloseTo((2 + 12 * 24) / 2);
    expect(rows.find((r) => r.platformId === 'plt_b')?.month).toBe('2026-10');
    const total = rows.reduce((sum, r) => sum + r.received, 0);
    expect(total).toBe(5);
  });
});
