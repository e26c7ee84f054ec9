import type { Money } from '../api/index.js';

/** Wire shapes of the cases API (src/cases/view-schemas.ts and src/api/routes/cases.ts). */
export const CASE_STATES = ['open', 'investigating', 'escalated', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_QUEUES = ['rules', 'kri', 'reconciliation', 'security', 'compliance'] as const;
export type CaseQueue = (typeof CASE_QUEUES)[number];

/** Lowest first: the order is the ranking. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DISPOSITIONS = [
  'false_positive',
  'confirmed_reported',
  'frozen',
  'referred',
  'remediated',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const CASE_MOVES = ['start_investigation', 'escalate', 'return_to_investigation'] as const;
export type CaseMove = (typeof CASE_MOVES)[number];

/** Reason codes custody accepts for a freeze (src/custody/freeze-ops.ts). */
export const FREEZE_REASON_CODES = [
  'suspected_fraud',
  'aml_investigation',
  'court_order',
  'regulator_request',
  'customer_request',
  'deceased',
  'sanctions_hit',
  'misappropriation_risk',
  'other',
] as const;

export type SlaStatus = 'on_time' | 'warning' | 'breached' | 'met';

export interface CaseView {
  id: string;
  platformId: string;
  customerId: string | null;
  queue: CaseQueue;
  state: CaseState;
  severity: Severity;
  priority: number;
  assigneeId: string | null;
  alertCount: number;
  openedAt: string;
  triagedAt: string | null;
  slaWarnAt: string;
  slaDueAt: string;
  slaStatus: SlaStatus;
  slaWarnedAt: string | null;
  slaBreachedAt: string | null;
  closeApprovalId: string | null;
  disposition: Disposition | null;
  closeReason: string | null;
  closedBy: string | null;
  closeApprovedBy: string | null;
  closedAt: string | null;
  updatedAt: string;
}

/** Why an alert fired: observed values against the rule's thresholds. */
export interface AlertExplanation {
  summary?: unknown;
  values?: unknown;
  thresholds?: unknown;
  eventIds?: unknown;
  truncated?: unknown;
}

export interface AlertView {
  id: string;
  platformId: string;
  alertKey: string;
  source: 'rule' | 'typology' | 'kri' | 'reconciliation' | 'security' | 'compliance';
  ruleId: string;
  ruleVersion: number;
  severity: Severity;
  customerId: string | null;
  score: number;
  explanation: AlertExplanation & Record<string, unknown>;
  caseId: string;
  occurrences: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface CaseEvent {
  id: string;
  kind: string;
  actor: string;
  detail: Record<string, unknown>;
  at: string;
}

export interface EvidenceView {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  description: string | null;
  addedBy: string;
  addedAt: string;
}

export interface CaseInstruction {
  id: string;
  type: string;
  status: string;
  amount: Money;
  currency: string;
  purpose: string;
  direction: 'in' | 'out';
  counterpartyAccountId: string;
  counterpartyAccountType: string;
  counterpartyCustomerId: string | null;
  holdReason: string | null;
  createdAt: string;
}

export interface CaseCounterparty {
  accountId: string;
  accountType: string;
  customerId: string | null;
  currency: string;
  instructionCount: number;
  inflow: Money;
  outflow: Money;
}

export interface CaseWorkspace {
  case: CaseView;
  allowedCommands: string[];
  alerts: AlertView[];
  timeline: CaseEvent[];
  evidence: EvidenceView[];
  instructions: CaseInstruction[];
  counterparties: CaseCounterparty[];
  strDrafts: { id: string; status: string; createdBy: string; createdAt: string }[];
}

export interface CaseFilter {
  state: CaseState | '';
  queue: CaseQueue | '';
  severity: Severity | '';
  /** Only cases assigned to the signed-in person. */
  mine: boolean;
}

export interface CaseList {
  items: CaseView[];
  nextCursor: string | null;
}

export interface DurationStats {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
  meanMs: number | null;
}

export interface CaseMetrics {
  queues: {
    queue: CaseQueue;
    cases: number;
    open: number;
    closed: number;
    timeToTriage: DurationStats;
    timeToClose: DurationStats;
    slaBreachRate: number | null;
  }[];
  rules: {
    ruleId: string;
    closedCases: number;
    falsePositives: number;
    falsePositiveRate: number | null;
  }[];
  casesRead: number;
}

export type CloseReply =
  | { caseId: string; status: 'closed' }
  | { caseId: string; status: 'awaiting_approval'; approvalId: string };

export interface EvidenceUpload {
  fileName: string;
  contentBase64: string;
  description?: string;
}
