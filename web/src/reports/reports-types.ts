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

export const CONTROL_TYPES = [
  'ownership',
  'voting_rights',
  'board_control',
  'senior_manager',
  'other_means',
] as const;
