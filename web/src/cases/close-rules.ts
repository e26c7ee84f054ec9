import type { Disposition, Severity } from './case-types.js';

/** The server's closing rules (src/cases/case-state.ts), so the dialog can say them first. */
export const CLOSE_REASON_LENGTH_MIN = 10;
export const CLOSE_REASON_LENGTH_MAX = 4_000;

/** High and critical closures, and every decision to report, need a second person. */
export function closeNeedsSecondPerson(severity: Severity, disposition: Disposition): boolean {
  if (disposition === 'confirmed_reported') return true;
  return severity === 'high' || severity === 'critical';
}
