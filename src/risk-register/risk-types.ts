/** Vocabulary of the risk register (seed chapter 2, §3.2.2, §5.1.2). */
export const RISK_CATEGORIES = [
  'misappropriation',
  'operational',
  'compliance',
  'technical',
  'partner',
  'liquidity',
  'credit',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Avoid the activity, reduce it with controls, transfer it (insurance, guarantees), accept. */
export const RISK_TREATMENTS = ['avoid', 'reduce', 'transfer', 'accept'] as const;
export type RiskTreatment = (typeof RISK_TREATMENTS)[number];

export const RISK_STATUSES = ['active', 'retired'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** Preventive controls make the event less likely; detective and corrective ones limit it. */
export const CONTROL_KINDS = ['preventive', 'detective', 'corrective'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

export const EFFECTIVENESS_RATINGS = [
  'effective',
  'partially_effective',
  'ineffective',
  'not_tested',
] as const;
export type Effectiveness = (typeof EFFECTIVENESS_RATINGS)[number];

export const CONTROL_OUTCOMES = ['pass', 'fail', 'error'] as const;
export type ControlOutcome = (typeof CONTROL_OUTCOMES)[number];

export const TOLERANCE_STATUSES = ['within_appetite', 'above_appetite', 'above_tolerance'] as const;
export type ToleranceStatus = (typeof TOLERANCE_STATUSES)[number];

export const SCORE_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

export const ASSESSMENT_REASONS = [
  'created',
  'assessed',
  'controls_changed',
  'control_results',
  'treatment_changed',
] as const;
export type AssessmentReason = (typeof ASSESSMENT_REASONS)[number];

export const LOSS_KINDS = ['loss', 'near_miss'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

export const PARTNER_KINDS = [
  'bank',
  'payment_channel',
  'guarantor',
  'technology_provider',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** Partner rating after due diligence: A strongest, E weakest. */
export const PARTNER_RATINGS = ['A', 'B', 'C', 'D', 'E'] as const;
export type PartnerRating = (typeof PARTNER_RATINGS)[number];

export const DUE_DILIGENCE_SCOPES = ['onboarding', 'periodic', 'event_driven'] as const;
export type DueDiligenceScope = (typeof DUE_DILIGENCE_SCOPES)[number];

/** A point on the 5×5 grid: likelihood and impact, each 1 (rare, minor) to 5. */
export interface GridPoint {
  likelihood: number;
  impact: number;
}
