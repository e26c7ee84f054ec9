/**
 * Customer risk rating (risk-based approach, AML Law 2024 Arts. 4, 27, 29, 30): a scoring
 * model as data per platform, ratings with every factor's contribution, overrides by
 * compliance (four-eyes to lower a computed high or below a floor, to lower a high rating by
 * editing inputs, and to change thresholds or floors of the model), review cadence and overdue-review alerts,
 * enhanced due diligence checklists and beneficial owners. See RISK-RATING.md.
 */
export {
  BeneficialOwnerSchema,
  CONTROL_TYPES,
  isUltimateOwner,
  listBeneficialOwners,
  removeBeneficialOwner,
  saveBeneficialOwner,
  UBO_OWNERSHIP_BP_MIN,
} from './beneficial-owners.js';
export type { BeneficialOwner, BeneficialOwnerInput } from './beneficial-owners.js';
export { DEFAULT_RISK_MODEL } from './default-risk-model.js';
export { changeRiskInputs, inputChangeNeedsApproval } from './input-change.js';
export { modelChangeNeedsApproval, requestModelSave } from './model-change.js';
export type { ModelSaveOutcome } from './model-change.js';
export type { InputChangeOutcome, InputChangeRequest } from './input-change.js';
export {
  EDD_STATUSES,
  EddItemUpdateSchema,
  loadEddChecklist,
  recordEddItem,
} from './edd-checklist.js';
export type { EddChecklist, EddItem, EddStatus } from './edd-checklist.js';
export { highestFloor, overrideLapses, overrideNeedsApproval } from './override-policy.js';
export { rateAllCustomers, rateCustomerPage, rateCustomersInTx } from './rate-customers.js';
export type {
  BatchProgress,
  BatchResult,
  PageResult,
  RateOptions,
  RatingOutcome,
} from './rate-customers.js';
export { RATING_TRIGGERS, stateAfterRating } from './rating-state.js';
export type { RatingState, RatingTrigger } from './rating-state.js';
export { loadStates } from './rating-store.js';
export { addMonthsIso, isReviewOverdue, nextReviewDate } from './review-schedule.js';
export {
  loadRiskAttributes,
  RISK_ATTRIBUTES_DEFAULT,
  RiskAttributesSchema,
  saveRiskAttributes,
} from './risk-attributes.js';
export type { RiskAttributes } from './risk-attributes.js';
export { loadRiskInputs, SHARED_DEVICE_RULE_IDS } from './risk-inputs-store.js';
export { RISK_LIMITS } from './risk-limits.js';
export { loadActiveModel, saveModel } from './risk-model-store.js';
export type { ActiveRiskModel } from './risk-model-store.js';
export {
  CHANNELS,
  higherLevel,
  levelRank,
  PEP_STATUSES,
  RISK_LEVELS,
  RiskModelSchema,
  SANCTIONS_STATUSES,
} from './risk-model.js';
export type {
  OnboardingChannel,
  PepStatus,
  RiskLevel,
  RiskModel,
  SanctionsStatus,
} from './risk-model.js';
export { executeRiskOverride, OVERRIDE_REASON_CHARS_MIN, overrideRating } from './risk-override.js';
export type { OverrideOutcome } from './risk-override.js';
export { loadRatingDetail } from './rating-detail.js';
export type { RatingDetail } from './rating-detail.js';
export { listRatings, ratingHistory } from './risk-queries.js';
export type { RatingFilter, RatingHistoryItem, RatingListItem } from './risk-queries.js';
export { RISK_FACTORS, scoreCustomer } from './risk-score.js';
export type { RiskFactor, RiskInputs, RiskReason, RiskScore } from './risk-score.js';
export {
  CHANGE_WINDOW_MS,
  rerateChangedCustomers,
  REVIEW_OVERDUE_RULE_ID,
  RISK_SYSTEM_ACTOR,
  sweepOverdueReviews,
} from './risk-sweeps.js';
export { readScreeningStatus, SCREENING_STATUS_RELATION } from './sanctions-status.js';
export type { SanctionsStatusReader } from './sanctions-status.js';
