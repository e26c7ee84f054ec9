/**
 * The monitoring API as the console reads it (src/api/routes/monitoring.ts and
 * src/monitor-service). Amounts arrive as integer minor units in text.
 */
export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface CustodyTotals {
  currency: string;
  custodyMinor: string;
  reserveMinor: string;
  bankMinor: string;
}

export interface AlertCount {
  /** YYYY-MM-DD (the database's day of first sight). */
  day: string;
  severity: string;
  ruleId: string;
  count: number;
}

export interface MonitorStats {
  leafIndex: number;
  events: number;
  alerts: number;
  gateChecks: number;
  gateHolds: number;
  gateRejects: number;
  gateRejectsUnrecorded: number;
  /** Times a platform's stored rules could not be used (it kept the rules it ran). */
  packErrors: number;
  gateOverBudget: number;
  engines: number;
}

export interface MonitoringOverview {
  balances: CustodyTotals[];
  alerts: AlertCount[];
  monitor: MonitorStats | null;
}

export type KriLight = 'green' | 'amber' | 'red';

export interface KriPoint {
  value: number;
  status: KriLight;
  readAt: string;
}

export interface Kri {
  id: string;
  title: string;
  unit: 'ratio' | 'count';
  worse: 'higher' | 'lower';
  /** The thresholds in force for the platform: its own, or the defaults. */
  amberAt: number;
  redAt: number;
  defaults: { amberAt: number; redAt: number };
  /** Whether the platform set its own thresholds. */
  custom: boolean;
  /** A change asked for and awaiting a second person (null values: back to the defaults). */
  pendingChange: { approvalId: string; amberAt: number | null; redAt: number | null } | null;
  basis: string;
  latest: (KriPoint & { detail: Record<string, unknown> }) | null;
  history: KriPoint[];
}

/** A rule or typology definition: typed loosely, the server validates it. */
export type Definition = Record<string, unknown>;

export type RuleKind = 'rule' | 'typology';
export type VersionStatus = 'draft' | 'pending_activation' | 'active' | 'retired';

export interface StoredVersion {
  platformId: string;
  ruleId: string;
  version: number;
  kind: RuleKind;
  status: VersionStatus;
  definition: Definition;
  createdBy: string;
  createdAt: string;
  activatedBy: string | null;
  activatedAt: string | null;
  activationApprovalId: string | null;
}

export interface RulePackView {
  packId: string;
  rules: Definition[];
  typologies: Definition[];
  versions: StoredVersion[];
}

/** One validation complaint, the path dotted from the definition's root (params.window.windowMs). */
export interface DefinitionIssue {
  path: string;
  message: string;
}

export interface BacktestSide {
  alerts: number;
  perThousandCustomers: number;
}

export interface BacktestExample {
  alertKey: string;
  ruleId: string;
  customerId: string | null;
  severity: string;
  atMs: number;
  explanation: { summary: string };
}

export interface BacktestReport {
  fromMs: number;
  toMs: number;
  events: number;
  customers: number;
  active: BacktestSide;
  draft: BacktestSide;
  overlap: number;
  newAlerts: number;
  lostAlerts: number;
  byRule: { ruleId: string; active: number; draft: number }[];
  byDay: { day: string; active: number; draft: number }[];
  newExamples: BacktestExample[];
  lostExamples: BacktestExample[];
}
