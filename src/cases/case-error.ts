import type { CustodyError, CustodyErrorCode } from '../custody/index.js';

/**
 * Refusals of the case, incident and notification services, with the HTTP status each one
 * means. Custody refusals (a hold or freeze taken from a case) pass through with their own codes.
 */
export const CASE_ERROR_STATUS = {
  unknown_case: 404,
  unknown_alert: 404,
  unknown_evidence: 404,
  unknown_principal: 404,
  unknown_incident: 404,
  unknown_playbook: 404,
  unknown_incident_step: 404,
  unknown_endpoint: 404,
  unknown_notification: 404,
  illegal_transition: 409,
  case_closed: 409,
  close_pending: 409,
  disposition_required: 400,
  reason_required: 400,
  no_principal_in_role: 409,
  evidence_too_large: 413,
  evidence_type_refused: 415,
  evidence_duplicate: 409,
  evidence_limit_reached: 409,
  incident_closed: 409,
  incident_steps_open: 409,
  review_missing: 409,
  review_exists: 409,
  step_not_pending: 409,
  not_dead_lettered: 409,
} as const;
export type CaseErrorCode = keyof typeof CASE_ERROR_STATUS;

export interface CaseError {
  code: CaseErrorCode | CustodyErrorCode;
  message: string;
}

export type CaseResult<T> = { ok: true; value: T } | { ok: false; error: CaseError };

export function caseFailure<T = never>(code: CaseErrorCode, message: string): CaseResult<T> {
  return { ok: false, error: { code, message } };
}

export function caseSuccess<T>(value: T): CaseResult<T> {
  return { ok: true, value };
}

export function fromCustodyError<T = never>(error: CustodyError): CaseResult<T> {
  return { ok: false, error: { code: error.code, message: error.message } };
}
