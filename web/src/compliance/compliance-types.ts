/** The compliance API's replies, as the console reads them (src/api/routes/compliance.ts). */
export type ControlOutcome = 'pass' | 'fail' | 'error';

export interface ControlView {
  id: string;
  code: string;
  title: string;
  description: string;
  ownerId: string | null;
  frequency: string;
  tests: string[];
  obligationIds: string[];
  latest: { outcome: ControlOutcome; ranAt: string } | null;
}

export interface ObligationView {
  id: string;
  jurisdiction: string;
  source: string;
  article: string;
  title: string;
  summary: string;
  inForceFrom: string | null;
  controls: ControlView[];
}

export interface TestEvidence {
  outcome: ControlOutcome;
  checked?: number;
  violations?: number;
  sampleIds?: string[];
  error?: string;
  [key: string]: unknown;
}

export interface ControlRun {
  id: string;
  ranAt: string;
  outcome: ControlOutcome;
  trigger: string;
  ranBy: string;
  evidence: { window?: { from: string; to: string }; tests?: Record<string, TestEvidence> };
}

export interface DailyPassRate {
  day: string;
  runs: number;
  passed: number;
  failed: number;
  errored: number;
}

export interface ControlHistory {
  code: string;
  runs: ControlRun[];
  daily: DailyPassRate[];
}

export interface RetentionPolicy {
  platformId: string;
  jurisdictions: string[];
  retentionYearsOverride: number | null;
  retentionYears: number;
  statutoryMinimumYears: number;
  configured: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface DueCustomer {
  customerId: string;
  relationshipEndedAt: string;
  lastTransactionAt: string | null;
  dueAt: string;
  bankAccounts: number;
}

export type ReportFileFormat = 'goaml' | 'camlmac';

/** A stored report file whose retention ran out, named by its request and hash, never content. */
export interface DueReportFile {
  /** The submission request that stored the file. */
  fileId: string;
  format: ReportFileFormat;
  reportId: string;
  reportKind: 'lvtr' | 'str';
  version: number;
  sha256: string;
  /** When the report's retention clock started. */
  retainedFrom: string;
  dueAt: string;
}

export interface RetentionRun {
  platformId: string;
  dryRun: boolean;
  policy: RetentionPolicy;
  ranAt: string;
  /** An executing run's id, recorded on every file it purged; null for a dry run. */
  runId: string | null;
  customers: DueCustomer[];
  truncated: boolean;
  /** Report files due (dry run) or purged (execute). */
  reportFiles: DueReportFile[];
  reportFilesTruncated: boolean;
  /** Past their period but kept by a retention hold or an open case. */
  held: { customers: number; reportFiles: number; truncated: boolean };
}

/** What a dry run or a request names: the customers and the report files, each maybe cut short. */
export type RetentionLists = Pick<
  RetentionRun,
  'customers' | 'truncated' | 'reportFiles' | 'reportFilesTruncated'
>;

/**
 * A four-eyes request to anonymize the customers and purge the report files listed; it runs
 * when someone else approves.
 */
export interface RetentionRequest {
  approvalId: string;
  platformId: string;
  retentionYears: number;
  customers: DueCustomer[];
  truncated: boolean;
  reportFiles: DueReportFile[];
  reportFilesTruncated: boolean;
}

/** A retention execution that anonymized or purged something (GET …/retention/runs). */
export interface RetentionRunSummary {
  /** The daily job's rtn_… id, or the approval id of an approved request. */
  runId: string;
  platformId: string;
  trigger: 'scheduled' | 'approval';
  actor: string;
  approvalId: string | null;
  approvedBy: string | null;
  retentionYears: number;
  ranAt: string;
  customersAnonymized: number;
  reportFilesPurged: number;
}

/** One run with what it carried out: customers by id, files by row, nothing personal. */
export interface RetentionRunDetail extends RetentionRunSummary {
  customers: { customerId: string; dueAt: string }[];
  reportFiles: {
    fileId: string;
    format: ReportFileFormat;
    reportId: string;
    version: number;
    sha256: string;
    purgedAt: string;
  }[];
}

/** What a retention hold keeps past its period: a customer's personal data or a report's files. */
export type RetentionHoldSubject = 'customer' | 'report';

/** A retention hold (GET …/retention/holds); released ones stay, with who and why. */
export interface RetentionHold {
  holdId: string;
  platformId: string;
  subjectType: RetentionHoldSubject;
  subjectId: string;
  reason: string;
  placedBy: string;
  placedAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
  releaseApprovalId: string | null;
  /** An open request to release the hold, awaiting a second person. */
  releaseRequest: { approvalId: string; requestedBy: string; requestedAt: string } | null;
  active: boolean;
}

/** A request to release a hold, opened for a second person's approval. */
export interface HoldReleaseRequest {
  approvalId: string;
  holdId: string;
  subjectType: RetentionHoldSubject;
  subjectId: string;
}
