/**
 * Refusals of the risk register, each code one of the API's problem codes (src/api/problem.ts).
 */
export type RiskErrorCode =
  'validation_failed' | 'not_found' | 'duplicate' | 'invalid_state' | 'unknown_principal';

export interface RiskError {
  code: RiskErrorCode;
  message: string;
}

export type RiskResult<T> = { ok: true; value: T } | { ok: false; error: RiskError };

export function riskFailure<T = never>(code: RiskErrorCode, message: string): RiskResult<T> {
  return { ok: false, error: { code, message } };
}

export function riskSuccess<T>(value: T): RiskResult<T> {
  return { ok: true, value };
}
