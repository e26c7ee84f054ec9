import { assert } from '../assert.js';
import { cstDayBoundsMs, cstDayOfMs } from '../reports/cst-day.js';
import { addWorkingDays, type WorkingCalendar } from '../reports/working-days.js';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from './complaint-types.js';

export const DEADLINE_UNITS = ['hours', 'calendar_days', 'working_days'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export interface DeadlineSpec {
  amount: number;
  unit: DeadlineUnit;
}

export interface ComplaintPolicy {
  acknowledge: DeadlineSpec;
  resolve: DeadlineSpec;
}

export const DEADLINE_AMOUNT_MAX = { hours: 720, calendar_days: 365, working_days: 250 } as const;

/** AML Law 2024 Art. 39: an objection to a risk measure is answered within 15 days. */
export const RESTRICTION_OBJECTION_DAYS_MAX = 15;

/**
 * Starting values. The law sets one of them (restriction objections, 15 calendar days); the
 * others follow common practice for consumer complaints and are tuned per platform.
 */
export const COMPLAINT_POLICIES_DEFAULT: Readonly<Record<ComplaintCategory, ComplaintPolicy>> = {
  unauthorized_transaction: {
    acknowledge: { amount: 24, unit: 'hours' },
    resolve: { amount: 15, unit: 'calendar_days' },
  },
  service: {
    acknowledge: { amount: 2, unit: 'working_days' },
    resolve: { amount: 15, unit: 'working_days' },
  },
  fees: {
    acknowledge: { amount: 2, unit: 'working_days' },
    resolve: { amount: 15, unit: 'working_days' },
  },
  privacy: {
    acknowledge: { amount: 2, unit: 'working_days' },
    resolve: { amount: 15, unit: 'calendar_days' },
  },
  restriction_objection: {
    acknowledge: { amount: 1, unit: 'working_days' },
    resolve: { amount: RESTRICTION_OBJECTION_DAYS_MAX, unit: 'calendar_days' },
  },
  other: {
    acknowledge: { amount: 2, unit: 'working_days' },
    resolve: { amount: 30, unit: 'calendar_days' },
  },
};

/** Why a policy cannot be used, or null: amounts in range, and Art. 39's ceiling kept. */
export function policyProblem(category: ComplaintCategory, policy: ComplaintPolicy): string | null {
  for (const [name, spec] of Object.entries(policy) as [string, DeadlineSpec][]) {
    const max = DEADLINE_AMOUNT_MAX[spec.unit];
    if (!Number.isInteger(spec.amount) || spec.amount < 1 || spec.amount > max)
      return `${name}: between 1 and ${max} ${spec.unit}`;
  }
  if (category === 'restriction_objection') {
    const resolveMs = worstCaseMs(policy.resolve);
    if (resolveMs > RESTRICTION_OBJECTION_DAYS_MAX * DAY_MS)
      return `restriction objections are answered within ${RESTRICTION_OBJECTION_DAYS_MAX} calendar days (AML Law Art. 39)`;
  }
  if (
    policy.acknowledge.unit === policy.resolve.unit &&
    policy.acknowledge.amount > policy.resolve.amount
  )
    return 'the acknowledgement deadline may not be later than the resolution deadline';
  return null;
}

const DAY_MS = 86_400_000;

/** The longest a spec can take in calendar time (working days counted as at least days). */
function worstCaseMs(spec: DeadlineSpec): number {
  if (spec.unit === 'hours') return spec.amount * 3_600_000;
  if (spec.unit === 'calendar_days') return spec.amount * DAY_MS;
  // A working-day deadline is never shorter than that many calendar days, and holidays make
  // it longer: it never satisfies a calendar-day ceiling in general.
  return Number.POSITIVE_INFINITY;
}

/**
 * The instant a deadline falls due. Hours run from the receipt itself; days are China
 * Standard Time days counted from the day after receipt, and the deadline is the end of the
 * last one (a complaint received on Monday with 2 working days is due at the end of
 * Wednesday, CST).
 */
export function deadlineMs(
  receivedAtMs: number,
  spec: DeadlineSpec,
  calendar: WorkingCalendar,
): number {
  assert(Number.isSafeInteger(receivedAtMs) && receivedAtMs >= 0, 'receipt instant');
  assert(Number.isInteger(spec.amount) && spec.amount >= 1, 'deadline amount is at least 1');
  assert(spec.amount <= DEADLINE_AMOUNT_MAX[spec.unit], 'deadline amount within its maximum');
  if (spec.unit === 'hours') return receivedAtMs + spec.amount * 3_600_000;
  const receivedDay = cstDayOfMs(receivedAtMs);
  const lastDay =
    spec.unit === 'calendar_days'
      ? receivedDay + spec.amount
      : addWorkingDays(receivedDay, spec.amount, calendar);
  return cstDayBoundsMs(lastDay).endMs;
}

export interface ComplaintDeadlines {
  acknowledgeDueMs: number;
  resolveDueMs: number;
}

export function complaintDeadlines(
  receivedAtMs: number,
  policy: ComplaintPolicy,
  calendar: WorkingCalendar,
): ComplaintDeadlines {
  return {
    acknowledgeDueMs: deadlineMs(receivedAtMs, policy.acknowledge, calendar),
    resolveDueMs: deadlineMs(receivedAtMs, policy.resolve, calendar),
  };
}

export function isComplaintCategory(value: string): value is ComplaintCategory {
  return (COMPLAINT_CATEGORIES as readonly string[]).includes(value);
}
