/**
 * Findings of statement validation. They are values, not exceptions: a statement that does not
 * balance is still stored, flagged, and shown to an operator, because the difference itself is
 * what reconciliation has to explain.
 */

export type ValidationSeverity = 'error' | 'warning';

interface IssueBase {
  readonly severity: ValidationSeverity;
  readonly message: string;
  /** Position in the list passed to validation. */
  readonly statementIndex?: number;
  readonly statementId?: string;
}

export interface BalanceMismatchIssue extends IssueBase {
  readonly code: 'balance_mismatch';
  readonly openingMinor: bigint;
  readonly bookedSumMinor: bigint;
  readonly closingMinor: bigint;
  /** closing − (opening + booked sum); zero when the statement balances. */
  readonly differenceMinor: bigint;
}

export interface MissingBalanceIssue extends IssueBase {
  readonly code: 'missing_balance';
  readonly balance: 'opening' | 'closing';
}

export interface CurrencyMismatchIssue extends IssueBase {
  readonly code: 'currency_mismatch';
  readonly subject: 'opening_balance' | 'closing_balance' | 'other_balance' | 'entry';
  readonly entryIndex?: number;
  readonly expectedCurrency: string;
  readonly actualCurrency: string;
}

export interface UnknownCurrencyIssue extends IssueBase {
  readonly code: 'unknown_currency';
  readonly currency: string;
}

export interface EntryCountMismatchIssue extends IssueBase {
  readonly code: 'entry_count_mismatch';
  readonly declaredCount: number;
  readonly actualCount: number;
}

export interface BatchSumMismatchIssue extends IssueBase {
  readonly code: 'batch_sum_mismatch';
  readonly entryIndex: number;
  readonly entryAmountMinor: bigint;
  readonly detailsSumMinor: bigint;
}

export interface SequenceGapIssue extends IssueBase {
  readonly code: 'sequence_gap';
  readonly accountKey: string;
  readonly previousSequence: bigint;
  readonly nextSequence: bigint;
  readonly missingCount: bigint;
}

export interface SequenceDuplicateIssue extends IssueBase {
  readonly code: 'sequence_duplicate';
  readonly accountKey: string;
  readonly sequence: bigint;
  readonly pageNumber?: number;
  readonly statementIndexes: readonly [number, number];
}

export interface PageGapIssue extends IssueBase {
  readonly code: 'page_gap';
  readonly accountKey: string;
  readonly sequence: bigint;
  readonly previousPage: number;
  readonly nextPage: number;
}

export type ValidationIssue =
  | BalanceMismatchIssue
  | MissingBalanceIssue
  | CurrencyMismatchIssue
  | UnknownCurrencyIssue
  | EntryCountMismatchIssue
  | BatchSumMismatchIssue
  | SequenceGapIssue
  | SequenceDuplicateIssue
  | PageGapIssue;

export type ValidationIssueCode = ValidationIssue['code'];
