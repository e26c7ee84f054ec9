import { failure, success, type Result } from './errors.js';

export const DAY_MS = 86_400_000;

/** A standing authorization as the batch sees it, with its usage in the current period. */
export interface MandateState {
  id: string;
  customerId: string;
  payerAccountId: string;
  payeeAccountId: string;
  purpose: string;
  perInstructionMaxMinor: bigint;
  perPeriodMaxMinor: bigint;
  periodDays: number;
  validFromMs: number;
  validUntilMs: number;
  periodStartedAtMs: number;
  periodUsedMinor: bigint;
  revoked: boolean;
}

export interface MandateUse {
  payerAccountId: string;
  payeeAccountId: string;
  purpose: string;
  amountMinor: bigint;
}

/**
 * Decides whether a mandate covers one more debit, and what its period usage becomes.
 * Periods are fixed windows of `periodDays` counted from the mandate's first period start, so
 * usage resets at the same boundaries however irregular the debits are.
 */
export function applyMandate(
  mandate: MandateState,
  use: MandateUse,
  nowMs: number,
): Result<{ periodStartedAtMs: number; periodUsedMinor: bigint }> {
  if (mandate.revoked) return failure('mandate_expired', `mandate ${mandate.id} was revoked`);
  if (nowMs < mandate.validFromMs || nowMs >= mandate.validUntilMs) {
    return failure('mandate_expired', `mandate ${mandate.id} is not valid now`);
  }
  if (
    use.payerAccountId !== mandate.payerAccountId ||
    use.payeeAccountId !== mandate.payeeAccountId
  ) {
    return failure('mandate_mismatch', `mandate ${mandate.id} does not cover this payer and payee`);
  }
  if (use.purpose !== mandate.purpose) {
    return failure('mandate_mismatch', `mandate ${mandate.id} covers purpose ${mandate.purpose}`);
  }
  if (use.amountMinor > mandate.perInstructionMaxMinor) {
    return failure('mandate_exceeded', `amount exceeds the mandate's per-instruction maximum`, {
      perInstructionMaxMinor: mandate.perInstructionMaxMinor.toString(),
    });
  }
  const periodMs = mandate.periodDays * DAY_MS;
  let periodStartedAtMs = mandate.periodStartedAtMs;
  let periodUsedMinor = mandate.periodUsedMinor;
  if (nowMs >= periodStartedAtMs + periodMs) {
    const periodsElapsed = Math.floor((nowMs - periodStartedAtMs) / periodMs);
    periodStartedAtMs += periodsElapsed * periodMs;
    periodUsedMinor = 0n;
  }
  if (periodUsedMinor + use.amountMinor > mandate.perPeriodMaxMinor) {
    return failure('mandate_exceeded', `amount exceeds what the mandate allows this period`, {
      perPeriodMaxMinor: mandate.perPeriodMaxMinor.toString(),
      periodUsedMinor: periodUsedMinor.toString(),
    });
  }
  return success({ periodStartedAtMs, periodUsedMinor: periodUsedMinor + use.amountMinor });
}
