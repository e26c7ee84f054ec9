/**
 * How a camt entry's sign follows from CdtDbtInd and RvslInd.
 *
 * ISO 20022 defines CdtDbtInd as the direction of the booking itself; RvslInd only says the
 * booking undoes an earlier one ("CRDT with RvslInd true: the original operation was a debit").
 * So by the standard the indicator alone gives the balance effect ('booking'). Some banks
 * instead repeat the original direction and expect the reader to invert it on reversal; for
 * those the caller passes 'flip'. The balance check exposes a wrong choice immediately.
 */
export type CamtReversalSign = 'booking' | 'flip';

export interface CamtDirection {
  /** Effect on the account: 1n credit, -1n debit. */
  readonly bookedSign: 1n | -1n;
  /** Direction of the operation being reported or reversed; decides who the counterparty is. */
  readonly originalSign: 1n | -1n;
}

export function camtDirection(
  indicator: 1n | -1n,
  reversal: boolean,
  mode: CamtReversalSign,
): CamtDirection {
  const inverted: 1n | -1n = indicator === 1n ? -1n : 1n;
  if (mode === 'booking') {
    return { bookedSign: indicator, originalSign: reversal ? inverted : indicator };
  }
  return { bookedSign: reversal ? inverted : indicator, originalSign: indicator };
}
