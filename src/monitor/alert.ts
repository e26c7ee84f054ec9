/** What the monitoring engine hands to case management: an alert with its reasons. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AlertExplanation {
  /** One sentence in English that a person can check against the values below. */
  summary: string;
  /** What was observed; amounts as decimal strings followed by the currency code. */
  values: Record<string, string | number>;
  /** What the observations were compared against, in the same units. */
  thresholds: Record<string, string | number>;
  /** The instructions involved, newest last, at most ALERT_EVENT_IDS_MAX. */
  eventIds: string[];
}

export interface MonitoringAlert {
  /** Deterministic: the same episode (rule, subject, window) always gives the same key. */
  alertKey: string;
  platformId: string;
  source: 'rule' | 'typology';
  /** The rule id, or the typology id for typology alerts. */
  ruleId: string;
  ruleVersion: number;
  severity: Severity;
  customerId: string | null;
  /** 0.5 at a rule's threshold rising to 1 at twice it; the weighted score for typologies. */
  score: number;
  /** Time of the event that completed the pattern. */
  atMs: number;
  explanation: AlertExplanation;
}

export type SyncDecision =
  { action: 'allow' } | { action: 'hold' | 'reject'; alerts: MonitoringAlert[] };
