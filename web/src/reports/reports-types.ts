/** What the report and risk-rating routes answer (src/api/routes/reports.ts, customer-risk.ts). */
export type ReportKind = 'lvtr' | 'str';
export type ReportStatus = 'draft' | 'approved' | 'submitted' | 'withdrawn';
export const REPORT_KINDS: readonly ReportKind[] = ['lvtr', 'str'];
export const REPORT_STATUSES: readonly ReportStatus[] = [
  'draft',
  'approved',
  'submitted',
  'withdrawn',
];

export interface ReportView {
  id: string;
  kind: ReportKind;
  purpose: 'new' | 'correction' | 'deletion';
  originalReportId: string | null;
  status: ReportStatus;
  overdue: boolean;
  businessDate: string | null;
  /** LVTR: which of its day's reports this is; a busy day is split into parts. */
  lvtrPart: number | null;
  caseId: string | null;
  currentVersion: number;
  deadlineDate: string;
  submitApprovalId: string | null;
  submitRequestedBy: string | null;
  approvedBy: string | null;
  approvedVersion: number | null;
  submittedAt: string | null;
  fiuRefNumber: string | null;
  /** Status `withdrawn`: who withdrew the report, when and why. */
  withdrawnBy: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  createdAt: string;
}

export interface ReportList {
  items: ReportView[];
  nextCursor: string | null;
}

export interface ReportVersion {
  version: number;
  note: string | null;
  editedBy: string;
  editedAt: string;
}

export interface StrContent {
  kind: 'str';
  reason: string;
  action: string;
  indicators: string[];
  subjects: { customerId: string }[];
  transactions: { instructionId: string }[];
}

export interface LvtrContent {
  kind: 'lvtr';
  businessDate: string;
  items: {
    customerId: string;
    direction: 'in' | 'out';
    category: string;
    totalCnyMinor: string;
    instructionIds: string[];
  }[];
}

export interface ReportDetail {
  report: ReportView;
  content: StrContent | LvtrContent;
  versions: ReportVersion[];
}

export type RiskLevel = 'low' | 'medium' | 'high';
export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];

export interface RatingListItem {
  customerId: string;
  customerKind: 'person' | 'entity';
  externalRef: string;
  score: number;
  computedLevel: RiskLevel;
  level: RiskLevel;
  overridden: boolean;
  overridePending: boolean;
  ratedAt: string;
  nextReviewDate: string;
  reviewOverdue: boolean;
}

export interface RiskReason {
  factor: string;
  points: number;
  detail: string;
  floor?: RiskLevel;
}

export interface BeneficialOwner {
  id: string;
  name: string;
  ownershipPercent: number;
  controlType: string;
  nationality: string | null;
  isUbo: boolean;
}

export interface RatingDetail {
  customerId: string;
  customerKind: 'person' | 'entity';
  externalRef: string;
  rating: {
    score: number;
    computedLevel: RiskLevel;
    level: RiskLevel;
    override: { level: RiskLevel; reason: string; by: string; approvedBy: string | null } | null;
    overrideApprovalId: string | null;
    ratedAt: string;
    lastReviewedAt: string;
    nextReviewDate: string;
    reviewOverdue: boolean;
  } | null;
  modelVersion: number;
  history: {
    ratingId: string;
    score: number;
    level: RiskLevel;
    computedLevel: RiskLevel;
    reasons: RiskReason[];
    trigger: string;
    note: string | null;
    ratedBy: string;
    ratedAt: string;
  }[];
  beneficialOwners: BeneficialOwner[];
  /** What compliance recorded for the risk model and monitoring (PUT …/attributes). */
  attributes: {
    occupationCategory: string | null;
    industryCategory: string | null;
    products: string[];
    onboardingChannel: string;
    pepStatus: string;
    /** CNY, two decimals; null or absent when nothing is declared. */
    declaredMonthlyCny?: string | null;
  };
  edd: {
    level: RiskLevel;
    complete: boolean;
    items: { item: string; required: boolean; status: string; note: string | null }[];
  } | null;
}

/** How a relationship was opened, as the API accepts it (src/customer-risk/risk-model.ts). */
export const ONBOARDING_CHANNELS = ['face_to_face', 'remote'] as const;
export type OnboardingChannel = (typeof ONBOARDING_CHANNELS)[number];

/** PEP statuses, as the API accepts them (src/customer-risk/risk-model.ts). */
export const PEP_STATUSES = [
  'none',
  'domestic',
  'foreign',
  'international_org',
  'associate',
] as const;
export type PepStatus = (typeof PEP_STATUSES)[number];

/** The body of PUT …/attributes: all of them at once; a declared figure left out is none. */
export interface RiskAttributesBody {
  occupationCategory: string | null;
  industryCategory: string | null;
  products: string[];
  onboardingChannel: OnboardingChannel;
  pepStatus: PepStatus;
  declaredMonthlyCny: string | null;
}

/** PUT …/attributes: the customer re-rated (200), or a lowered high rating awaiting approval (202). */
export type AttributesOutcome =
  | {
      customerId: string;
      score: number;
      computedLevel: RiskLevel;
      level: RiskLevel;
      previousLevel: RiskLevel | null;
    }
  | { status: 'pending_approval'; approvalId: string };

/** Of the model in force (GET …/risk-model), the codes the attributes are scored by. */
export interface ActiveRiskModel {
  version: number;
  model: {
    occupation: { points: Record<string, number> };
    industry: { points: Record<string, number> };
    products: { points: Record<string, number> };
  };
}

export const CONTROL_TYPES = [
  'ownership',
  'voting_rights',
  'board_control',
  'senior_manager',
  'other_means',
] as const;
