export { linkComplaint, moveComplaint } from './complaint-actions.js';
export {
  COMPLAINT_POLICIES_DEFAULT,
  complaintDeadlines,
  deadlineMs,
  DEADLINE_UNITS,
  RESTRICTION_OBJECTION_DAYS_MAX,
} from './complaint-deadlines.js';
export type { ComplaintPolicy, DeadlineSpec, DeadlineUnit } from './complaint-deadlines.js';
export { COMPLAINT_ERROR_STATUS } from './complaint-error.js';
export type { ComplaintError, ComplaintResult } from './complaint-error.js';
export { lodgeComplaint, UNAUTHORIZED_COMPLAINT_RULE } from './complaint-intake.js';
export type { ComplaintInput, IntakeResult } from './complaint-intake.js';
export { COMPLAINT_LIMITS } from './complaint-limits.js';
export { loadComplaintPolicies, saveComplaintPolicy } from './complaint-policy-store.js';
export { getComplaint, listComplaints } from './complaint-queries.js';
export type { ComplaintDetail, ComplaintEventView, ComplaintFilter } from './complaint-queries.js';
export { allowedComplaintCommands, nextComplaintState } from './complaint-state.js';
export { complaintStatistics } from './complaint-statistics.js';
export type { StatisticsRow } from './complaint-statistics.js';
export { complaintStatisticsOf, measureComplaintKris } from './complaint-statistics-store.js';
export { COMPLAINT_OVERDUE_RULES, sweepOverdueComplaints } from './complaint-sweep.js';
export * from './complaint-types.js';
export type { ComplaintView } from './complaint-view.js';
