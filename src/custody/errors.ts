/**
 * Every way an instruction or custody action can be refused, with a stable code. The HTTP
 * shell maps each code to a status and a problem type URI; the CLI prints the message.
 */
export const CUSTODY_ERROR_STATUS = {
  validation_failed: 400,
  bad_amount: 400,
  unknown_currency: 400,
  unknown_account: 404,
  unknown_bank_account: 404,
  unknown_customer: 404,
  unknown_instruction: 404,
  unknown_freeze: 404,
  unknown_approval: 404,
  not_found: 404,
  unknown_key: 422,
  currency_mismatch: 422,
  wrong_account_type: 422,
  same_account: 422,
  insufficient_funds: 422,
  pending_exceeded: 422,
  account_frozen: 423,
  authorization_missing: 403,
  authorization_not_allowed: 422,
  authorization_expired: 403,
  authorization_replayed: 403,
  bad_signature: 403,
  bad_passkey_assertion: 403,
  passkey_unknown: 403,
  passkey_counter_regressed: 403,
  key_revoked: 403,
  key_not_customer: 403,
  mandate_unknown: 403,
  mandate_mismatch: 403,
  mandate_expired: 403,
  mandate_exceeded: 403,
  idempotency_conflict: 409,
  invalid_state: 409,
  duplicate: 409,
  /** A report's correction or deletion is refused while an earlier one is not yet submitted. */
  follow_up_pending: 409,
  /** A large-value batch for a CST day that has not yet ended (its postings are not final). */
  report_day_not_ended: 422,
  /** A large-value day needs more reports than REPORT_LIMITS.lvtrPartsPerDayMax allows. */
  report_parts_exceeded: 422,
  /** A stored report file whose content the retention run purged: it existed, it is gone. */
  report_file_purged: 410,
  self_approval: 403,
  approval_expired: 409,
  forbidden: 403,
  monitoring_rejected: 422,
} as const;

export type CustodyErrorCode = keyof typeof CUSTODY_ERROR_STATUS;

export interface CustodyError {
  code: CustodyErrorCode;
  message: string;
  detail?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CustodyError };

export function failure<T = never>(
  code: CustodyErrorCode,
  message: string,
  detail?: Record<string, unknown>,
): Result<T> {
  return { ok: false, error: detail === undefined ? { code, message } : { code, message, detail } };
}

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Refusals that mean someone tried to move a customer's money without that customer's say. */
export const UNAUTHORIZED_DEBIT_CODES: ReadonlySet<CustodyErrorCode> = new Set([
  'authorization_missing',
  'authorization_expired',
  'authorization_replayed',
  'bad_signature',
  'bad_passkey_assertion',
  'passkey_unknown',
  'passkey_counter_regressed',
  'key_revoked',
  'key_not_customer',
  'unknown_key',
  'mandate_unknown',
  'mandate_mismatch',
  'mandate_expired',
  'mandate_exceeded',
]);
