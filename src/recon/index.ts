/**
 * Bank statement parsing for custody reconciliation: camt.052/053/054, MT940 and mapped CSV
 * into one normalized, bigint-minor-unit statement model, plus validation and duplicate
 * fingerprints. Pure: no I/O besides what the caller passes in. See STATEMENT_FORMAT.md.
 */
export { parseStatementFile } from './parse-statement-file.js';
export type { ParseStatementOptions } from './parse-statement-file.js';
export type {
  ParseError,
  ParseErrorCode,
  ParseFormatResult,
  ParseStatementResult,
  ParseWarning,
} from './parse-result.js';

export { parseCamt } from './parse-camt.js';
export type { CamtParseOptions } from './parse-camt.js';
export type { CamtReversalSign } from './camt-sign.js';
export { parseMt940 } from './parse-mt940.js';
export { parseCsvStatement } from './parse-csv.js';
export type { CsvBalanceInput, CsvStatementInput } from './parse-csv.js';
export { checkCsvMapping } from './csv-mapping.js';
export type { CsvColumn, CsvColumns, CsvDateFormat, CsvMapping } from './csv-mapping.js';
export { detectStatementFormat } from './detect-format.js';
export type { DetectedFormat } from './detect-format.js';

export type {
  BankTransactionCode,
  EntryDetail,
  EntryReferences,
  EntryStatus,
  Party,
  Statement,
  StatementAccount,
  StatementBalance,
  StatementEntry,
  StatementFormat,
} from './statement.js';
export { statementToJson } from './statement-json.js';
export type { Jsonified, StatementJson } from './statement-json.js';

export { decimalToMinor, minorToDecimal } from './decimal-amount.js';
export type {
  AmountFailure,
  DecimalFormat,
  DecimalSeparator,
  DecimalToMinorResult,
} from './decimal-amount.js';

export { entryFingerprintText, fingerprintEntries, sha256Hex } from './entry-fingerprint.js';
export { bookedSumMinor, validateBalance } from './validate-balance.js';
export { statementAccountKey, validateSequence } from './validate-sequence.js';
export { validateStatement, validateStatements } from './validate-statements.js';
export type {
  BalanceMismatchIssue,
  BatchSumMismatchIssue,
  CurrencyMismatchIssue,
  EntryCountMismatchIssue,
  MissingBalanceIssue,
  PageGapIssue,
  SequenceDuplicateIssue,
  SequenceGapIssue,
  UnknownCurrencyIssue,
  ValidationIssue,
  ValidationIssueCode,
  ValidationSeverity,
} from './validation-issue.js';

export {
  ENTRIES_PER_FILE_MAX,
  ENTRIES_PER_STATEMENT_MAX,
  INPUT_BYTES_HARD_MAX,
  INPUT_BYTES_MAX,
  STATEMENTS_PER_FILE_MAX,
} from './limits.js';
export { benchParse, generateBenchCamt053 } from './bench-parse.js';
