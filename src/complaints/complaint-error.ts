import type { Database, Queryable } from '../store/index.js';
import { shareVault } from './sealed-text.js';

/** Refusals of the complaints, privacy request and risk notice services, with HTTP status. */
export const COMPLAINT_ERROR_STATUS = {
  unknown_complaint: 404,
  unknown_privacy_request: 404,
  unknown_risk_notice: 404,
  unknown_attachment: 404,
  complaint_rate_limited: 429,
  attachment_too_large: 413,
  attachment_type_refused: 415,
  export_not_available: 410,
  notice_text_mismatch: 409,
  privacy_request_closed: 409,
} as const;
export type ComplaintErrorCode = keyof typeof COMPLAINT_ERROR_STATUS;

/** Codes this module may answer with: its own and a few general ones. */
export type ComplaintFailureCode =
  | ComplaintErrorCode
  | 'validation_failed'
  | 'unknown_customer'
  | 'unknown_freeze'
  | 'unknown_instruction'
  | 'unknown_case'
  | 'invalid_state';

export interface ComplaintError {
  code: ComplaintFailureCode;
  message: string;
  detail?: Record<string, unknown>;
}

export type ComplaintResult<T> = { ok: true; value: T } | { ok: false; error: ComplaintError };

export function refuse<T = never>(
  code: ComplaintFailureCode,
  message: string,
  detail?: Record<string, unknown>,
): ComplaintResult<T> {
  return { ok: false, error: detail === undefined ? { code, message } : { code, message, detail } };
}

export function accept<T>(value: T): ComplaintResult<T> {
  return { ok: true, value };
}

/** Thrown inside a transaction to roll it back and answer with the refusal. */
export class ComplaintRefusal extends Error {
  constructor(readonly error: ComplaintError) {
    super(error.message);
  }
}

/** Runs `work` in one transaction; a ComplaintRefusal thrown inside rolls it back and is returned. */
export async function refusable<T>(
  db: Database,
  work: (tx: Queryable) => Promise<T>,
): Promise<ComplaintResult<T>> {
  try {
    return accept(
      await db.transaction((tx) => {
        shareVault(db, tx);
        return work(tx);
      }),
    );
  } catch (error) {
    if (error instanceof ComplaintRefusal) return { ok: false, error: error.error };
    throw error;
  }
}
