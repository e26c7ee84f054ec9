/** Alert and case severities, lowest first: the order is the ranking. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** Priority 1 is worked first: critical → 1, high → 2, medium → 3, low → 4. */
export function priorityOf(severity: Severity): 1 | 2 | 3 | 4 {
  return (SEVERITIES.length - severityRank(severity)) as 1 | 2 | 3 | 4;
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}
