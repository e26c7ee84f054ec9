import { assert } from '../assert.js';
import type { Severity } from './severity.js';

export interface SlaPolicy {
  severity: Severity;
  /** From the case's opening (or its last tightening) to the deadline for closing it. */
  resolveWithinMs: number;
  /** When the warning goes out, as a share of resolveWithinMs in basis points (7,500 = 75 %). */
  warningBasisPoints: number;
}

const HOUR_MS = 60 * 60 * 1000;
export const SLA_POLICIES_DEFAULT: Readonly<Record<Severity, SlaPolicy>> = {
  critical: { severity: 'critical', resolveWithinMs: 4 * HOUR_MS, warningBasisPoints: 7_500 },
  high: { severity: 'high', resolveWithinMs: 24 * HOUR_MS, warningBasisPoints: 7_500 },
  medium: { severity: 'medium', resolveWithinMs: 72 * HOUR_MS, warningBasisPoints: 7_500 },
  low: { severity: 'low', resolveWithinMs: 7 * 24 * HOUR_MS, warningBasisPoints: 7_500 },
};

export interface SlaWindow {
  startedAtMs: number;
  warnAtMs: number;
  dueAtMs: number;
}

export function slaWindow(startedAtMs: number, policy: SlaPolicy): SlaWindow {
  assert(policy.resolveWithinMs > 0, 'an SLA has a positive duration');
  assert(policy.warningBasisPoints > 0 && policy.warningBasisPoints < 10_000, 'warning inside');
  const warnAfterMs = Math.floor((policy.resolveWithinMs * policy.warningBasisPoints) / 10_000);
  const window = {
    startedAtMs,
    warnAtMs: startedAtMs + warnAfterMs,
    dueAtMs: startedAtMs + policy.resolveWithinMs,
  };
  assert(window.startedAtMs <= window.warnAtMs, 'the warning comes after the start');
  assert(window.warnAtMs <= window.dueAtMs, 'the warning comes before the deadline');
  return window;
}

/**
 * The window after a case's severity rose at `nowMs`: the stricter policy starts counting now,
 * and the earlier of the two deadlines holds. A deadline never moves later.
 */
export function slaAfterSeverityRaise(
  current: SlaWindow,
  nowMs: number,
  policy: SlaPolicy,
): SlaWindow {
  const candidate = slaWindow(nowMs, policy);
  return candidate.dueAtMs < current.dueAtMs ? candidate : current;
}

export type SlaStatus = 'on_time' | 'warning' | 'breached';

export function slaStatus(window: SlaWindow, nowMs: number): SlaStatus {
  if (nowMs >= window.dueAtMs) return 'breached';
  if (nowMs >= window.warnAtMs) return 'warning';
  return 'on_time';
}

export type SlaEventKind = 'sla_warning' | 'sla_breach';

/**
 * The SLA events a sweep at `nowMs` owes an open case, in order. Each goes out once: a case
 * the sweep first sees past its deadline gets the warning and the breach together.
 */
export function slaEventsDue(
  window: SlaWindow,
  sent: { warned: boolean; breached: boolean },
  nowMs: number,
): SlaEventKind[] {
  const status = slaStatus(window, nowMs);
  const events: SlaEventKind[] = [];
  if (status !== 'on_time' && !sent.warned) events.push('sla_warning');
  if (status === 'breached' && !sent.breached) events.push('sla_breach');
  return events;
}
