import { assert } from '../../assert.js';

/** What a safeguarding check reads, per currency, for one day. */
export interface SafeguardingFigures {
  /** The bank's closing balance of the custody account on the latest statement ≤ the day. */
  readonly bankClosingMinor: bigint | null;
  readonly bankClosingDate: string | null;
  /** What the books owe customers (posted balances of customer accounts). */
  readonly customerLiabilitiesMinor: bigint;
  readonly reserveMinor: bigint;
  readonly feesMinor: bigint;
  readonly suspenseMinor: bigint;
  /** The books' own view of the custody account, for comparison. */
  readonly bookCustodyMinor: bigint;
  /** Journal entries the bank has not shown yet (signed: + money expected in). */
  readonly unmatchedBookMinor: bigint;
  /** Bank lines up to the closing date the books have not explained. */
  readonly unmatchedBankMinor: bigint;
}

export interface SafeguardingAssessment {
  readonly status: 'ok' | 'shortfall' | 'excess' | 'no_statement';
  readonly severity: 'info' | 'warning' | 'critical';
  readonly requiredMinor: bigint;
  readonly adjustedBankMinor: bigint | null;
  /** adjusted bank − required: negative is a shortfall of client money. */
  readonly driftMinor: bigint | null;
  readonly reserveRequiredMinor: bigint;
  readonly reserveAdequate: boolean;
}

/**
 * Pure: the bank balance adjusted for items in flight (book entries the bank will show, bank
 * lines the books will show) must cover customer balances plus the reserve. The reserve must
 * be at least `reserveShareBasisPoints` of customer balances, rounded up.
 */
export function assessSafeguarding(
  figures: SafeguardingFigures,
  reserveShareBasisPoints: number,
): SafeguardingAssessment {
  assert(Number.isInteger(reserveShareBasisPoints), 'basis points are whole');
  assert(reserveShareBasisPoints >= 0 && reserveShareBasisPoints <= 10_000, 'share within 0..100%');
  const requiredMinor = figures.customerLiabilitiesMinor + figures.reserveMinor;
  const share = BigInt(reserveShareBasisPoints);
  const owed = figures.customerLiabilitiesMinor > 0n ? figures.customerLiabilitiesMinor : 0n;
  const reserveRequiredMinor = (owed * share + 9_999n) / 10_000n;
  const reserveAdequate = figures.reserveMinor >= reserveRequiredMinor;
  if (figures.bankClosingMinor === null) {
    return {
      status: 'no_statement',
      severity: 'warning',
      requiredMinor,
      adjustedBankMinor: null,
      driftMinor: null,
      reserveRequiredMinor,
      reserveAdequate,
    };
  }
  const adjustedBankMinor =
    figures.bankClosingMinor + figures.unmatchedBookMinor - figures.unmatchedBankMinor;
  const driftMinor = adjustedBankMinor - requiredMinor;
  const status = driftMinor < 0n ? 'shortfall' : driftMinor > 0n ? 'excess' : 'ok';
  // An excess the platform's own money at the bank (fees, suspense) explains is expected.
  const explained = driftMinor === figures.feesMinor + figures.suspenseMinor;
  const severity =
    status === 'shortfall'
      ? 'critical'
      : !reserveAdequate || (status === 'excess' && !explained)
        ? 'warning'
        : 'info';
  assert(status !== 'shortfall' || severity === 'critical', 'a shortfall is critical');
  return {
    status,
    severity,
    requiredMinor,
    adjustedBankMinor,
    driftMinor,
    reserveRequiredMinor,
    reserveAdequate,
  };
}
