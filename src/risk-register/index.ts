export { DEFAULT_RISKS, seedDefaultRegister } from './default-register.js';
export { heatMapOf, type HeatGrid, type HeatMap } from './heat-map.js';
export type { LinkedControl } from './linked-controls.js';
export { checkLossAmounts, lossTotals, type LossAmounts, type LossTotals } from './loss-amounts.js';
export {
  changeLossEvent,
  createLossEvent,
  findLossEvent,
  listLossEvents,
  lossEventsForRisk,
  type LossEventFilter,
} from './loss-event-store.js';
export type { LossEventView } from './loss-event-view.js';
export {
  addDueDiligence,
  addQualification,
  partnerDueDiligence,
  partnerQualifications,
} from './partner-reviews.js';
export { changePartner, createPartner, findPartner, listPartners } from './partner-store.js';
export type { DueDiligenceView, PartnerView, QualificationView } from './partner-view.js';
export { responsibilitiesOf, type Responsibilities } from './responsibilities.js';
export { riskDetail, riskHeatMap, type RiskDetail } from './risk-detail.js';
export {
  AssessmentSchema,
  ControlLinkSchema,
  DueDiligenceSchema,
  LossEventChangeSchema,
  NewLossEventSchema,
  NewPartnerSchema,
  NewRiskSchema,
  PartnerChangeSchema,
  QualificationSchema,
  RiskChangeSchema,
} from './risk-inputs.js';
export { measureRiskRegisterKris, RISK_REGISTER_KRI_IDS } from './risk-kris.js';
export { RISK_LIMITS } from './risk-limits.js';
export {
  findRisk,
  listRisks,
  riskHistory,
  type AssessmentRow,
  type RiskFilter,
} from './risk-queries.js';
export type { RiskError, RiskErrorCode, RiskResult } from './risk-result.js';
export { linkControl, unlinkControl } from './risk-control-links.js';
export { assessRisk, changeRisk, createRisk } from './risk-store.js';
export {
  RISK_SYSTEM_ACTOR,
  sweepAllRiskRegisters,
  sweepRiskRegister,
  type RiskSweepResult,
} from './risk-sweep.js';
export * from './risk-types.js';
export type { RiskView } from './risk-view.js';
export {
  bandOf,
  CONTROL_PERIOD_MS,
  currentOutcome,
  effectivenessAfterTest,
  residualOf,
  scoreOf,
  toleranceStatusOf,
  type ControlForScoring,
} from './scoring.js';
