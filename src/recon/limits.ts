import { assert } from '../assert.js';

/**
 * Bounds for everything the statement parsers read. A file that exceeds one is rejected with a
 * typed error instead of being half-read, so the reconciliation layer never sees a truncated day.
 */

/** Raw file size accepted by parseStatementFile (50 MiB covers a busy custody account-day). */
export const INPUT_BYTES_MAX = 50 * 1024 * 1024;
/** Upper bound a caller may raise inputBytesMax to (for example the bench). */
export const INPUT_BYTES_HARD_MAX = 256 * 1024 * 1024;
export const STATEMENTS_PER_FILE_MAX = 10_000;
export const ENTRIES_PER_STATEMENT_MAX = 200_000;
export const ENTRIES_PER_FILE_MAX = 1_000_000;
/** Transaction details (camt TxDtls) inside one batch entry. */
export const DETAILS_PER_ENTRY_MAX = 20_000;
export const BALANCES_PER_STATEMENT_MAX = 64;
/** Unstructured remittance lines (camt Ustrd) kept per transaction. */
export const REMITTANCE_LINES_MAX = 64;
/** Longest amount text we convert; bounds the bigint and rejects digit floods. */
export const AMOUNT_TEXT_CHARS_MAX = 40;
/** MT940 fields per file; every field needs at least one line of five characters. */
export const MT940_FIELDS_PER_FILE_MAX = Math.ceil(INPUT_BYTES_HARD_MAX / 5);
/** Continuation lines of one MT940 field (:86: allows 6 × 65, banks send more). */
export const MT940_LINES_PER_FIELD_MAX = 200;
export const CSV_ROWS_MAX = ENTRIES_PER_STATEMENT_MAX;
export const CSV_RECORD_BYTES_MAX = 64 * 1024;
/** XML nesting depth; camt.053 needs about 14 levels, so 64 leaves room and stops depth bombs. */
export const XML_DEPTH_MAX = 64;
/**
 * camt entries parsed per XML tree. Building the tree a chunk at a time instead of for the
 * whole file lowers peak memory (100,000 entries: about 590 MB instead of 900 MB resident)
 * at equal speed; a hundred entries amortise the parser's fixed cost per call.
 */
export const XML_ENTRIES_PER_CHUNK = 100;
/** Characters of the file head scanned to find the camt namespace before a full parse. */
export const XML_HEAD_CHARS_MAX = 8192;

assert(INPUT_BYTES_MAX <= INPUT_BYTES_HARD_MAX, 'default input limit above the hard limit');
assert(ENTRIES_PER_STATEMENT_MAX <= ENTRIES_PER_FILE_MAX, 'statement limit above file limit');
assert(CSV_ROWS_MAX <= ENTRIES_PER_STATEMENT_MAX, 'a CSV file is one statement');
assert(DETAILS_PER_ENTRY_MAX > 1, 'a batch entry needs at least two details');
assert(XML_DEPTH_MAX >= 20, 'camt.053 nests about 14 levels deep');
