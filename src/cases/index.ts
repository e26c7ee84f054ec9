export {
  ALERT_SOURCES,
  AlertInputSchema,
  CASE_QUEUES,
  groupKeyOf,
  platformDutyAlert,
  queueOf,
} from './alert-input.js';
export type { AlertExplanation, AlertInput, AlertSource, CaseQueue } from './alert-input.js';
export { assignCase } from './case-assign.js';
export type { AssignTarget } from './case-assign.js';
export { CASE_CLOSE_ACTION, closeCase, executeCaseClose } from './case-close.js';
export type { CloseOutcome } from './case-close.js';
export type { Counterparty, CustomerInstruction } from './case-counterparties.js';
export {
  draftStrFromCase,
  freezeFromCase,
  requestInformation,
  requestUnfreezeFromCase,
  settleHoldFromCase,
} from './case-disposal.js';
export { CASE_ERROR_STATUS } from './case-error.js';
export type { CaseError, CaseErrorCode, CaseResult } from './case-error.js';
export { CASES_SYSTEM_ACTOR } from './case-events-store.js';
export type { CaseEventView } from './case-events-store.js';
export { addEvidence, readEvidence } from './case-evidence.js';
export type { EvidenceView } from './case-evidence.js';
export * from './case-limits.js';
export { loadCaseMetrics } from './case-metrics-store.js';
export type { DurationSummary, QueueMetrics, RuleMetrics } from './case-metrics.js';
export { getCase, getCaseWorkspace, listAlerts, listCases } from './case-queries.js';
export type { AlertView, CaseFilter, CaseWorkspace } from './case-queries.js';
export type { CaseView } from './case-row.js';
export { CASE_STATES, DISPOSITIONS, allowedCommands, applyCaseCommand } from './case-state.js';
export type { CaseState, Disposition } from './case-state.js';
export { addCaseNote, moveCase } from './case-work.js';
export type { CaseMove } from './case-work.js';
export {
  closeIncident,
  completeIncidentStep,
  getIncident,
  listIncidents,
  listPlaybooks,
  openIncident,
  recordIncidentReview,
  sweepIncidentDeadlines,
} from './incident-store.js';
export type { IncidentInput } from './incident-store.js';
export { INCIDENT_STEP_OUTCOMES, INCIDENT_TYPES } from './incident-types.js';
export type { IncidentReview, IncidentType, IncidentView, PlaybookView } from './incident-types.js';
export { raiseAlerts } from './raise-alerts.js';
export type { RaiseAlertsResult } from './raise-alerts.js';
export { SEVERITIES, priorityOf } from './severity.js';
export type { Severity } from './severity.js';
export { SLA_POLICIES_DEFAULT } from './sla.js';
export type { SlaPolicy } from './sla.js';
export { sweepSla } from './sla-sweep.js';
export {
  AlertViewSchema,
  CaseEventSchema,
  CaseViewSchema,
  EvidenceViewSchema,
  IncidentReviewBody,
  IncidentSummarySchema,
  IncidentViewSchema,
  MetricsSchema,
  PlaybookSchema,
} from './view-schemas.js';
