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

export interface RetentionRun {
  platformId: string;
  dryRun: boolean;
  policy: RetentionPolicy;
  ranAt: string;
  customers: DueCustomer[];
  truncated: boolean;
}

/** A four-eyes request to anonymize the customers listed; it runs when someone else approves. */
export interface RetentionRequest {
  approvalId: string;
  platformId: string;
  retentionYears: number;
  customers: DueCustomer[];
  truncated: boolean;
}
