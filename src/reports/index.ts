/**
 * Regulatory reports: the daily large-value batch (PBOC Order [2016] No. 3 Art. 5) and
 * suspicious transaction reports, versioned, submitted after a second person approves, and
 * exported as goAML XML. See REPORTS.md.
 */
export { setCalendarDay, setFxRate, loadWorkingCalendar, loadCnyRates } from './calendar-store.js';
export type { CalendarDayKind } from './calendar-store.js';
export { cstDayOfMs, epochDayOfIso, isIsoDate, isoOfEpochDay } from './cst-day.js';
export type { EpochDay } from './cst-day.js';
export { toCnyMinor, toUsdMinor, RATE_SCALE } from './fx-conversion.js';
export type { CnyRates } from './fx-conversion.js';
export {
  decideLvtr,
  decideLvtrGroup,
  LVTR_OPTIONS_DEFAULT,
  LvtrAccumulator,
} from './lvtr-aggregate.js';
export type { LvtrGroup, LvtrItem, LvtrLeg, LvtrOptions } from './lvtr-aggregate.js';
export { runLvtrBatch } from './lvtr-batch.js';
export { LVTR_DAILY_AT_UTC, runDailyLvtr } from './lvtr-daily.js';
export type { DailyLvtrOutcome } from './lvtr-daily.js';
export type { LvtrRunResult } from './lvtr-batch.js';
export { legsOfMovement } from './lvtr-legs.js';
export type { PostedMovement } from './lvtr-legs.js';
export { LVTR_CATEGORIES, LVTR_THRESHOLDS, lvtrCategoryOf } from './lvtr-thresholds.js';
export type { LvtrCategory, LvtrThreshold } from './lvtr-thresholds.js';
export { exportReportXml } from './report-export.js';
export type { ReportExport } from './report-export.js';
export { REPORT_LIMITS } from './report-limits.js';
export { OVERDUE_RULE_IDS, sweepOverdueReports } from './report-overdue.js';
export { getReport, listReports } from './report-queries.js';
export type { ReportDetail, ReportFilter } from './report-queries.js';
export {
  executeReportSubmit,
  markReportSubmitted,
  requestReportSubmission,
} from './report-submission.js';
export type { ReportKind, ReportPurpose, ReportStatus, ReportView } from './report-store.js';
export { withdrawReport } from './report-withdrawal.js';
export type { ReportWithdrawal } from './report-withdrawal.js';
export {
  loadReportingEntity,
  ReportingEntitySchema,
  saveReportingEntity,
} from './reporting-entity.js';
export type { GoamlCodes, ReportingEntity } from './reporting-entity.js';
export { createFollowUp, createStr, editStr } from './str-reports.js';
export { StrEditableSchema } from './str-content.js';
export type { StrContent, StrEditable } from './str-content.js';
export { SubjectProfileSchema, saveSubjectProfile } from './subject-profiles.js';
export type { SubjectProfile } from './subject-profiles.js';
export { addWorkingDays, isWorkingDay, reportDeadline, WEEKENDS_ONLY } from './working-days.js';
export type { WorkingCalendar } from './working-days.js';
