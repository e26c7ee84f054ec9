import type { CustodyError } from '../custody/errors.js';

/**
 * Thrown by an executor whose action can no longer be carried out (say, a held instruction's
 * account was frozen after the request). It rolls the decision back; `decideApproval` turns it
 * into a refusal carrying the executor's error.
 */
export class ApprovalExecutionRefused extends Error {
  readonly error: CustodyError;
  constructor(error: CustodyError) {
    super(error.message);
    this.name = 'ApprovalExecutionRefused';
    this.error = error;
  }
}
