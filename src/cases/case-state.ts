import { CLOSE_REASON_LENGTH_MAX, CLOSE_REASON_LENGTH_MIN } from './case-limits.js';
import { caseFailure, caseSuccess, type CaseResult } from './case-error.js';
import type { Severity } from './severity.js';

export const CASE_STATES = ['open', 'investigating', 'escalated', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** How a case ended. `confirmed_reported` is a reporting decision: always four-eyes. */
export const DISPOSITIONS = [
  'false_positive',
  'confirmed_reported',
  'frozen',
  'referred',
  'remediated',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export type CaseCommand =
  | { kind: 'start_investigation' }
  | { kind: 'escalate' }
  | { kind: 'return_to_investigation' }
  | { kind: 'close'; disposition: string; reason: string };
export type CaseCommandKind = CaseCommand['kind'];

/** What the state machine decides on: a closed case always has a disposition and a reason. */
export interface CaseLifecycle {
  state: CaseState;
  disposition: Disposition | null;
  closeReason: string | null;
}

/** Where each command may be given, and where it leads. Closed is final. */
const TRANSITIONS: Readonly<Record<CaseState, Partial<Record<CaseCommandKind, CaseState>>>> = {
  open: { start_investigation: 'investigating', escalate: 'escalated' },
  investigating: { escalate: 'escalated', close: 'closed' },
  escalated: { return_to_investigation: 'investigating', close: 'closed' },
  closed: {},
};

export function isDisposition(value: unknown): value is Disposition {
  return typeof value === 'string' && (DISPOSITIONS as readonly string[]).includes(value);
}

/** The commands a case in this state accepts, for the workspace's buttons. */
export function allowedCommands(state: CaseState): CaseCommandKind[] {
  return Object.keys(TRANSITIONS[state]) as CaseCommandKind[];
}

/**
 * The case after `command`, or the refusal. Closing needs a known disposition and a written
 * reason of at least CLOSE_REASON_LENGTH_MIN characters (PBOC Order 3 Art. 13: the reason an
 * alert was excluded is kept).
 */
export function applyCaseCommand(
  current: CaseLifecycle,
  command: CaseCommand,
): CaseResult<CaseLifecycle> {
  const next = TRANSITIONS[current.state][command.kind];
  if (next === undefined) {
    const allowed = allowedCommands(current.state);
    return caseFailure(
      current.state === 'closed' ? 'case_closed' : 'illegal_transition',
      `a case that is ${current.state} cannot take '${command.kind}'` +
        (allowed.length === 0 ? '' : `; it accepts ${allowed.join(', ')}`),
    );
  }
  if (command.kind !== 'close') return caseSuccess({ ...current, state: next });
  const checked = checkClosure(command.disposition, command.reason);
  if (!checked.ok) return checked;
  return caseSuccess({
    state: next,
    disposition: checked.value.disposition,
    closeReason: checked.value.reason,
  });
}

export function checkClosure(
  disposition: string,
  reason: string,
): CaseResult<{ disposition: Disposition; reason: string }> {
  if (!isDisposition(disposition)) {
    return caseFailure(
      'disposition_required',
      `closing needs a disposition: one of ${DISPOSITIONS.join(', ')}`,
    );
  }
  const trimmed = reason.trim();
  if (trimmed.length < CLOSE_REASON_LENGTH_MIN || trimmed.length > CLOSE_REASON_LENGTH_MAX) {
    return caseFailure(
      'reason_required',
      `closing needs a written reason of ${CLOSE_REASON_LENGTH_MIN} to ${CLOSE_REASON_LENGTH_MAX} characters`,
    );
  }
  return caseSuccess({ disposition, reason: trimmed });
}

/** High and critical closures, and every decision to report, need a second person. */
export function closeNeedsSecondPerson(severity: Severity, disposition: Disposition): boolean {
  if (disposition === 'confirmed_reported') return true;
  return severity === 'high' || severity === 'critical';
}
