export {
  CONTROL_OUTCOMES,
  latestControlResults,
  type ControlOutcome,
  type LatestControlResult,
} from './control-results.js';
export { COMPLIANCE_LIMITS } from './compliance-limits.js';
export {
  controlByCode,
  controlHistory,
  listControls,
  listObligations,
  type ControlRunView,
  type ControlView,
  type DailyPassRate,
  type ObligationView,
} from './compliance-queries.js';
export { runControls, UnknownControl, type ControlRunResult } from './controls/run-controls.js';
export { CONTROL_TESTS } from './controls/control-tests.js';
export {
  COMPLIANCE_SYSTEM_ACTOR,
  runDailyCompliance,
  scheduleDailyCompliance,
} from './daily-compliance.js';
export { ensureRegister, syncRegister } from './register/register-store.js';
export {
  controlIdOf,
  JURISDICTIONS,
  loadRegisterFile,
  parseRegister,
  RegisterInvalid,
  type Jurisdiction,
} from './register/register-data.js';
export { setControlOwner, ControlOwnerRefused } from './control-owner.js';
export { endRelationship, EndRelationshipRefused } from './retention/end-relationship.js';
export {
  getRetentionPolicy,
  HOME_JURISDICTION,
  RetentionPolicyRefused,
  setRetentionPolicy,
  type RetentionPolicy,
} from './retention/retention-policy-store.js';
export { runRetention, type RetentionRunResult } from './retention/retention-run.js';
export {
  listRetentionHolds,
  placeRetentionHold,
  HOLD_REASON_LENGTH_MAX,
  HOLD_REASON_LENGTH_MIN,
  RETENTION_HOLD_SUBJECTS,
  RETENTION_HOLDS_LIST_MAX,
  type RetentionHold,
  type RetentionHoldSubject,
} from './retention/retention-holds.js';
export {
  executeHoldRelease,
  requestHoldRelease,
  type HoldReleaseRequest,
} from './retention/hold-release-approval.js';
export {
  getRetentionRun,
  listRetentionRuns,
  RETENTION_RUNS_LIST_MAX,
  type RetentionRunDetail,
  type RetentionRunSummary,
} from './retention/retention-run-log.js';
export {
  executeRetentionApproval,
  requestRetentionExecution,
  useRetentionVaultOf,
  type RetentionRequest,
} from './retention/retention-approval.js';
export {
  addCalendarYears,
  effectiveRetentionYears,
  reportFileDueAtMs,
  reportRetainedFromMs,
  retentionDueAtMs,
  STATUTORY_RETENTION_YEARS,
  type ReportRetentionFacts,
} from './retention/retention-period.js';
export {
  REPORT_FILE_FORMATS,
  type DueReportFile,
  type ReportFileFormat,
} from './retention/report-file-retention.js';
