import type { Severity } from '../../cases/severity.js';
import type { ControlOutcome } from '../control-results.js';

/**
 * A control's outcome from its tests': any failure is a finding and decides; otherwise a test
 * that could not run leaves the control unproven (error); all passing passes.
 */
export function combineOutcomes(outcomes: readonly ControlOutcome[]): ControlOutcome {
  if (outcomes.length === 0) return 'error';
  if (outcomes.includes('fail')) return 'fail';
  if (outcomes.includes('error')) return 'error';
  return 'pass';
}

/** Failures that mean client money or the evidence itself may be compromised are critical. */
const CRITICAL_ON_FAIL: ReadonlySet<string> = new Set(['CTL-AUTH-DEBIT', 'CTL-AUDIT-LOG']);

export function failSeverityOf(code: string, outcome: ControlOutcome): Severity {
  if (outcome === 'error') return 'medium';
  return CRITICAL_ON_FAIL.has(code) ? 'critical' : 'high';
}
