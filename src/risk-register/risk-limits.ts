import { assert } from '../assert.js';

/** Bounds on everything the risk register stores or returns. */
export const RISK_LIMITS = {
  /** Risks per platform: a register beyond this is a list nobody reviews. */
  risksPerPlatformMax: 1_000,
  controlsPerRiskMax: 50,
  /** Rows per list page. */
  pageSizeMax: 500,
  pageSizeDefault: 100,
  /** Assessment history rows returned for one risk. */
  historyMax: 500,
  linksPerLossEventMax: 50,
  risksPerPartnerMax: 50,
  /** Loss events read for one risk (the Monte Carlo fit). */
  lossEventsPerRiskMax: 10_000,
  /** Subjects one sweep alerts on per platform and kind. */
  sweepItemsMax: 500,
  /** Qualifications expiring within this many days raise an alert. */
  qualificationWarnDays: 30,
  /** A review reminder is written this many days before the review date. */
  reviewReminderDays: 14,
  /** Platforms one scheduled sweep covers. */
  platformsPerSweepMax: 10_000,
  /** How often the server sweeps the registers (reminders, overdue alerts, control results). */
  sweepIntervalMs: 60 * 60_000,
  /** No single amount above 10^15 minor units (as the books). */
  amountMinorMax: 1_000_000_000_000_000n,
} as const;

assert(RISK_LIMITS.pageSizeDefault <= RISK_LIMITS.pageSizeMax, 'default page within the maximum');
assert(RISK_LIMITS.reviewReminderDays > 0, 'reminders come before the due date');
